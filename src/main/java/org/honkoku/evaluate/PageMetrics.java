package org.honkoku.evaluate;

import org.honkoku.Books;

/**
 * What evaluation measured on one page: end-to-end and detection scores, the classifier alone on the
 * truth boxes (named-class hits and totals, rare hits and totals), the seconds in each stage, and each box's
 * confidence with whether it was read right ({@link BoxOutcomes}; empty when only an export was scored), and the
 * boxes the "not a character" head dropped: how many, and how many of them had their centre in a truth box.
 */
public record PageMetrics(String imageId, int boxes, Score labelled, Score detection,
                          int namedCorrect, int namedTotal, int rareCorrect, int rareTotal,
                          double loadSeconds, double segmentSeconds, double classifySeconds,
                          double[] confidence, boolean[] right, int dropped, int droppedOnCharacters) {

    public PageMetrics(String imageId, int boxes, Score labelled, Score detection) {
        this(imageId, boxes, labelled, detection, 0, 0, 0, 0, 0, 0, 0, new double[0], new boolean[0], 0, 0);
    }

    public double seconds() {
        return loadSeconds + segmentSeconds + classifySeconds;
    }

    public String book() {
        return Books.of(imageId);
    }
}
