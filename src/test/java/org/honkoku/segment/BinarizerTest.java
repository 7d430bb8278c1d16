package org.honkoku.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class BinarizerTest {

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    /** A page on a bed is thresholded by the binariser's own Otsu: it must pick what OpenCV's picks. */
    @Test
    void otsuOfAHistogramIsOpenCvs() {
        for (String page : List.of("hnsd001-011", "brsk001-009", "100241706_00004_2")) {
            Mat gray = Imgcodecs.imread("samples/" + page + ".jpg", Imgcodecs.IMREAD_GRAYSCALE);
            Mat hist = new Mat();
            Imgproc.calcHist(List.of(gray), new MatOfInt(0), new Mat(), hist, new MatOfInt(256), new MatOfFloat(0, 256));
            float[] counts = new float[256];
            hist.get(0, 0, counts);

            double openCv = Imgproc.threshold(gray, new Mat(), 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);

            assertThat(Binarizer.otsu(counts)).as(page).isEqualTo(openCv);
        }
    }

    @Test
    void theLeafIsWhereThePaperIs() {
        Mat paper = new Mat(100, 100, org.opencv.core.CvType.CV_8UC1, new Scalar(210));
        assertThat(Binarizer.leaf(paper)).as("a scan that is all paper").isNull();

        Mat onBed = new Mat();
        Core.copyMakeBorder(paper, onBed, 10, 10, 10, 10, Core.BORDER_CONSTANT, new Scalar(15));
        Mat leaf = Binarizer.leaf(onBed);

        assertThat(Core.countNonZero(leaf)).isEqualTo(100 * 100);
        assertThat(leaf.get(50, 50)[0]).isEqualTo(255);
        assertThat(leaf.get(5, 50)[0]).isZero();
    }

    @Test
    void onlyFaintInkIsStretched() {
        assertThat(Binarizer.stretch(99)).isEqualTo(1);
        assertThat(Binarizer.stretch(140)).isEqualTo(1);
        assertThat(Binarizer.stretch(195)).isEqualTo(2.0);
        assertThat(Binarizer.stretch(214)).isEqualTo(3.0);
        assertThat(Binarizer.stretch(233)).as("show-through").isEqualTo(1);
    }
}
