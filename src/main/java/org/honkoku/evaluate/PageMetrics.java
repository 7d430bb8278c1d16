package org.honkoku.evaluate;

/**
 * What evaluation measured on one page: end-to-end and detection scores, the classifier alone on the
 * truth boxes (named-class hits and totals, rare hits and totals), and the seconds in each stage.
 */
public record PageMetrics(String imageId, int boxes, Score labelled, Score detection,
                          int namedCorrect, int namedTotal, int rareCorrect, int rareTotal,
                          double loadSeconds, double segmentSeconds, double classifySeconds) {

    public double seconds() {
        return loadSeconds + segmentSeconds + classifySeconds;
    }
}
