package org.honkoku.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

class WholeCharacterTest {

    /** Made-up readings: whole characters read surely, pieces doubtfully; embeddings of 6 components. */
    private static final int EMBEDDING = 6;

    private static Prediction reading(double p) {
        return new Prediction(List.of(new Candidate("U+3042", (float) p), new Candidate("U+3044", (float) ((1 - p) / 2))));
    }

    @Test
    void learnsWholeCharactersAndKeepsItsMixThroughItsFile(@TempDir Path dir) throws Exception {
        Random random = new Random(5);
        List<Prediction> predictions = new ArrayList<>();
        List<float[]> embeddings = new ArrayList<>();
        boolean[] whole = new boolean[300];
        for (int i = 0; i < whole.length; i++) {
            whole[i] = i % 3 != 0;
            predictions.add(reading(0.3 + 0.4 * random.nextDouble()));
            float[] e = new float[EMBEDDING];
            for (int j = 0; j < e.length; j++) {
                e[j] = (float) Math.abs(random.nextGaussian());
            }
            e[1] += whole[i] ? 3 : 0; // one component tells whole characters from pieces
            embeddings.add(e);
        }
        double[][] x = WholeCharacter.features(predictions, embeddings);
        assertEquals(WholeCharacter.FEATURES.size() + EMBEDDING, x[0].length);
        WholeCharacter head = WholeCharacter.fit(x, whole, 0.01, 0.4, "test");
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            right += (head.probability(x[i]) > 0.5) == whole[i] ? 1 : 0;
        }
        assertTrue(right >= 0.95 * x.length, right + " of " + x.length + " told apart");

        double[] named = new double[x.length];
        for (int i = 0; i < named.length; i++) {
            named[i] = i / (double) named.length;
        }
        double[] mixed = head.confidence(predictions, embeddings, named);
        for (int i = 0; i < x.length; i++) {
            assertEquals(0.4 * head.probability(x[i]) + 0.6 * named[i], mixed[i], 1e-12);
        }

        WholeCharacter other = head.withMix(0.9);
        assertEquals(0.9, other.mix(), 1e-12);
        assertEquals(0.9 * other.probability(x[0]) + 0.1 * named[0],
                other.confidence(predictions, embeddings, named)[0], 1e-12, "another mix, the same fit");

        assertThrows(IllegalArgumentException.class, () -> ShippedModel.classifier().grouping(head),
                "a head fitted on other embeddings than the network's is refused");

        head.write(dir);
        WholeCharacter read = WholeCharacter.read(dir);
        assertEquals(0.4, read.mix(), 1e-9);
        assertEquals("test", read.note());
        assertEquals(EMBEDDING, read.embeddingSize());
        for (double[] row : x) {
            assertEquals(head.probability(row), read.probability(row), 1e-4);
        }
        String text = Files.readString(dir.resolve(WholeCharacter.FILE));
        Files.writeString(dir.resolve(WholeCharacter.FILE), text.replaceFirst("mix\t[^\n]*\n", ""));
        assertThrows(IOException.class, () -> WholeCharacter.read(dir), "a file without its mix is refused");
        Files.delete(dir.resolve(WholeCharacter.FILE));
        assertNull(WholeCharacter.read(dir), "a model folder without the file groups by the network alone");
    }

    /**
     * On a real page: the recogniser's confidence is the network's named probability without a head and the head's
     * mix with one; a scorer made for another head shares the boxes already read.
     */
    @Test
    void theRecogniserMixesTheHeadIntoItsConfidence() throws Exception {
        OpenCvLoader.load();
        Mat page = Imgcodecs.imread("samples/hnsd001-011.jpg", Imgcodecs.IMREAD_GRAYSCALE);
        // two characters of the page's truth, and both as one box
        List<Rect> boxes = List.of(new Rect(1596, 374, 61, 104), new Rect(1590, 490, 68, 99),
                new Rect(1590, 374, 68, 215));
        RecognitionScorer plain = new RecognitionScorer(ShippedModel.classifier().grouping(null), page);
        double[] alone = plain.confidence(boxes);
        List<Prediction> read = plain.read(boxes);
        for (int i = 0; i < boxes.size(); i++) {
            assertEquals(RecognitionScorer.namedConfidence(read.get(i)), alone[i], 1e-12);
        }
        List<float[]> embeddings = plain.embeddingsOf(boxes);
        double[][] x = WholeCharacter.features(read, embeddings);
        WholeCharacter head = WholeCharacter.fit(x, new boolean[]{true, true, false}, 1, 0.5, "three boxes");
        RecognitionScorer mixed = plain.grouping(head);
        embeddings.forEach(e -> assertNotNull(e));
        assertNotNull(mixed.embeddingsOf(boxes).get(2), "the readings are shared");
        double[] c = mixed.confidence(boxes);
        for (int i = 0; i < boxes.size(); i++) {
            assertEquals(0.5 * head.probability(x[i]) + 0.5 * alone[i], c[i], 1e-9);
        }
        assertTrue(Math.abs(c[0] - alone[0]) > 1e-6 || Math.abs(c[1] - alone[1]) > 1e-6, "the head has a say");
    }
}
