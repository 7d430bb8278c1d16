package org.honkoku.classify;

import org.honkoku.Rects;
import org.honkoku.evaluate.TruthBox;
import org.honkoku.evaluate.TruthCsv;
import org.honkoku.segment.CharBox;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How a page's chosen boxes are finally read: the shipped model adds the smoothed second view. */
class RecognitionScorerTest {

    private static final String PAGE = "200003076_00005_1";

    @Test
    void theShippedModelReadsItsBoxesFromBothViewsAndTheSearchFromOne() throws Exception {
        org.honkoku.OpenCvLoader.load();
        Classifier classifier = ShippedModel.classifier();
        assertThat(classifier.smoothedView()).as(Classifier.SMOOTHED_VIEW + " in the shipped model.properties").isTrue();
        Mat page = Imgcodecs.imread(ShippedModel.DATA.resolve("pages/images/" + PAGE + ".jpg").toString(),
                Imgcodecs.IMREAD_GRAYSCALE);
        List<TruthBox> truth = TruthCsv.read(ShippedModel.DATA.resolve("pages/truth.csv")).get(PAGE).subList(0, 24);
        List<Rect> rects = truth.stream().map(t -> Rects.clip(t.rect(), new Rect(0, 0, page.cols(), page.rows()))).toList();
        List<CharBox> boxes = new ArrayList<>();
        for (int i = 0; i < rects.size(); i++) {
            Rect r = rects.get(i);
            boxes.add(new CharBox(0, i, r.x, r.y, r.width, r.height));
        }
        List<Mat> crops = rects.stream().map(page::submat).toList();
        Classifier.Read plain = classifier.classifyWithEmbeddings(crops);
        Classifier.Read both = classifier.withSmoothedView(crops, plain.embeddings());

        RecognitionScorer scorer = new RecognitionScorer(classifier, page);
        List<Prediction> searched = scorer.read(rects);
        Classifier.Read finallyRead = scorer.readFinally(rects);
        Classifier.Read sifted = scorer.readAndSift(boxes).read();
        Classifier.Read oneView = new RecognitionScorer(classifier.smoothing(false), page).readAndSift(boxes).read();
        // the glyph memory embeds reviewed boxes this way, and review reads a redrawn outline from both views too
        Classifier.Read alone = scorer.readAloneWithEmbeddings(boxes);
        List<Prediction> outlined = classifier.classifyOutlined(crops);

        for (int i = 0; i < rects.size(); i++) {
            float p = both.predictions().get(i).best().probability();
            assertThat(searched.get(i).best().probability())
                    .isCloseTo(plain.predictions().get(i).best().probability(), within(1e-4f));
            assertThat(finallyRead.predictions().get(i).best().probability()).isCloseTo(p, within(1e-4f));
            if (!hasSideMark(crops.get(i))) { // a marked box may be read without its mark
                assertThat(sifted.predictions().get(i).best().probability()).isCloseTo(p, within(1e-4f));
                assertThat(alone.predictions().get(i).best().probability()).isCloseTo(p, within(1e-4f));
                assertThat(oneView.predictions().get(i).best().probability())
                        .isCloseTo(plain.predictions().get(i).best().probability(), within(1e-4f));
            }
        }
        assertThat(both.predictions()).isNotEqualTo(plain.predictions());
        assertThat(outlined.stream().map(o -> o.best().label()).toList())
                .isEqualTo(both.predictions().stream().map(o -> o.best().label()).toList());
    }

    @Test
    void aModelWithoutThePropertyReadsFromOneView(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (String f : List.of(Classifier.DEFAULT_NETWORK, Classifier.LABELS)) {
            Files.copy(ShippedModel.DIR.resolve(f), dir.resolve(f));
        }
        assertThat(Classifier.load(dir).smoothedView()).isFalse();
        Files.writeString(dir.resolve(Classifier.PROPERTIES), Classifier.SMOOTHED_VIEW + "=true\n");
        assertThat(Classifier.load(dir).smoothedView()).isTrue();
        assertThat(Classifier.load(dir, false).smoothedView()).as("tune's classifier reads as the pipeline").isTrue();
    }

    private static boolean hasSideMark(Mat crop) {
        Mat erased = SideMarks.erased(crop);
        if (erased == null) {
            return false;
        }
        erased.release();
        return true;
    }
}
