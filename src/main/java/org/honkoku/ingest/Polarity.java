package org.honkoku.ingest;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Whether a scan is a negative (light ink on dark paper: microfilm scanned as it is) and, if so, the positive every
 * stage expects. Told by what falls into pieces: split at Otsu's threshold, ink falls into many pieces (strokes and
 * characters) and paper into the few that ink encloses (the insides of characters), whichever side is darker. On the
 * labelled pages the light side holds 0.18-0.52 times as many pieces as the dark, on their negatives 1.9-5.6 times. A
 * black or white scanner bed round the leaf is one piece more on one side and changes nothing (0.01-0.03 for those
 * pages on a black bed), where a page's median or its histogram would take a positive on a black bed for a negative.
 * A near-blank leaf has too few pieces to tell, and is left as it is.
 */
final class Polarity {

    /** Pieces are counted at this long side, from this many pixels (smaller ones are noise). */
    private static final int LONG_SIDE = 800;
    private static final int MIN_PIECE = 4;
    /** The light side must be in this many times more pieces than the dark, and in this many at least. */
    private static final double MARGIN = 1.25;
    private static final int MIN_PIECES = 50;

    private Polarity() {
    }

    /** The scan made positive in place if it is a negative; whether it was. */
    static boolean makePositive(Mat gray) {
        if (!isNegative(gray)) {
            return false;
        }
        Core.bitwise_not(gray, gray);
        return true;
    }

    static boolean isNegative(Mat gray) {
        if (gray.empty()) {
            return false;
        }
        double scale = Math.min(1, (double) LONG_SIDE / Math.max(gray.cols(), gray.rows()));
        Mat small = new Mat();
        Mat dark = new Mat();
        Mat light = new Mat();
        try {
            Imgproc.resize(gray, small, new Size(), scale, scale, Imgproc.INTER_AREA);
            Imgproc.threshold(small, dark, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            Core.bitwise_not(dark, light);
            int lightPieces = pieces(light);
            return lightPieces >= MIN_PIECES && lightPieces > MARGIN * pieces(dark);
        } finally {
            small.release();
            dark.release();
            light.release();
        }
    }

    /** How many 8-connected pieces of at least {@link #MIN_PIECE} pixels the mask holds. */
    static int pieces(Mat mask) {
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        try {
            int n = Imgproc.connectedComponentsWithStats(mask, labels, stats, centroids, 8);
            int count = 0;
            for (int i = 1; i < n; i++) {
                if (stats.get(i, Imgproc.CC_STAT_AREA)[0] >= MIN_PIECE) {
                    count++;
                }
            }
            return count;
        } finally {
            labels.release();
            stats.release();
            centroids.release();
        }
    }
}
