package org.honkoku.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/** Boxes carried onto a turned image land on the same pixels, and come back exactly. */
class QuarterTurnTest {

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    @Test
    void aBoxCoversTheSamePixelsOnTheTurnedImage() {
        int width = 70;
        int height = 40;
        Rect box = new Rect(5, 8, 12, 20);
        Mat image = Mat.zeros(height, width, CvType.CV_8UC1);
        image.submat(box).setTo(new Scalar(255));
        for (int turns = -1; turns <= 4; turns++) {
            Mat turned = QuarterTurn.turn(image, turns);
            int[] b = QuarterTurn.box(box.x, box.y, box.width, box.height, width, height, turns);
            int[] size = QuarterTurn.size(width, height, turns);
            assertThat(new int[] {turned.cols(), turned.rows()}).as("size, %d turns", turns).isEqualTo(size);
            Mat inside = turned.submat(new Rect(b[0], b[1], b[2], b[3]));
            assertThat(Core.countNonZero(inside)).as("box, %d turns", turns).isEqualTo((int) box.area());
            assertThat(Core.countNonZero(turned)).isEqualTo((int) box.area());
        }
    }

    @Test
    void turningBackGivesTheBoxItWas() {
        CharBox box = new CharBox(2, 5, 31, 7, 9, 14);
        for (int turns = 0; turns < 4; turns++) {
            int[] size = QuarterTurn.size(100, 60, turns);
            CharBox there = QuarterTurn.box(box, 100, 60, turns);
            assertThat(QuarterTurn.box(there, size[0], size[1], -turns)).isEqualTo(box);
        }
        assertThat(QuarterTurn.box(box, 100, 60, 1)).isEqualTo(new CharBox(2, 5, 39, 31, 14, 9));
    }
}
