package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.honkoku.OpenCvLoader;
import org.honkoku.segment.Segmenter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** A negative scan (microfilm scanned as it is) is read as its positive; no positive is ever turned. */
class PolarityTest {

    private static final List<String> PAGES = List.of("hnsd001-011", "brsk001-009", "100241706_00004_2");

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    private static Mat page(String name) {
        return Imgcodecs.imread("samples/" + name + ".jpg", Imgcodecs.IMREAD_GRAYSCALE);
    }

    @Test
    void positivesStayAsTheyAre() {
        for (String name : PAGES) {
            Mat page = page(name);
            assertThat(Polarity.isNegative(page)).as(name).isFalse();
            for (double bed : new double[] {15, 240}) {
                Mat onBed = new Mat();
                int pad = page.cols() / 8;
                Core.copyMakeBorder(page, onBed, pad, pad, pad, pad, Core.BORDER_CONSTANT, new Scalar(bed));
                assertThat(Polarity.isNegative(onBed)).as("%s on a bed of %s", name, bed).isFalse();
            }
        }
        // a near-blank leaf: paper with a few dots, too few pieces to tell
        Mat blank = new Mat(1200, 800, org.opencv.core.CvType.CV_8UC1, new Scalar(200));
        for (int i = 0; i < 30; i++) {
            org.opencv.imgproc.Imgproc.circle(blank, new org.opencv.core.Point(50 + 20 * i, 600), 3, new Scalar(40), -1);
        }
        Mat blankNegative = new Mat();
        Core.bitwise_not(blank, blankNegative);
        assertThat(Polarity.isNegative(blank)).isFalse();
        assertThat(Polarity.isNegative(blankNegative)).isFalse();
    }

    @Test
    void aNegativeIsTurnedBack() {
        for (String name : PAGES) {
            Mat page = page(name);
            Mat negative = new Mat();
            Core.bitwise_not(page, negative);

            assertThat(Polarity.makePositive(negative)).as(name).isTrue();

            Mat diff = new Mat();
            Core.absdiff(negative, page, diff);
            assertThat(Core.countNonZero(diff)).as(name).isZero();
        }
    }

    /** Loaded from a file, a negative is read as its positive: as many characters found (before: almost none). */
    @Test
    void aNegativeScanIsReadAsItsPositive(@TempDir Path dir) {
        Mat page = page("hnsd001-011");
        Mat negative = new Mat();
        Core.bitwise_not(page, negative);
        Path file = dir.resolve("negative.png");
        Imgcodecs.imwrite(file.toString(), negative);
        PageImageLoader loader = new PageImageLoader(InputLimits.defaults());
        PageRef ref = new SourceInspector(InputLimits.defaults()).inspect(new SourceFile(file, SourceKind.IMAGE, dir))
                .get(0);

        int boxes = new Segmenter().segment(loader.loadUnchanged(ref)).size();

        assertThat(boxes).isEqualTo(new Segmenter().segment(page).size());
    }
}
