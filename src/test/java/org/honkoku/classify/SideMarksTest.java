package org.honkoku.classify;

import org.honkoku.OpenCvLoader;
import org.honkoku.segment.CharBox;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SideMarksTest {

    private static final Scalar PAPER = Scalar.all(225);
    private static final Scalar INK = Scalar.all(30);

    @Test
    void erasesASmallMarkBesideTheCharacterAndNothingElse() {
        OpenCvLoader.load();
        Mat crop = new Mat(100, 100, CvType.CV_8UC1, PAPER);
        Imgproc.circle(crop, new Point(40, 50), 25, INK, 6); // the character
        Imgproc.circle(crop, new Point(92, 70), 4, INK, -1); // a dot at its right

        Mat erased = SideMarks.erased(crop);

        assertThat(erased).isNotNull();
        assertThat(erased.get(70, 92)[0]).isEqualTo(255);
        assertThat(erased.get(50, 15)[0]).isLessThan(100);
        assertThat(crop.get(70, 92)[0]).isLessThan(100); // the crop itself is left as it was
    }

    @Test
    void keepsACharactersOwnSideStrokesAndCentralDots() {
        OpenCvLoader.load();
        Mat twoStrokes = new Mat(100, 100, CvType.CV_8UC1, PAPER); // like い: two strokes, each a fair share of ink
        Imgproc.line(twoStrokes, new Point(15, 10), new Point(20, 90), INK, 6);
        Imgproc.line(twoStrokes, new Point(85, 20), new Point(80, 70), INK, 6);
        Mat centred = new Mat(100, 100, CvType.CV_8UC1, PAPER);
        Imgproc.line(centred, new Point(10, 50), new Point(90, 50), INK, 6);
        Imgproc.circle(centred, new Point(50, 80), 4, INK, -1); // small, but not at a side

        assertThat(SideMarks.erased(twoStrokes)).isNull();
        assertThat(SideMarks.erased(centred)).isNull();
    }

    @Test
    void aBoxHoldingAReadingBesideItsCharacterIsReadWithoutIt() throws Exception {
        // real hiragana as a scan shows them, each with a smaller character (a reading) beside it in its box
        Classifier classifier = ShippedModel.classifier();
        List<ShippedModel.Image> images = ShippedModel.named("kmnist/images.u8.gz", "kmnist/labels.txt", 28, 41);
        int clean = 0;
        int marked = 0;
        int markedInContext = 0;
        for (int i = 0; i < 40; i++) {
            ShippedModel.Image image = images.get(i);
            Mat page = new Mat(120, 160, CvType.CV_8UC1, PAPER);
            Mat character = new Mat();
            Imgproc.resize(image.asScan(), character, new Size(64, 64));
            Mat reading = new Mat();
            Imgproc.resize(images.get(i + 1).asScan(), reading, new Size(20, 20));
            character.copyTo(page.submat(new Rect(20, 20, 64, 64)));
            reading.copyTo(page.submat(new Rect(100, 40, 20, 20)));
            Rect box = new Rect(20, 20, 100, 64);

            String truth = image.label();
            clean += classifier.classify(List.of(page.submat(new Rect(20, 20, 64, 64)))).get(0).best().label()
                    .equals(truth) ? 1 : 0;
            marked += classifier.classify(List.of(page.submat(box))).get(0).best().label().equals(truth) ? 1 : 0;
            List<CharBox> boxes = List.of(new CharBox(0, 0, box.x, box.y, box.width, box.height));
            List<Prediction> read = RecognitionScorer.readInContext(classifier, boxes,
                    new RecognitionScorer(classifier, page).readAlone(boxes));
            markedInContext += read.get(0).best().label().equals(truth) ? 1 : 0;
        }

        assertThat(marked).as("the reading beside misleads the classifier").isLessThan(clean - 4);
        assertThat(markedInContext).as("read without it: clean %d, marked %d", clean, marked).isGreaterThan(marked + 4);
    }
}
