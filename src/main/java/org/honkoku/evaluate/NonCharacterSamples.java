package org.honkoku.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.honkoku.classify.Classifier;
import org.honkoku.classify.NotCharacter;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Boxes that hold no character, for the "not a character" head to learn from beyond the segmenter's own false
 * alarms on the labelled pages (few, and mostly pieces of characters): boxes of a page's typical size laid on its
 * ink outside every truth box — readings beside the columns, frame and rule edges, dots, stains, show-through,
 * pieces of two characters — and drawn ones: stretches of rules and frame corners, specks, and the strokes of
 * drawings, on the page's own paper colour. Each comes with its features as {@link NotCharacter#features} gives
 * them for a box of the page.
 */
final class NonCharacterSamples {

    /** Boxes laid on the page's ink per page, and drawn boxes per page. */
    static final int ON_PAGE = 60;
    static final int DRAWN = 40;
    private static final int TRIES = 4000;
    /** A box laid on the page holds ink on at least this share of its pixels. */
    private static final double MIN_INK = 0.03;

    private NonCharacterSamples() {
    }

    /**
     * @param page      the page as scanned (not modified)
     * @param truth     its truth boxes
     * @param pageSizes the widths and heights of the boxes the segmenter cut on it (the page's typical box)
     * @param seed      for the boxes' places and the drawings, so that a run can be repeated
     */
    static double[][] features(Classifier classifier, Mat page, List<TruthBox> truth, List<int[]> pageSizes,
                               long seed) {
        Random random = new Random(seed);
        int w = median(truth.stream().mapToInt(TruthBox::w).toArray());
        int h = median(truth.stream().mapToInt(TruthBox::h).toArray());
        double paper = Core.mean(page).val[0];
        List<Mat> crops = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        onPage(page, truth, w, h, random, crops, sizes);
        for (int i = 0; i < DRAWN; i++) {
            int bw = (int) (w * (0.5 + random.nextDouble()));
            int bh = (int) (h * (0.5 + random.nextDouble()));
            crops.add(drawn(i % 5, bw, bh, Math.max(2, w / 12), paper, random));
            sizes.add(new int[]{bw, bh});
        }
        try {
            // as the segmenter's boxes are read, and judged, in the pipeline (RecognitionScorer.readAndSift)
            Classifier.Read read = classifier.readAsStored(crops);
            // measured against the typical box the segmenter cut on the page, as its own boxes are
            return NotCharacter.features(sizes, read.predictions(), read.embeddings(), pageSizes);
        } finally {
            crops.forEach(Mat::release);
        }
    }

    /** Boxes of the page's typical size whose centre lies outside every truth box and which hold some ink. */
    private static void onPage(Mat page, List<TruthBox> truth, int w, int h, Random random, List<Mat> crops,
                               List<int[]> sizes) {
        int left = truth.stream().mapToInt(TruthBox::x).min().orElse(0) - w / 2;
        int top = truth.stream().mapToInt(TruthBox::y).min().orElse(0) - h / 2;
        int right = truth.stream().mapToInt(t -> t.x() + t.w()).max().orElse(page.cols()) + w / 2;
        int bottom = truth.stream().mapToInt(t -> t.y() + t.h()).max().orElse(page.rows()) + h / 2;
        Mat ink = new Mat();
        Imgproc.adaptiveThreshold(page, ink, 1, Imgproc.ADAPTIVE_THRESH_MEAN_C, Imgproc.THRESH_BINARY_INV,
                (Math.max(w, h) | 1) + 2, 20);
        int found = 0;
        for (int t = 0; t < TRIES && found < ON_PAGE; t++) {
            int bw = (int) (w * (0.4 + 0.9 * random.nextDouble()));
            int bh = (int) (h * (0.4 + 0.9 * random.nextDouble()));
            int x = left + random.nextInt(Math.max(1, right - left - bw));
            int y = top + random.nextInt(Math.max(1, bottom - top - bh));
            Rect r = new Rect(Math.max(0, x), Math.max(0, y), bw, bh);
            if (r.x + r.width > page.cols() || r.y + r.height > page.rows()) {
                continue;
            }
            int cx = r.x + r.width / 2;
            int cy = r.y + r.height / 2;
            if (truth.stream().anyMatch(b -> b.contains(cx, cy))) {
                continue;
            }
            Mat part = ink.submat(r);
            double share = Core.sumElems(part).val[0] / (r.width * (double) r.height);
            if (share < MIN_INK) {
                continue;
            }
            crops.add(page.submat(r));
            sizes.add(new int[]{r.width, r.height});
            found++;
        }
        ink.release();
    }

    /** A drawn box: 0 a stretch of rule, 1 a frame corner, 2 specks, 3 strokes of a drawing, 4 hatching. */
    static Mat drawn(int kind, int w, int h, int stroke, double paper, Random random) {
        Mat m = new Mat(h, w, org.opencv.core.CvType.CV_8UC1, Scalar.all(paper));
        Scalar ink = Scalar.all(30 + random.nextInt(60));
        switch (kind) {
            case 0 -> {
                if (random.nextBoolean()) {
                    int y = random.nextInt(h);
                    Imgproc.line(m, new Point(0, y), new Point(w, y + random.nextInt(5) - 2), ink, stroke);
                } else {
                    int x = random.nextInt(w);
                    Imgproc.line(m, new Point(x, 0), new Point(x + random.nextInt(5) - 2, h), ink, stroke);
                }
            }
            case 1 -> {
                int x = random.nextInt(w);
                int y = random.nextInt(h);
                Imgproc.line(m, new Point(x, y), new Point(random.nextBoolean() ? 0 : w, y), ink, stroke);
                Imgproc.line(m, new Point(x, y), new Point(x, random.nextBoolean() ? 0 : h), ink, stroke);
            }
            case 2 -> {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    Imgproc.circle(m, new Point(random.nextInt(w), random.nextInt(h)), 1 + random.nextInt(stroke + 2),
                            ink, -1);
                }
            }
            case 3 -> {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    Point c = new Point(random.nextInt(w), random.nextInt(h));
                    Size axes = new Size(w * (0.3 + random.nextDouble()), h * (0.3 + random.nextDouble()));
                    double start = random.nextInt(360);
                    Imgproc.ellipse(m, c, axes, random.nextInt(180), start, start + 60 + random.nextInt(120), ink,
                            stroke);
                }
            }
            default -> {
                int step = Math.max(stroke * 3, w / 6);
                for (int d = -h; d < w; d += step) {
                    Imgproc.line(m, new Point(d, 0), new Point(d + h, h), ink, Math.max(1, stroke / 2));
                }
            }
        }
        Mat noise = new Mat(m.size(), m.type());
        Core.randn(noise, 8, 8);
        Core.add(m, noise, m);
        Core.subtract(m, Scalar.all(8), m);
        noise.release();
        Imgproc.GaussianBlur(m, m, new Size(3, 3), 0);
        return m;
    }

    private static int median(int[] v) {
        int[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length == 0 ? 32 : Math.max(8, s[s.length / 2]);
    }
}
