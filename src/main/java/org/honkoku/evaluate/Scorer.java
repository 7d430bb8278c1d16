package org.honkoku.evaluate;

import java.util.List;
import java.util.Objects;

/**
 * The Kuzushiji Recognition competition's rule: a predicted centre is a hit when it lies inside a truth
 * box not yet matched (with the same label when labels are matched); every truth box is matched at most
 * once. Predictions are taken in the order given, as the competition's reference scorer does.
 */
public final class Scorer {

    private Scorer() {
    }

    public static Score score(List<TruthBox> truth, List<PredictedPoint> predicted, boolean matchLabels) {
        boolean[] matched = new boolean[truth.size()];
        int tp = 0;
        for (PredictedPoint p : predicted) {
            int hit = firstFreeBoxContaining(truth, matched, p, matchLabels);
            if (hit >= 0) {
                matched[hit] = true;
                tp++;
            }
        }
        return new Score(tp, predicted.size() - tp, truth.size() - tp);
    }

    private static int firstFreeBoxContaining(List<TruthBox> truth, boolean[] matched, PredictedPoint p,
                                              boolean matchLabels) {
        for (int i = 0; i < truth.size(); i++) {
            TruthBox t = truth.get(i);
            if (!matched[i] && t.contains(p.cx(), p.cy())
                    && (!matchLabels || Objects.equals(t.unicode(), p.unicode()))) {
                return i;
            }
        }
        return -1;
    }
}
