package org.honkoku.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.honkoku.OpenCvLoader;
import org.honkoku.evaluate.PredictedPoint;
import org.honkoku.evaluate.Score;
import org.honkoku.evaluate.Scorer;
import org.honkoku.evaluate.TruthBox;
import org.honkoku.evaluate.TruthCsv;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Dev tool for tuning the segmenter: scores every labelled page and book (detection, the competition rule without
 * labels) and writes overlays (truth green, predictions red with a blue centre, column numbers at the top)
 * for looking at. Not a test; from the project root:
 * <pre>
 * mvn -o -q test-compile &amp;&amp; java -cp target/classes:target/test-classes:$HOME/.m2/repository/org/openpnp/opencv/4.9.0-0/opencv-4.9.0-0.jar \
 *     org.honkoku.segment.SegmentationBench [images-dir] [truth.csv] [overlay-dir]
 * </pre>
 * Defaults: {@code ../shared/data/pages/images}, {@code ../shared/data/pages/truth.csv}, {@code /tmp/seg-overlays}.
 * System properties: {@code -Donly=hnsd} (pages whose name contains it), {@code -Doverlay.scale=0.6},
 * {@code -Dcrop=x0,y0,x1,y1} (fractions of the page, for a closer look), {@code -Dpage.scale=0.5} (shrink the
 * pages and their truth first, to check that nothing depends on this data set's resolution).
 */
public final class SegmentationBench {

    private static final double OVERLAY_SCALE = Double.parseDouble(System.getProperty("overlay.scale", "0.3"));

    private SegmentationBench() {
    }

    public static void main(String[] args) throws IOException {
        Path images = Path.of(args.length > 0 ? args[0] : "../shared/data/pages/images");
        Path truthCsv = Path.of(args.length > 1 ? args[1] : "../shared/data/pages/truth.csv");
        Path overlays = Path.of(args.length > 2 ? args[2] : "/tmp/seg-overlays");
        OpenCvLoader.load();
        Files.createDirectories(overlays);
        Map<String, List<TruthBox>> truth = TruthCsv.read(truthCsv);
        Segmenter segmenter = new Segmenter();

        Score total = Score.ZERO;
        Map<String, Score> byBook = new java.util.TreeMap<>();
        double f1Sum = 0;
        long msSum = 0;
        int pages = 0;
        System.out.printf("%-20s %5s %5s %6s %6s %6s %6s%n", "page", "boxes", "truth", "prec", "recall", "f1", "ms");
        List<Path> files;
        try (var s = Files.list(images)) {
            String only = System.getProperty("only", "");
            files = s.filter(p -> p.toString().endsWith(".jpg") && p.toString().contains(only)).sorted().toList();
        }
        for (Path file : files) {
            String id = file.getFileName().toString().replaceFirst("\\.jpg$", "");
            Mat page = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_GRAYSCALE);
            // -Dpage.scale=0.5 checks that nothing depends on this data set's resolution
            double pageScale = Double.parseDouble(System.getProperty("page.scale", "1"));
            if (pageScale != 1) {
                Imgproc.resize(page, page, new Size(), pageScale, pageScale, Imgproc.INTER_AREA);
            }
            segmenter.segment(page); // warm-up so the timing is of the steady state
            long t0 = System.nanoTime();
            List<CharBox> boxes = segmenter.segment(page);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            List<TruthBox> t = truth.getOrDefault(id, List.of()).stream()
                    .map(b -> new TruthBox(b.imageId(), b.unicode(), (int) (b.x() * pageScale), (int) (b.y() * pageScale),
                            (int) Math.ceil(b.w() * pageScale), (int) Math.ceil(b.h() * pageScale)))
                    .toList();
            List<PredictedPoint> points = new ArrayList<>();
            for (CharBox b : boxes) {
                points.add(new PredictedPoint(null, b.centreX(), b.centreY()));
            }
            Score s = Scorer.score(t, points, false);
            System.out.printf("%-20s %5d %5d %6.3f %6.3f %6.3f %6d%n", id, boxes.size(), t.size(),
                    s.precision(), s.recall(), s.f1(), ms);
            writeOverlay(page, t, boxes, overlays.resolve(id + ".png"));
            page.release();
            total = total.plus(s);
            byBook.merge(org.honkoku.Books.of(id), s, Score::plus);
            f1Sum += s.f1();
            msSum += ms;
            pages++;
        }
        // per book, pooled over its pages: choices are made leave-one-book-out, so figures are read per book
        byBook.forEach((book, s) -> System.out.printf("book %-12s %s p %.3f r %.3f f1 %.3f%n", book, s,
                s.precision(), s.recall(), s.f1()));
        System.out.printf("mean page f1 %.3f, pooled %s p %.3f r %.3f f1 %.3f, mean %d ms/page%n",
                f1Sum / pages, total, total.precision(), total.recall(), total.f1(), msSum / pages);
    }

    private static void writeOverlay(Mat page, List<TruthBox> truth, List<CharBox> boxes, Path out) {
        Mat small = new Mat();
        Imgproc.resize(page, small, new Size(), OVERLAY_SCALE, OVERLAY_SCALE, Imgproc.INTER_AREA);
        Mat colour = new Mat();
        Imgproc.cvtColor(small, colour, Imgproc.COLOR_GRAY2BGR);
        double k = OVERLAY_SCALE;
        for (TruthBox b : truth) {
            Imgproc.rectangle(colour, new Point(b.x() * k, b.y() * k),
                    new Point((b.x() + b.w()) * k, (b.y() + b.h()) * k), new Scalar(0, 170, 0), 1);
        }
        for (CharBox b : boxes) {
            Imgproc.rectangle(colour, new Point(b.x() * k + 1, b.y() * k + 1),
                    new Point((b.x() + b.w()) * k - 1, (b.y() + b.h()) * k - 1), new Scalar(0, 0, 255), 1);
            Imgproc.circle(colour, new Point(b.centreX() * k, b.centreY() * k), 2, new Scalar(255, 0, 0), -1);
            if (b.order() == 0) {
                Imgproc.putText(colour, String.valueOf(b.column()), new Point(b.x() * k, b.y() * k - 3),
                        Imgproc.FONT_HERSHEY_PLAIN, 0.8, new Scalar(200, 0, 200), 1);
            }
        }
        String crop = System.getProperty("crop"); // fractions of the page: x0,y0,x1,y1
        if (crop != null) {
            double[] f = java.util.Arrays.stream(crop.split(",")).mapToDouble(Double::parseDouble).toArray();
            Mat part = colour.submat((int) (f[1] * colour.rows()), (int) (f[3] * colour.rows()),
                    (int) (f[0] * colour.cols()), (int) (f[2] * colour.cols()));
            Imgcodecs.imwrite(out.toString(), part);
        } else {
            Imgcodecs.imwrite(out.toString(), colour);
        }
        small.release();
        colour.release();
    }
}
