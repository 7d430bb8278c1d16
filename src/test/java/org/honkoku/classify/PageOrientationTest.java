package org.honkoku.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.honkoku.segment.CharBox;
import org.honkoku.segment.QuarterTurn;
import org.honkoku.segment.Segmenter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A real page scanned on its side or upside down is read the right way up, with the shipped model deciding which
 * side is up: the same boxes as the upright scan's, found on the page turned back.
 */
class PageOrientationTest {

    private static final Segmenter SEGMENTER = new Segmenter();
    private static Mat upright;
    private static List<CharBox> uprightBoxes;

    @BeforeAll
    static void readUpright() throws Exception {
        org.honkoku.OpenCvLoader.load();
        upright = Imgcodecs.imread("samples/hnsd001-011.jpg", Imgcodecs.IMREAD_GRAYSCALE);
        PageOrientation.Oriented read = PageOrientation.cut(upright, ShippedModel.classifier(), SEGMENTER::segment);
        assertThat(read.turns()).as("the page as scanned is read as it is").isZero();
        assertThat(read.page()).isSameAs(upright);
        uprightBoxes = read.boxes();
        assertThat(uprightBoxes).hasSizeBetween(130, 170);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aTurnedScanIsReadTurnedBack(int scannedTurns) throws Exception {
        Mat scan = QuarterTurn.turn(upright, scannedTurns);

        PageOrientation.Oriented read = PageOrientation.cut(scan, ShippedModel.classifier(), SEGMENTER::segment);

        assertThat(read.turns()).isEqualTo(QuarterTurn.normalise(-scannedTurns));
        assertThat(read.page().size()).isEqualTo(upright.size());
        // the page read is the upright scan, pixel for pixel, and is cut as it is
        Mat difference = new Mat();
        org.opencv.core.Core.absdiff(read.page(), upright, difference);
        assertThat(org.opencv.core.Core.countNonZero(difference)).isZero();
        assertThat(read.boxes()).isEqualTo(uprightBoxes);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void withoutTheClassifierAPageOnItsSideIsStillTurnedAQuarter(int scannedTurns) {
        Mat scan = QuarterTurn.turn(upright, scannedTurns);

        PageOrientation.Oriented read = PageOrientation.cut(scan, null, (page, reader) -> SEGMENTER.segment(page));

        // which side is up takes the characters; the layout alone says only that the columns run across
        assertThat(read.turns()).isEqualTo(1);
        assertThat(read.page().cols()).isEqualTo(upright.cols());
    }
}
