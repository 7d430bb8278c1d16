package org.honkoku.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Where a box holding two characters is cut. */
class SplitPointTest {

    @Test
    void theCutRunsThroughTheGapNotThroughTheMiddle() {
        OpenCvLoader.load();
        // two "characters" on paper: rows 5-44 and 53-95 inked, a gap at rows 45-52 (not at the middle, 50)
        Mat box = new Mat(100, 60, CvType.CV_8UC1, new Scalar(230));
        Imgproc.rectangle(box, new Point(10, 5), new Point(50, 44), new Scalar(20), -1);
        Imgproc.rectangle(box, new Point(12, 53), new Point(48, 95), new Scalar(20), -1);
        assertThat(SplitPoint.row(box)).isBetween(45, 52);
    }

    @Test
    void withoutAGapTheCutIsNearTheMiddle() {
        OpenCvLoader.load();
        Mat box = new Mat(90, 40, CvType.CV_8UC1, new Scalar(230));
        Imgproc.line(box, new Point(20, 0), new Point(20, 89), new Scalar(20), 5);
        assertThat(SplitPoint.row(box)).isEqualTo(45);
    }

    @Test
    void aTinyBoxIsNotSplit() {
        OpenCvLoader.load();
        assertThatThrownBy(() -> SplitPoint.row(new Mat(6, 20, CvType.CV_8UC1, new Scalar(200))))
                .hasMessageContaining("too small");
    }
}
