package org.honkoku.segment;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a grayscale page into an ink mask (255 = ink). Old paper is unevenly lit and stained, so the page
 * is first divided by an estimate of its paper colour; one global Otsu threshold then separates ink from
 * paper, and a ceiling on that threshold keeps the faint show-through of the other side of the leaf out.
 */
final class Binarizer {

    /** Paper is normalised to about 250; show-through and light stains sit well above this. */
    private static final double MAX_THRESHOLD = 185;

    private Binarizer() {
    }

    static Mat binarize(Mat gray) {
        Mat paper = estimatePaper(gray);
        Mat normalised = new Mat();
        Core.divide(gray, paper, normalised, 250.0, CvType.CV_8U);
        paper.release();
        Mat ink = new Mat();
        double otsu = Imgproc.threshold(normalised, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
        if (otsu > MAX_THRESHOLD) {
            Imgproc.threshold(normalised, ink, MAX_THRESHOLD, 255, Imgproc.THRESH_BINARY_INV);
        }
        normalised.release();
        return ink;
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
