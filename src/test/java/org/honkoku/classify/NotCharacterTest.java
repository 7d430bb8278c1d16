package org.honkoku.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.honkoku.OpenCvLoader;
import org.honkoku.evaluate.TruthBox;
import org.honkoku.evaluate.TruthCsv;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.Segmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

class NotCharacterTest {

    /** Rows: bias, then features; the second feature tells the two kinds apart, the others are noise. */
    private static double[][] rows(boolean[] not, Random random) {
        double[][] x = new double[not.length][];
        for (int i = 0; i < not.length; i++) {
            double[] r = new double[NotCharacter.SHAPE_FEATURES.size() + 4];
            r[0] = 1;
            for (int j = 1; j < r.length; j++) {
                r[j] = random.nextGaussian();
            }
            r[2] += not[i] ? 3 : -3;
            x[i] = r;
        }
        return x;
    }

    @Test
    void learnsWhatTellsNoCharacterApartAndKeepsItThroughItsFile(@TempDir Path dir) throws Exception {
        Random random = new Random(3);
        boolean[] not = new boolean[400];
        for (int i = 0; i < not.length; i++) {
            not[i] = i % 5 == 0;
        }
        double[][] x = rows(not, random);
        NotCharacter head = NotCharacter.fit(x, not, 0.01, 0.5, "test");
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            right += (head.probability(x[i]) > 0.5) == not[i] ? 1 : 0;
        }
        assertTrue(right >= 0.97 * x.length, right + " of " + x.length + " told apart");

        head.write(dir);
        NotCharacter read = NotCharacter.read(dir);
        assertEquals(0.5, read.threshold(), 1e-9);
        assertEquals(4, read.embeddingSize());
        for (double[] row : x) {
            assertEquals(head.probability(row), read.probability(row), 1e-4);
        }
        Files.writeString(dir.resolve(NotCharacter.FILE), "threshold\t0.5\nbias\t0\t1\t0\n");
        assertTrue(assertThrowsIo(dir), "a file without its weights is refused");
    }

    private static boolean assertThrowsIo(Path dir) {
        try {
            NotCharacter.read(dir);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /**
     * A head fitted on a real page's boxes (in-sample: those whose centre lies in no truth box are "no character")
     * drops boxes through {@link RecognitionScorer#readAndSift}, mostly false alarms, and the boxes kept are numbered
     * again without gaps; with no head, nothing is dropped.
     */
    @Test
    void siftingDropsTheBoxesTheHeadRejectsAndRenumbersTheRest() throws Exception {
        OpenCvLoader.load();
        String id = "brsk001-009";
        Mat page = Imgcodecs.imread("samples/" + id + ".jpg", Imgcodecs.IMREAD_GRAYSCALE);
        List<TruthBox> truth = TruthCsv.read(Path.of("samples/truth.csv")).get(id);
        Classifier plain = ShippedModel.classifier().sifting(null);
        List<CharBox> boxes = new Segmenter().segment(page);
        RecognitionScorer.Sifted none = new RecognitionScorer(plain, page).readAndSift(boxes);
        assertEquals(boxes, none.kept());
        assertTrue(none.dropped().isEmpty());

        List<int[]> sizes = CharBox.sizes(boxes);
        double[][] x = NotCharacter.features(sizes, none.read().predictions(), none.read().embeddings());
        boolean[] not = new boolean[boxes.size()];
        for (int i = 0; i < not.length; i++) {
            CharBox b = boxes.get(i);
            not[i] = truth.stream().noneMatch(t -> t.contains(b.centreX(), b.centreY()));
        }
        NotCharacter head = NotCharacter.fit(x, not, 0.003, 0.5, "in-sample, for the test");
        RecognitionScorer.Sifted sifted = new RecognitionScorer(plain.sifting(head), page).readAndSift(boxes);

        assertEquals(boxes.size(), sifted.kept().size() + sifted.dropped().size());
        assertEquals(sifted.kept().size(), sifted.read().predictions().size());
        long falseAlarms = sifted.dropped().stream()
                .filter(b -> truth.stream().noneMatch(t -> t.contains(b.centreX(), b.centreY()))).count();
        assertTrue(sifted.dropped().size() >= 5 && falseAlarms >= 0.8 * sifted.dropped().size(),
                falseAlarms + " false alarms among " + sifted.dropped().size() + " dropped");
        Set<Integer> columns = new HashSet<>();
        List<Integer> expectedOrder = new ArrayList<>();
        int previous = -1;
        int order = 0;
        for (CharBox b : sifted.kept()) {
            assertTrue(b.column() == previous || b.column() == previous + 1, "columns numbered without gaps");
            order = b.column() == previous ? order + 1 : 0;
            expectedOrder.add(order);
            previous = b.column();
            columns.add(b.column());
        }
        assertEquals(expectedOrder, sifted.kept().stream().map(CharBox::order).toList());
        assertEquals(columns.size(), previous + 1);
    }
}
