package org.honkoku.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class UprightTest {

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    /** A mark on the page, found on the turned page, is put back where it was on the scan. */
    @Test
    void aBoxOnTheTurnedPageComesBackToItsPlaceOnTheScan() {
        Mat scan = new Mat(2000, 1200, CvType.CV_8UC1, new Scalar(230));
        double scale = 0.5;
        Mat work = new Mat();
        Imgproc.resize(scan, work, new org.opencv.core.Size(), scale, scale, Imgproc.INTER_AREA);
        Imgproc.circle(work, new Point(150, 700), 6, new Scalar(0), -1);
        Upright upright = Upright.of(4, work.size(), scale);

        Mat turned = upright.turn(work);
        Mat dark = new Mat();
        Imgproc.threshold(turned, dark, 100, 255, Imgproc.THRESH_BINARY_INV);
        Rect found = Imgproc.boundingRect(dark);
        CharBox box = upright.toPage(0, 0, found, scan);

        assertThat(upright.turns()).isTrue();
        assertThat(turned.cols()).isGreaterThan(work.cols());
        assertThat(box.centreX()).isCloseTo(300, within(2));
        assertThat(box.centreY()).isCloseTo(1400, within(2));
        assertThat((double) box.w()).isCloseTo(found.width / scale, within(2.0));
        assertThat(upright.onScan(found, scan)).isTrue();
        // the turned canvas's corner lies beyond the scan
        assertThat(upright.onScan(new Rect(0, 0, 4, 4), scan)).isFalse();
        assertThat(Core.countNonZero(dark)).isPositive();
    }

    @Test
    void aPageLeaningLessThanHalfADegreeIsLeftAsItIs() {
        Mat scan = new Mat(2000, 1200, CvType.CV_8UC1, new Scalar(230));
        Upright upright = Upright.of(0.3, new org.opencv.core.Size(600, 1000), 0.5);

        CharBox box = upright.toPage(2, 5, new Rect(101, 203, 31, 41), scan);

        assertThat(upright.turns()).isFalse();
        assertThat(box).isEqualTo(new CharBox(2, 5, 202, 406, 62, 82));
    }
}
