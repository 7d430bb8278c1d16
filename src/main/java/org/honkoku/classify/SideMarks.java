package org.honkoku.classify;

import org.honkoku.OpenCvLoader;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A segmenter's box often takes in the side of its column: a reading (furigana) or a dot beside the character,
 * which the framing then shrinks the character to make room for. This finds such marks in a crop as cut from a
 * scan: connected pieces of ink lying wholly in the outer {@link #SIDE} of the width, left or right, and
 * carrying less than {@link #INK} of the crop's ink. A character's own side strokes (the right half of い or
 * に) carry more. The dot of か does not: the caller reads both versions and keeps the more confident reading.
 */
public final class SideMarks {

    static final double SIDE = 0.3;
    static final double INK = 0.12;

    private SideMarks() {
    }

    /**
     * @param crop dark ink on light paper, grey or BGR, 8 bit
     * @return a grey copy with the side marks painted paper-white, or null when the crop has none
     */
    public static Mat erased(Mat crop) {
        OpenCvLoader.load();
        Mat gray = Preprocess.toGray(crop);
        if (gray.empty()) {
            return null;
        }
        Mat mask = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        Mat marks = Mat.zeros(gray.size(), CvType.CV_8UC1);
        Mat piece = new Mat();
        try {
            Imgproc.threshold(gray, mask, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            int n = Imgproc.connectedComponentsWithStats(mask, labels, stats, centroids, 8, CvType.CV_32S);
            double total = 0;
            for (int i = 1; i < n; i++) {
                total += stats.get(i, Imgproc.CC_STAT_AREA)[0];
            }
            int width = gray.cols();
            boolean any = false;
            for (int i = 1; i < n; i++) {
                double left = stats.get(i, Imgproc.CC_STAT_LEFT)[0];
                double right = left + stats.get(i, Imgproc.CC_STAT_WIDTH)[0];
                boolean atSide = left >= (1 - SIDE) * width || right <= SIDE * width;
                if (atSide && stats.get(i, Imgproc.CC_STAT_AREA)[0] < INK * total) {
                    Core.compare(labels, new Scalar(i), piece, Core.CMP_EQ);
                    Core.bitwise_or(marks, piece, marks);
                    any = true;
                }
            }
            if (!any) {
                return null;
            }
            // the anti-aliased rim of a mark is lighter than Otsu's threshold: take it too
            Imgproc.dilate(marks, marks, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
            Mat out = gray.clone();
            out.setTo(Scalar.all(255), marks);
            return out;
        } finally {
            for (Mat m : new Mat[] {mask, labels, stats, centroids, marks, piece}) {
                m.release();
            }
            if (gray != crop) {
                gray.release();
            }
        }
    }
}
