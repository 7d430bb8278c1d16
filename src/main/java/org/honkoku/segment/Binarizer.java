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
    /** The most a faint page's contrast is raised (ink at 213 or lighter). */
    static final double MAX_STRETCH = 3;

    private Binarizer() {
    }

    static Mat binarize(Mat gray) {
        Mat paper = estimatePaper(gray);
        Mat normalised = new Mat();
        Core.divide(gray, paper, normalised, PAPER, CvType.CV_8U);
        paper.release();
        Mat ink = new Mat();
        double otsu = Imgproc.threshold(normalised, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
        double stretch = stretch(inkLevel(normalised, otsu));
        if (stretch > 1) {
            // 250 - (250 - v) x stretch: paper stays paper, the ink darkens to the labelled pages' level
            normalised.convertTo(normalised, CvType.CV_8U, stretch, PAPER * (1 - stretch));
            otsu = Imgproc.threshold(normalised, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
        }
        if (otsu > MAX_THRESHOLD) {
            Imgproc.threshold(normalised, ink, MAX_THRESHOLD, 255, Imgproc.THRESH_BINARY_INV);
        }
        normalised.release();
        return ink;
    }

    /** How much to raise the contrast of a page whose ink lies at {@code inkLevel}: 1 for ink as dark as usual. */
    static double stretch(double inkLevel) {
        if (inkLevel <= INK_LEVEL || inkLevel > FAINTEST_INK) {
            return 1;
        }
        return Math.min(MAX_STRETCH, (PAPER - INK_LEVEL) / (PAPER - inkLevel));
    }

    /** The median grey level of the pixels at or below {@code threshold} (the paper-normalised page's ink). */
    static double inkLevel(Mat normalised, double threshold) {
        Mat hist = new Mat();
        Imgproc.calcHist(List.of(normalised), new MatOfInt(0), new Mat(), hist, new MatOfInt(256), new MatOfFloat(0, 256));
        float[] counts = new float[256];
        hist.get(0, 0, counts);
        hist.release();
        int top = (int) Math.min(255, threshold);
        double below = 0;
        for (int v = 0; v <= top; v++) {
            below += counts[v];
        }
        double seen = 0;
        for (int v = 0; v <= top; v++) {
            seen += counts[v];
            if (seen >= below / 2) {
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
