package org.honkoku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.opencv.core.Rect;

class RectsTest {

    @Test
    void overUnionIsTheSharedAreaOverTheCoveredOne() {
        OpenCvLoader.load();
        Rect a = new Rect(0, 0, 10, 10);
        assertThat(Rects.overUnion(a, a)).isEqualTo(1.0);
        // half of each: 50 shared of 150 covered
        assertThat(Rects.overUnion(a, new Rect(5, 0, 10, 10))).isCloseTo(1.0 / 3, within(1e-12));
        // a box inside another: its own area over the larger one's
        assertThat(Rects.overUnion(a, new Rect(0, 0, 10, 5))).isEqualTo(0.5);
        assertThat(Rects.overUnion(a, new Rect(10, 0, 10, 10))).as("touching, not overlapping").isZero();
        assertThat(Rects.overUnion(a, new Rect(30, 30, 4, 4))).isZero();
    }
}
