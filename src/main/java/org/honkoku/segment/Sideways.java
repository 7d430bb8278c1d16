package org.honkoku.segment;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Whether a scan lies on its side: its columns run across the image instead of down it. Vertical text gathers the
 * ink into columns with gaps between them, so the ink summed down each pixel column varies much more than the ink
 * summed along each row; a scan turned a quarter shows the reverse. On the labelled pages, frames and rules taken
 * out, the first varies 1.6–4.5 times as much as the second (its relative variance), and 0.22–0.63 times as much
 * when they are turned a quarter either way.
 */
public final class Sideways {

    /** A page is taken to lie on its side when its columns' profile varies less than this share of its rows'. */
    static final double MAX_RATIO = 0.8;
    /** The ink is looked at with this long side: enough for gaps between columns, a few milliseconds. */
    private static final int LONG_SIDE = 600;
    /** A page with less ink than this share of its pixels (a blank leaf, a cover) is left as it is. */
    private static final double MIN_INK = 0.002;

    private Sideways() {
    }

    /** @param grayPage a page as loaded (8-bit grey, dark ink on light paper) */
    public static boolean likely(Mat grayPage) {
        double ratio = ratio(grayPage);
        return ratio < MAX_RATIO;
    }

    /**
     * The relative variance of the ink's profile across the image (summed down each pixel column) over that of its
     * profile down the image (summed along each row); {@code NaN} for a page with too little ink to tell.
     */
    static double ratio(Mat grayPage) {
        double scale = Math.min(1, (double) LONG_SIDE / Math.max(grayPage.cols(), grayPage.rows()));
        Mat small = new Mat();
        Imgproc.resize(grayPage, small, new Size(), scale, scale, Imgproc.INTER_AREA);
        Mat ink = Binarizer.binarize(small);
        small.release();
        RuleRemover.removeRules(ink);
        Mat across = new Mat();
        Mat down = new Mat();
        Core.reduce(ink, across, 0, Core.REDUCE_SUM, CvType.CV_64F);
        Core.reduce(ink, down, 1, Core.REDUCE_SUM, CvType.CV_64F);
        double inked = Core.countNonZero(ink) / (double) ink.total();
        double[] columns = new double[ink.cols()];
        double[] rows = new double[ink.rows()];
        across.get(0, 0, columns);
        down.get(0, 0, rows);
        ink.release();
        across.release();
        down.release();
        if (inked < MIN_INK) {
            return Double.NaN;
        }
        return relativeVariance(columns) / relativeVariance(rows);
    }

    private static double relativeVariance(double[] profile) {
        double sum = 0;
        double squares = 0;
        for (double v : profile) {
            sum += v;
            squares += v * v;
        }
        double mean = sum / profile.length;
        return (squares / profile.length - mean * mean) / (mean * mean);
    }
}
