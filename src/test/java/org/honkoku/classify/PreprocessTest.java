package org.honkoku.classify;

import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import static org.assertj.core.api.Assertions.assertThat;

class PreprocessTest {

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    @Test
    void darkBlobOnPaperEndsUpWhiteOnBlackCentredAndScaledToFit() {
        // given light paper with a dark blob 10 wide, 20 tall, far from the crop's centre
        Mat crop = new Mat(100, 80, CvType.CV_8UC1, new Scalar(225));
        Imgproc.rectangle(crop, new Point(5, 10), new Point(14, 29), new Scalar(30), -1);

        byte[] input = Preprocess.scanCrop(crop);

        assertThat(input).hasSize(64 * 64);
        // the blob's longest side (height) fills the 64 rows; its width becomes 32 columns, centred
        assertThat(at(input, 32, 32)).isGreaterThan(200);
        assertThat(at(input, 1, 32)).isGreaterThan(200);
        assertThat(at(input, 62, 32)).isGreaterThan(200);
        assertThat(at(input, 32, 18)).isGreaterThan(200);
        assertThat(at(input, 32, 45)).isGreaterThan(200);
        assertThat(at(input, 32, 10)).isZero();
        assertThat(at(input, 32, 54)).isZero();
        assertThat(at(input, 0, 0)).isZero();
        double[] c = centroid(input);
        assertThat(c[0]).isBetween(30.5, 32.5);
        assertThat(c[1]).isBetween(30.5, 32.5);
    }

    @Test
    void colourCropIsReadAsGrey() {
        Mat crop = new Mat(40, 40, CvType.CV_8UC3, new Scalar(200, 210, 220));
        Imgproc.circle(crop, new Point(30, 30), 6, new Scalar(20, 20, 20), -1);

        float[] input = Preprocess.toInput(crop);

        assertThat(input[32 * 64 + 32]).isGreaterThan(0.8f);
        assertThat(input[0]).isZero();
    }

    @Test
    void blankCropGivesBlackInput() {
        byte[] input = Preprocess.scanCrop(new Mat(30, 30, CvType.CV_8UC1, new Scalar(240)));
        for (byte b : input) {
            assertThat(b).isZero();
        }
    }

    @Test
    void smallWhiteOnBlackImageIsReframedTo64() {
        Mat kmnist = new Mat(28, 28, CvType.CV_8UC1, new Scalar(0));
        Imgproc.rectangle(kmnist, new Point(2, 2), new Point(9, 9), new Scalar(255), -1);

        byte[] input = Preprocess.whiteOnBlack(kmnist);

        assertThat(at(input, 1, 1)).isGreaterThan(200);
        assertThat(at(input, 62, 62)).isGreaterThan(200);
        double[] c = centroid(input);
        assertThat(c[0]).isBetween(30.5, 32.5);
    }

    private static int at(byte[] image, int row, int col) {
        return image[row * 64 + col] & 0xFF;
    }

    private static double[] centroid(byte[] image) {
        double sum = 0;
        double r = 0;
        double c = 0;
        for (int i = 0; i < image.length; i++) {
            int v = image[i] & 0xFF;
            sum += v;
            r += v * (i / 64);
            c += v * (i % 64);
        }
        return new double[]{r / sum, c / sum};
    }

    @Test
    void theCallersCropIsLeftAsItWas() {
        // a grey crop is used as it is, not copied: what the preprocessing releases must not be it
        Mat page = new Mat(100, 100, CvType.CV_8UC1, new Scalar(230));
        Imgproc.circle(page, new Point(50, 50), 20, new Scalar(20), -1);
        Mat crop = page.submat(20, 80, 20, 80);
        Mat white = new Mat(60, 60, CvType.CV_8UC1, new Scalar(0));
        Imgproc.circle(white, new Point(30, 30), 10, new Scalar(255), -1);
        byte[] first = Preprocess.scanCrop(crop);
        Preprocess.whiteOnBlack(white);
        assertThat(crop.empty()).isFalse();
        assertThat(white.empty()).isFalse();
        assertThat(crop.get(30, 30)[0]).isEqualTo(20);
        assertThat(Preprocess.scanCrop(crop)).isEqualTo(first);
    }

    @Test
    void theSmoothedViewSpreadsAHairlineOverItsNeighbours() {
        byte[] framed = new byte[Preprocess.PIXELS];
        for (int y = 10; y < 54; y++) {
            framed[y * Preprocess.SIZE + 32] = (byte) 255;
        }

        byte[] smoothed = Preprocess.smoothed(framed);

        int row = 30 * Preprocess.SIZE;
        int peak = smoothed[row + 32] & 0xFF;
        int beside = smoothed[row + 33] & 0xFF;
        assertThat(peak).isBetween(120, 220);  // sigma 0.7: about 0.56 of the line stays on its own column
        assertThat(beside).isBetween(30, 80);
        assertThat(smoothed[row + 31] & 0xFF).isEqualTo(beside);
        assertThat(smoothed[row + 36]).isZero();
        assertThat(framed[row + 33]).as("the input is left as it was").isZero();
    }
}
