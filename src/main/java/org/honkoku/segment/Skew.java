package org.honkoku.segment;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * How far a page's columns lean from the vertical: the angle at which the ink, projected onto a line across the
 * columns, is most sharply gathered into columns and gaps (the projection's variance is largest). A page photographed
 * or scanned a few degrees askew has columns that drift across each other's place from top to bottom; 3 degrees cost
 * 10 points of F1 before pages were set upright.
 */
final class Skew {

    /** Angles tried, in degrees either way; coarse steps first, then fine ones round the best. */
    static final double MAX_DEGREES = 8;
    private static final double COARSE = 0.5;
    private static final double FINE = 0.1;
    /** The ink is sampled at this long side. */
    private static final int LONG_SIDE = 800;

    private Skew() {
    }

    /**
     * @param ink the page's ink mask (255 = ink)
     * @return the angle in degrees (positive: the columns' tops lean right, counter-clockwise from vertical as an
     *         image is drawn, y down) that turns the page upright when the page is rotated by it
     */
    static double estimate(Mat ink) {
        double scale = Math.min(1, (double) LONG_SIDE / Math.max(ink.cols(), ink.rows()));
        Mat small = new Mat();
        Imgproc.resize(ink, small, new Size(), scale, scale, Imgproc.INTER_AREA);
        Imgproc.threshold(small, small, 127, 255, Imgproc.THRESH_BINARY);
        MatOfPoint points = new MatOfPoint();
        Core.findNonZero(small, points);
        int n = (int) points.total();
        int[] xy = new int[2 * n];
        if (n > 0) {
            points.get(0, 0, xy);
        }
        int width = small.cols() + small.rows();
        small.release();
        points.release();
        if (n < 100) {
            return 0;
        }
        double best = 0;
        double bestScore = score(xy, 0, width);
        for (double a = -MAX_DEGREES; a <= MAX_DEGREES + 1e-9; a += COARSE) {
            double s = score(xy, a, width);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        double centre = best;
        for (double a = centre - COARSE; a <= centre + COARSE + 1e-9; a += FINE) {
            double s = score(xy, a, width);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        return Math.round(best * 10) / 10.0;
    }

    /** The variance of the ink's projection across columns leaning by {@code degrees}. */
    private static double score(int[] xy, double degrees, int width) {
        double t = Math.tan(Math.toRadians(degrees));
        int offset = width / 2;
        double[] bins = new double[2 * width + 1];
        for (int i = 0; i < xy.length; i += 2) {
            int bin = (int) Math.round(xy[i] - t * xy[i + 1]) + offset;
            if (bin >= 0 && bin < bins.length) {
                bins[bin]++;
            }
        }
        double sum = 0;
        double squares = 0;
        for (double b : bins) {
            sum += b;
            squares += b * b;
        }
        return squares / bins.length - (sum / bins.length) * (sum / bins.length);
    }
}
