package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.honkoku.OpenCvLoader;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.honkoku.evaluate.TruthBox;
import org.honkoku.evaluate.TruthCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** A bilevel scan is given grey edges when loaded, so that the classifier reads it as it reads grey scans. */
class TwoToneTest {

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    @Test
    void onlyTwoTonePagesAreSoftened() {
        Mat gray = Imgcodecs.imread("samples/hnsd001-011.jpg", Imgcodecs.IMREAD_GRAYSCALE);
        Mat bilevel = new Mat();
        Imgproc.threshold(gray, bilevel, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);

        assertThat(TwoTone.isTwoTone(gray)).isFalse();
        assertThat(TwoTone.soften(gray)).isFalse();
        assertThat(TwoTone.isTwoTone(bilevel)).isTrue();
    }

    /**
     * hnsd thresholded to black and white, saved as PNG and loaded as transcribe loads it: its named truth boxes are
     * read right 0.93 of the time as on the grey scan (0.99); measured 0.87 without the softening.
     */
    @Test
    void aBilevelScanIsReadAsAGreyOne(@TempDir Path dir) throws Exception {
        Mat gray = Imgcodecs.imread("samples/hnsd001-011.jpg", Imgcodecs.IMREAD_GRAYSCALE);
        Mat bilevel = new Mat();
        Imgproc.threshold(gray, bilevel, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
        Path file = dir.resolve("hnsd001-011.png");
        Imgcodecs.imwrite(file.toString(), bilevel);
        InputLimits limits = InputLimits.defaults();
        PageRef ref = new SourceInspector(limits).inspect(new SourceFile(file, SourceKind.IMAGE, dir)).get(0);
        Mat page = new PageImageLoader(limits).loadUnchanged(ref);
        Classifier classifier = Classifier.load(Path.of("models", "default"), false);
        List<TruthBox> truth = TruthCsv.read(Path.of("samples/truth.csv")).get("hnsd001-011");

        List<Mat> crops = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (TruthBox t : truth) {
            if (classifier.classes().isNamed(t.unicode())) {
                crops.add(page.submat(new Rect(t.x(), t.y(), t.w(), t.h())));
                labels.add(t.unicode());
            }
        }
        List<Prediction> read = classifier.classify(crops);
        int right = 0;
        for (int i = 0; i < read.size(); i++) {
            right += read.get(i).best().label().equals(labels.get(i)) ? 1 : 0;
        }

        assertThat((double) right / read.size()).isGreaterThan(0.91);
    }
}
