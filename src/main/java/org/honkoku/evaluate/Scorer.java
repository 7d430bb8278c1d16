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
        int tp = 0;
        for (int hit : matches(truth, predicted, matchLabels)) {
            tp += hit >= 0 ? 1 : 0;
        }
        return new Score(tp, predicted.size() - tp, truth.size() - tp);
    }

    /** For each prediction, the index of the truth box it matched, or -1 for a false alarm. */
    public static int[] matches(List<TruthBox> truth, List<PredictedPoint> predicted, boolean matchLabels) {
        boolean[] matched = new boolean[truth.size()];
        int[] hits = new int[predicted.size()];
        for (int i = 0; i < predicted.size(); i++) {
            hits[i] = firstFreeBoxContaining(truth, matched, predicted.get(i), matchLabels);
            if (hits[i] >= 0) {
                matched[hits[i]] = true;
            }
        }
        return hits;
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
