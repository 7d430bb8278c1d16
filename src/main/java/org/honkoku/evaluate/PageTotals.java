package org.honkoku.evaluate;

import java.util.List;

/**
 * Page metrics summed over a set of pages: scores, the classifier's counts on truth boxes, stage seconds, and the
 * boxes the "not a character" head dropped (of them, those on a truth box).
 */
record PageTotals(Score labelled, Score detection, int namedCorrect, int namedTotal, int rareCorrect, int rareTotal,
                  double load, double segment, double classify, int dropped, int droppedOnCharacters) {

    static PageTotals of(List<PageMetrics> pages) {
        Score labelled = Score.ZERO;
        Score detection = Score.ZERO;
        int namedCorrect = 0;
        int namedTotal = 0;
        int rareCorrect = 0;
        int rareTotal = 0;
        double load = 0;
        double segment = 0;
        double classify = 0;
        int dropped = 0;
        int droppedOnCharacters = 0;
        for (PageMetrics p : pages) {
            labelled = labelled.plus(p.labelled());
            detection = detection.plus(p.detection());
            namedCorrect += p.namedCorrect();
            namedTotal += p.namedTotal();
            rareCorrect += p.rareCorrect();
            rareTotal += p.rareTotal();
            load += p.loadSeconds();
            segment += p.segmentSeconds();
            classify += p.classifySeconds();
            dropped += p.dropped();
            droppedOnCharacters += p.droppedOnCharacters();
        }
        return new PageTotals(labelled, detection, namedCorrect, namedTotal, rareCorrect, rareTotal, load, segment,
                classify, dropped, droppedOnCharacters);
    }

    /** Top-1 on the named truth boxes, or null when there were none (JSON's null). */
    String accuracy() {
        return namedTotal == 0 ? null : MetricsReport.num((double) namedCorrect / namedTotal);
    }

    String rareRecall() {
        return rareTotal == 0 ? null : MetricsReport.num((double) rareCorrect / rareTotal);
    }
}
