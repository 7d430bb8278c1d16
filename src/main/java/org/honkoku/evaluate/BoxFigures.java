package org.honkoku.evaluate;

import org.honkoku.classify.BoxCalibration;

import java.util.List;

/**
 * The box-level figures of a set of pages: expected calibration error of the boxes' confidences (10 bins), the
 * share of the wrong boxes among the least confident 30%, and the share of boxes read right ({@link BoxOutcomes}).
 */
record BoxFigures(double ece, double wrongInLowest30, double rightShare) {

    static BoxFigures of(List<PageMetrics> pages) {
        int n = pages.stream().mapToInt(p -> p.confidence().length).sum();
        double[] confidence = new double[n];
        boolean[] right = new boolean[n];
        int k = 0;
        int rightCount = 0;
        for (PageMetrics p : pages) {
            for (int i = 0; i < p.confidence().length; i++, k++) {
                confidence[k] = p.confidence()[i];
                right[k] = p.right()[i];
                rightCount += right[k] ? 1 : 0;
            }
        }
        if (n == 0) {
            return new BoxFigures(0, 0, 0);
        }
        return new BoxFigures(BoxCalibration.expectedCalibrationError(confidence, right),
                BoxCalibration.wrongInLowest30(confidence, right), (double) rightCount / n);
    }
}
