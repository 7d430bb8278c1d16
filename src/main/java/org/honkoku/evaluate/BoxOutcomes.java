package org.honkoku.evaluate;

import java.util.List;
import java.util.Set;

/**
 * Whether each box of a page was read right, for the box-level figures ({@code box_ece},
 * {@code wrong_in_lowest_30pct}): a box is right when its centre lies in a truth box not yet matched with the same
 * label; a box read {@code rare} matches a truth box whose label is none of the named classes. Boxes are taken in
 * reading order, as the competition's scorer takes predictions.
 */
final class BoxOutcomes {

    private BoxOutcomes() {
    }

    static boolean[] right(List<TruthBox> truth, List<PredictedPoint> boxes, Set<String> named) {
        int[] match = matches(truth, boxes, named);
        boolean[] right = new boolean[boxes.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = match[i] >= 0;
        }
        return right;
    }

    /** For each box, the index of the truth box it was matched with as {@link #right} matches, or -1. */
    static int[] matches(List<TruthBox> truth, List<PredictedPoint> boxes, Set<String> named) {
        boolean[] matched = new boolean[truth.size()];
        int[] match = new int[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            match[i] = -1;
            PredictedPoint p = boxes.get(i);
            for (int t = 0; t < truth.size(); t++) {
                TruthBox box = truth.get(t);
                boolean same = PipelineEvaluator.RARE.equals(p.unicode()) ? !named.contains(box.unicode())
                        : box.unicode().equals(p.unicode());
                if (!matched[t] && same && box.contains(p.cx(), p.cy())) {
                    matched[t] = true;
                    match[i] = t;
                    break;
                }
            }
        }
        return match;
    }
}
