package org.honkoku.segment;

import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a grayscale page into an ink mask (255 = ink). Old paper is unevenly lit and stained, so the page
 * is first divided by an estimate of its paper colour; one global Otsu threshold then separates ink from
 * paper, and a ceiling on that threshold keeps the faint show-through of the other side of the leaf out.
 * That ceiling is a grey level, so a page whose ink is faint (grey ink, a washed-out scan) is first given
 * the contrast of the faintest labelled page: without it the ceiling cut its strokes into specks.
 */
final class Binarizer {

    /** Paper is normalised to about 250; show-through and light stains sit well above this. */
    private static final double MAX_THRESHOLD = 185;
    static final double PAPER = 250;
    /**
     * The ink's level (the median of the pixels at or below Otsu's threshold, paper normalised, at the size the
     * page is analysed) on the labelled pages is 99-140. A page whose ink is lighter is stretched away from the
     * paper until it is at this level.
     */
    static final double INK_LEVEL = 140;
    /** Ink lighter than this is no ink to stretch: a blank leaf's stains and show-through. */
    static final double FAINTEST_INK = 215;
    /** The most a faint page's contrast is raised (reached by ink at 213 or lighter). */
    static final double MAX_STRETCH = 3;

    private Binarizer() {
    }

    static Mat binarize(Mat gray) {
        Mat paper = estimatePaper(gray);
        Mat leaf = leaf(paper);
        Mat normalised = new Mat();
        Core.divide(gray, paper, normalised, PAPER, CvType.CV_8U);
        paper.release();
        Mat ink = new Mat();
        double otsu = threshold(normalised, leaf, ink);
        double stretch = stretch(inkLevel(normalised, leaf, otsu));
        if (stretch > 1) {
            // 250 - (250 - v) x stretch: paper stays paper, the ink darkens to the labelled pages' level
            normalised.convertTo(normalised, CvType.CV_8U, stretch, PAPER * (1 - stretch));
            otsu = threshold(normalised, leaf, ink);
        }
        if (otsu > MAX_THRESHOLD) {
            Imgproc.threshold(normalised, ink, MAX_THRESHOLD, 255, Imgproc.THRESH_BINARY_INV);
        }
        normalised.release();
        if (leaf != null) {
            leaf.release();
        }
        return ink;
    }

    /**
     * Where the scan is paper: a scanner bed or a dark cloth round the leaf is no paper, and the edge of the leaf
     * against it comes out dark after the paper is divided out, a band of "ink" that pulled Otsu's threshold and
     * the ink's level down (the 8 labelled pages made faint and framed in black read F1 0.27, against 0.65 faint
     * alone). Paper is where the paper estimate is at least half its median; null when that is the whole scan.
     */
    static Mat leaf(Mat paper) {
        float[] counts = histogram(paper, null);
        double half = 0.5 * median(counts, 255);
        Mat leaf = new Mat();
        Imgproc.threshold(paper, leaf, Math.max(0, Math.ceil(half) - 1), 255, Imgproc.THRESH_BINARY);
        if (Core.countNonZero(leaf) == leaf.total()) {
            leaf.release();
            return null;
        }
        return leaf;
    }

    /** Otsu's threshold over the leaf's pixels (the whole scan's when {@code leaf} is null); ink at or below it. */
    private static double threshold(Mat normalised, Mat leaf, Mat ink) {
        if (leaf == null) {
            return Imgproc.threshold(normalised, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
        }
        double t = otsu(histogram(normalised, leaf));
        Imgproc.threshold(normalised, ink, t, 255, Imgproc.THRESH_BINARY_INV);
        return t;
    }

    /** Otsu's threshold of a 256-bin histogram, computed as OpenCV computes it. */
    static double otsu(float[] counts) {
        double total = 0;
        double mu = 0;
        for (int i = 0; i < 256; i++) {
            total += counts[i];
            mu += i * (double) counts[i];
        }
        if (total == 0) {
            return 0;
        }
        mu /= total;
        double q1 = 0;
        double mu1 = 0;
        double best = 0;
        int threshold = 0;
        for (int i = 0; i < 256; i++) {
            double p = counts[i] / total;
            mu1 *= q1;
            q1 += p;
            double q2 = 1 - q1;
            if (Math.min(q1, q2) < 1.1920929e-7 || Math.max(q1, q2) > 1 - 1.1920929e-7) {
                continue;
            }
            mu1 = (mu1 + i * p) / q1;
            double mu2 = (mu - q1 * mu1) / q2;
            double sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2);
            if (sigma > best) {
                best = sigma;
                threshold = i;
            }
        }
        return threshold;
    }

    /** How much to raise the contrast of a page whose ink lies at {@code inkLevel}: 1 for ink as dark as usual. */
    static double stretch(double inkLevel) {
        if (inkLevel <= INK_LEVEL || inkLevel > FAINTEST_INK) {
            return 1;
        }
        return Math.min(MAX_STRETCH, (PAPER - INK_LEVEL) / (PAPER - inkLevel));
    }

    /** The median grey level of the leaf's pixels at or below {@code threshold} (the paper-normalised page's ink). */
    static double inkLevel(Mat normalised, Mat leaf, double threshold) {
        return median(histogram(normalised, leaf), (int) Math.min(255, threshold));
    }

    /** The 256-bin histogram of an 8-bit image, of the pixels under {@code mask} (all when null). */
    private static float[] histogram(Mat image, Mat mask) {
        Mat hist = new Mat();
        Imgproc.calcHist(List.of(image), new MatOfInt(0), mask == null ? new Mat() : mask, hist, new MatOfInt(256),
                new MatOfFloat(0, 256));
        float[] counts = new float[256];
        hist.get(0, 0, counts);
        hist.release();
        return counts;
    }

    /** The median of the histogram's values {@code 0..top}; {@link #PAPER} when there are none. */
    private static double median(float[] counts, int top) {
        double below = 0;
        for (int v = 0; v <= top; v++) {
            below += counts[v];
        }
        double seen = 0;
        for (int v = 0; v <= top; v++) {
            seen += counts[v];
            if (below > 0 && seen >= below / 2) {
                return v;
            }
        }
        return PAPER;
    }

    /**
     * A grey-level closing removes every dark feature narrower than its kernel, leaving the paper. It is done
     * at an eighth of the size, where a kernel wider than any brush stroke is cheap, then blurred and scaled
     * back so the estimate has no blocky edges.
     */
    private static Mat estimatePaper(Mat gray) {
        double shrink = 8.0;
        Mat small = new Mat();
        Imgproc.resize(gray, small, new Size(Math.max(1, gray.cols() / shrink), Math.max(1, gray.rows() / shrink)),
                0, 0, Imgproc.INTER_AREA);
        int k = Math.max(3, (int) Math.round(Math.max(gray.cols(), gray.rows()) / shrink / 40) | 1);
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(k, k));
        Imgproc.morphologyEx(small, small, Imgproc.MORPH_CLOSE, kernel);
        Imgproc.GaussianBlur(small, small, new Size(k, k), 0);
        Mat paper = new Mat();
        Imgproc.resize(small, paper, gray.size(), 0, 0, Imgproc.INTER_LINEAR);
        small.release();
        kernel.release();
        return paper;
    }
}
