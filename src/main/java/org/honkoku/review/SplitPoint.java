package org.honkoku.review;

import org.honkoku.OpenCvLoader;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Where to cut a box that holds two characters of a column (one above the other): the row with the
 * least ink in the middle third of the box, so the cut runs through the gap between the characters
 * rather than through a stroke. Plain OpenCV, no Spring.
 */
final class SplitPoint {

    /** Boxes lower than this are not split: each half would be too small to read. */
    static final int MIN_HEIGHT = 8;

    private SplitPoint() {
    }

    /** @param crop the box as cut from the scan (dark ink on light paper) @return the first row of the lower part */
    static int row(Mat crop) {
        OpenCvLoader.load();
        int h = crop.rows();
        if (h < MIN_HEIGHT) {
            throw new IllegalArgumentException("this box is too small to split");
        }
        Mat ink = new Mat();
        Imgproc.threshold(crop, ink, 0, 1, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
        Mat rows = new Mat();
        Core.reduce(ink, rows, 1, Core.REDUCE_SUM, CvType.CV_32S);
        int[] counts = new int[h];
        rows.get(0, 0, counts);
        int from = h / 3;
        int to = h - h / 3;
        int best = h / 2;
        for (int r = from; r < to; r++) {
            // ties go to the row nearest the middle
            if (counts[r] < counts[best] || (counts[r] == counts[best] && Math.abs(r - h / 2) < Math.abs(best - h / 2))) {
                best = r;
            }
        }
        return best;
    }
}
