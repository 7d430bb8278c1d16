package org.honkoku.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/** The sample pages' columns run down them; turned a quarter either way, across. */
class SidewaysTest {

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"samples/hnsd001-011.jpg", "samples/brsk001-009.jpg", "samples/100241706_00004_2.jpg"})
    void aPageOnItsSideIsToldFromOneUpright(String file) {
        Mat page = Imgcodecs.imread(file, Imgcodecs.IMREAD_GRAYSCALE);

        assertThat(Sideways.ratio(page)).as("upright").isGreaterThan(1.5);
        assertThat(Sideways.likely(page)).isFalse();
        for (int turns : new int[] {1, 3}) {
            Mat turned = QuarterTurn.turn(page, turns);
            assertThat(Sideways.ratio(turned)).as("%d quarter turns", turns).isLessThan(1 / 1.5);
            assertThat(Sideways.likely(turned)).isTrue();
        }
        assertThat(Sideways.likely(QuarterTurn.turn(page, 2))).as("upside down: columns still run down").isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aBlankLeafIsLeftAsItIs(int turns) {
        Mat blank = new Mat(1200, 800, org.opencv.core.CvType.CV_8UC1, new org.opencv.core.Scalar(235));
        assertThat(Sideways.likely(QuarterTurn.turn(blank, turns))).isFalse();
    }
}
