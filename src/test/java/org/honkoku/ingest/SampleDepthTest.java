package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * 16-bit scans whose samples use fewer bits (12 from a camera, 8 in a 16-bit container) are loaded with the greys
 * they were scanned with, not darkened to a few levels.
 */
class SampleDepthTest {

    private static final String PAGE = "samples/hnsd001-011.jpg";

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    @Test
    void theShiftIsTheBitsTheLargestSampleUsesAboveEight() {
        assertThat(SampleDepth.shift(0)).isZero();
        assertThat(SampleDepth.shift(255)).isZero();
        assertThat(SampleDepth.shift(256)).isEqualTo(1);
        assertThat(SampleDepth.shift(1023)).isEqualTo(2);
        assertThat(SampleDepth.shift(4095)).isEqualTo(4);
        assertThat(SampleDepth.shift(65535)).isEqualTo(8);
    }

    /**
     * The sample page's 8-bit greys saved as 16-bit files scaled as a scanner of that depth writes them (x257: full
     * range; x16: 12 bits; x4: 10 bits; x1: 8 bits in a 16-bit file), in grey and in colour, loaded as transcribe
     * loads a page: every pixel as in the 8-bit page (within a level). OpenCV's own conversion left the 10-bit page
     * at most 3 and the 8-bit one all 0.
     */
    @ParameterizedTest
    @CsvSource({"257, png, 1", "16, png, 1", "4, png, 1", "1, png, 1", "257, tif, 3", "16, tif, 3", "16, png, 3",
            "16, jp2, 1"})
    void aSixteenBitScanIsLoadedWithItsOwnGreys(int scale, String extension, int channels, @TempDir Path dir) {
        Mat gray = Imgcodecs.imread(PAGE, Imgcodecs.IMREAD_GRAYSCALE);
        Mat deep = sixteenBit(gray, scale);
        if (channels == 3) {
            Imgproc.cvtColor(deep, deep, Imgproc.COLOR_GRAY2BGR);
        }
        Path file = dir.resolve("deep." + extension);
        assertThat(Imgcodecs.imwrite(file.toString(), deep, new MatOfInt())).isTrue();
        assertThat(Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_UNCHANGED).depth()).isEqualTo(CvType.CV_16U);

        Mat loaded = load(pages(dir, file).get(0));

        assertThat(loaded.depth()).isEqualTo(CvType.CV_8U);
        assertThat(loaded.size()).isEqualTo(gray.size());
        Mat diff = new Mat();
        Core.absdiff(loaded, gray, diff);
        // OpenCV writes a 16-bit JPEG 2000 with a little loss (at most 18 of 65,536 here); the other files are exact
        assertThat(Core.minMaxLoc(diff).maxVal).isLessThanOrEqualTo("jp2".equals(extension) ? 2 : 1);
        assertThat(Core.mean(diff).val[0]).isLessThan("jp2".equals(extension) ? 0.75 : 0.01);
    }

    /** The second page of a 12-bit multi-page TIFF is decoded on its own (from its directory) and shifted alike. */
    @Test
    void everyPageOfASixteenBitTiffIsLoadedWithItsOwnGreys(@TempDir Path dir) {
        Mat gray = Imgcodecs.imread(PAGE, Imgcodecs.IMREAD_GRAYSCALE);
        Mat deep = sixteenBit(gray, 16);
        Path file = dir.resolve("volume.tif");
        assertThat(Imgcodecs.imwritemulti(file.toString(), List.of(deep, deep))).isTrue();

        List<PageRef> pages = pages(dir, file);
        assertThat(pages).hasSize(2);

        Mat second = load(pages.get(1));

        Mat diff = new Mat();
        Core.absdiff(second, gray, diff);
        assertThat(Core.minMaxLoc(diff).maxVal).isLessThanOrEqualTo(1);
    }

    @Test
    void floatingPointSamplesAreSpreadOverTheEightBitRange() {
        Mat f = new Mat(2, 2, CvType.CV_32F);
        f.put(0, 0, 0.25, 0.5, 0.75, 1.0);
        Mat out = SampleDepth.toEightBit(f);
        byte[] v = new byte[4];
        out.get(0, 0, v);
        assertThat(new int[]{v[0] & 0xff, v[1] & 0xff, v[2] & 0xff, v[3] & 0xff}).containsExactly(0, 85, 170, 255);
    }

    /** The page's greys times {@code scale}, as 16-bit samples. */
    private static Mat sixteenBit(Mat gray, int scale) {
        Mat deep = new Mat();
        gray.convertTo(deep, CvType.CV_16U, scale);
        return deep;
    }

    /** The file's pages, registered as transcribe registers them. */
    private static List<PageRef> pages(Path dir, Path file) {
        return new SourceInspector(InputLimits.defaults()).inspect(new SourceFile(file, SourceKind.IMAGE, dir));
    }

    /** A page loaded as transcribe loads it. */
    private static Mat load(PageRef page) {
        return new PageImageLoader(InputLimits.defaults()).loadUnchanged(page);
    }
}
