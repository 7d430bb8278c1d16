package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.honkoku.OpenCvLoader;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.Segmenter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Vermilion seals stamped on a real page (hnsd, a JPEG as scanners write them): loaded as transcribe loads a page,
 * the seal is made nearly as light as the paper, the ink under it stays ink, and the segmenter cuts no box on it.
 */
class RedInkTest {

    private static final String PAGE = "samples/hnsd001-011.jpg";
    /** A blank stretch between two columns near the top of the page, and a place over the text lower left. */
    private static final double[][] SEALS = {{0.72, 0.22, 0.11}, {0.25, 0.80, 0.09}};

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    @Test
    void vermilionIsLiftedAndInkIsNot() {
        Mat bgr = new Mat(3, 1, CvType.CV_8UC3);
        bgr.put(0, 0, 40, 50, 190, 20, 20, 25, 150, 170, 190); // vermilion on paper, black ink, yellowed paper
        Mat gray = RedInk.toGray(new Mat(300, 300, CvType.CV_8UC3, new Scalar(40, 50, 190)));
        assertThat(Core.mean(gray).val[0]).as("vermilion as light as its red channel").isGreaterThan(180);

        Mat mixed = new Mat();
        Core.repeat(bgr, 100, 100, mixed);
        Mat plain = new Mat();
        Imgproc.cvtColor(mixed, plain, Imgproc.COLOR_BGR2GRAY);
        Mat lifted = RedInk.toGray(mixed);
        assertThat(lifted.get(0, 0)[0]).isGreaterThan(180).isGreaterThan(plain.get(0, 0)[0] + 90);
        assertThat(lifted.get(1, 0)[0]).as("black ink").isEqualTo(plain.get(1, 0)[0]);
        assertThat(lifted.get(2, 0)[0]).as("paper").isEqualTo(plain.get(2, 0)[0]);
    }

    /** A scan without red is decoded exactly as before (in grey, after a look at an eighth of it). */
    @Test
    void aPageWithoutRedLoadsAsItsGreyDecoding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hnsd.jpg");
        Files.copy(Path.of(PAGE), file);

        Mat page = load(file, dir);

        Mat plain = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        assertThat(Core.countNonZero(difference(page, plain))).isZero();
    }

    @Test
    void aSealIsLiftedAndTheInkUnderItKept(@TempDir Path dir) throws Exception {
        Mat scan = Imgcodecs.imread(PAGE);
        Mat seal = stamp(scan);
        Path file = sealedJpeg(scan, dir);

        assertLiftedButInkKept(load(file, dir), Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_GRAYSCALE), seal);
    }

    /**
     * Where the seal lies on paper it is as dark as ink when made grey by brightness ({@code plain}), nearly paper
     * when loaded; the text's ink under it stays as dark as it was.
     */
    private static void assertLiftedButInkKept(Mat loadedPage, Mat plainPage, Mat sealMask) {
        // a PDF page rendered at the scan's resolution may come out a pixel short of it
        Rect common = new Rect(0, 0, Math.min(loadedPage.cols(), sealMask.cols()),
                Math.min(loadedPage.rows(), sealMask.rows()));
        Mat loaded = loadedPage.submat(common);
        Mat plain = plainPage.submat(common);
        Mat seal = sealMask.submat(common);
        Mat original = Imgcodecs.imread(PAGE, Imgcodecs.IMREAD_GRAYSCALE).submat(common);
        Mat onPaper = new Mat();
        Core.inRange(original, new Scalar(150), new Scalar(255), onPaper);
        Core.bitwise_and(onPaper, seal, onPaper);
        assertThat(Core.countNonZero(onPaper)).isGreaterThan(2000);
        double paper = Core.mean(original, onPaper).val[0];
        assertThat(Core.mean(plain, onPaper).val[0]).isLessThan(paper - 60);
        assertThat(Core.mean(loaded, onPaper).val[0]).isGreaterThan(paper - 30);
        Mat ink = new Mat();
        Core.inRange(original, new Scalar(0), new Scalar(90), ink);
        Core.bitwise_and(ink, seal, ink);
        assertThat(Core.countNonZero(ink)).isGreaterThan(200);
        assertThat(Core.mean(loaded, ink).val[0]).isLessThan(Core.mean(original, ink).val[0] + 25);
    }

    /**
     * A seal stamped over the text turns the characters under it into other boxes when the page is made grey by
     * brightness; loaded, the page is cut there as it is without the seal, and nothing is cut on the seal on paper.
     */
    @Test
    void theSealedPageIsCutAsTheUnsealedOne(@TempDir Path dir) throws Exception {
        Mat scan = Imgcodecs.imread(PAGE);
        stamp(scan);
        Path file = sealedJpeg(scan, dir);
        Rect overText = sealRect(scan.size(), SEALS[1]);
        Segmenter segmenter = new Segmenter();

        List<CharBox> unsealed = segmenter.segment(Imgcodecs.imread(PAGE, Imgcodecs.IMREAD_GRAYSCALE));
        List<CharBox> plain = segmenter.segment(Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_GRAYSCALE));
        List<CharBox> loaded = segmenter.segment(load(file, dir));

        List<CharBox> expected = unsealed.stream().filter(b -> touches(b, overText)).toList();
        System.out.printf("under the seal: unsealed %d boxes, brightness %d (%d as unsealed), loaded %d (%d)%n",
                expected.size(), plain.stream().filter(b -> touches(b, overText)).count(), alike(expected, plain),
                loaded.stream().filter(b -> touches(b, overText)).count(), alike(expected, loaded));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        assertThat(alike(expected, plain)).as("the hazard: a seal read as brightness is ink").isLessThan(expected.size());
        assertThat(alike(expected, loaded)).isEqualTo(expected.size());
        assertThat(loaded).noneMatch(b -> within(b, sealRect(scan.size(), SEALS[0])));
    }

    /** How many of {@code expected} have a box of {@code boxes} at nearly the same place and size. */
    private static long alike(List<CharBox> expected, List<CharBox> boxes) {
        return expected.stream().filter(e -> boxes.stream().anyMatch(b -> Math.abs(b.x() - e.x()) <= 4
                && Math.abs(b.y() - e.y()) <= 4 && Math.abs(b.w() - e.w()) <= 6 && Math.abs(b.h() - e.h()) <= 6)).count();
    }

    /** A scanned book delivered as PDF: its pages are rendered in colour, and the seal is lifted as in an image. */
    @Test
    void aSealInAPdfIsLiftedToo(@TempDir Path dir) throws Exception {
        Mat scan = Imgcodecs.imread(PAGE);
        Mat seal = stamp(scan);
        Path jpeg = sealedJpeg(scan, dir);
        Path pdf = dir.resolve("sealed.pdf");
        SamplePdfMaker.write(pdf, jpeg);
        InputLimits limits = InputLimits.defaults();
        PageRef ref = new SourceInspector(limits).inspect(new SourceFile(pdf, SourceKind.PDF, dir)).get(0);

        Mat page = new PageImageLoader(limits).loadUnchanged(ref);

        assertThat(Math.abs(page.cols() - scan.cols()) + Math.abs(page.rows() - scan.rows())).isLessThan(4);
        assertLiftedButInkKept(page, Imgcodecs.imread(jpeg.toString(), Imgcodecs.IMREAD_GRAYSCALE), seal);
    }

    /** The stamped scan written as a scanner writes it (JPEG, quality 92). */
    private static Path sealedJpeg(Mat scan, Path dir) {
        Path file = dir.resolve("sealed.jpg");
        Imgcodecs.imwrite(file.toString(), scan, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 92));
        return file;
    }

    private static Mat load(Path file, Path dir) {
        InputLimits limits = InputLimits.defaults();
        PageRef ref = new SourceInspector(limits).inspect(new SourceFile(file, SourceKind.IMAGE, dir)).get(0);
        return new PageImageLoader(limits).loadUnchanged(ref);
    }

    private static Mat difference(Mat a, Mat b) {
        Mat d = new Mat();
        Core.absdiff(a, b, d);
        return d;
    }

    private static boolean within(CharBox b, Rect r) {
        return b.centreX() >= r.x && b.centreX() < r.x + r.width && b.centreY() >= r.y && b.centreY() < r.y + r.height;
    }

    private static boolean touches(CharBox b, Rect r) {
        return b.x() < r.x + r.width && r.x < b.x() + b.w() && b.y() < r.y + r.height && r.y < b.y() + b.h();
    }

    private static Rect sealRect(Size page, double[] seal) {
        int size = (int) (seal[2] * page.width);
        return new Rect((int) (seal[0] * page.width) - size / 2, (int) (seal[1] * page.height) - size / 2, size, size);
    }

    /**
     * Stamps {@link #SEALS} on the colour scan as a seal's ink lies on a page (the paper's colour multiplied by
     * vermilion): a square border and rectilinear strokes inside, as seal script is cut. Returns the seals' mask.
     */
    private static Mat stamp(Mat scan) {
        Mat mask = Mat.zeros(scan.size(), CvType.CV_8UC1);
        Random random = new Random(7);
        for (double[] seal : SEALS) {
            Rect r = sealRect(scan.size(), seal);
            int t = Math.max(3, r.width / 16);
            Imgproc.rectangle(mask, r.tl(), r.br(), new Scalar(255), t);
            int cell = (r.width - 4 * t) / 2;
            for (int cx = 0; cx < 2; cx++) {
                for (int cy = 0; cy < 2; cy++) {
                    int ox = r.x + 2 * t + cx * cell;
                    int oy = r.y + 2 * t + cy * cell;
                    for (int k = 0; k < 5; k++) {
                        int a = random.nextInt(cell);
                        int b = random.nextInt(cell);
                        int c = random.nextInt(cell);
                        boolean across = random.nextBoolean();
                        Point p = across ? new Point(ox + Math.min(a, b), oy + c) : new Point(ox + c, oy + Math.min(a, b));
                        Point q = across ? new Point(ox + Math.max(a, b) + cell / 4.0, oy + c)
                                : new Point(ox + c, oy + Math.max(a, b) + cell / 4.0);
                        Imgproc.line(mask, p, q, new Scalar(255), Math.max(2, t * 2 / 3));
                    }
                }
            }
        }
        Mat vermilion = new Mat(scan.size(), CvType.CV_8UC3, new Scalar(45, 55, 215));
        Mat stamped = new Mat();
        Core.multiply(scan, vermilion, stamped, 1 / 255.0);
        stamped.copyTo(scan, mask);
        return mask;
    }
}
