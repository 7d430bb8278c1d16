package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.honkoku.classify.FloatRows;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Top-1 accuracy of a network on a validation set, split the way DESIGN.md scores the classifier:
 * accuracy over the crops whose truth is a named class, and rare recall (share of the other crops
 * classified rare); {@code all} counts every crop, rare as a class like the others.
 */
record Evaluation(int count, double all, int namedCount, double named, int rareCount, double rareRecall) {

    static final int BATCH = 128;

    /** Sees every (truth, guess) pair of an evaluation. */
    interface Outcomes {
        Outcomes NONE = (truth, guess) -> {
        };

        void accept(int truth, int guess);
    }

    static Evaluation of(MultiLayerNetwork net, SampleSet set, int classes) {
        return of(net, set, classes, Outcomes.NONE);
    }

    static Evaluation of(MultiLayerNetwork net, SampleSet set, int classes, Outcomes outcomes) {
        int rare = classes - 1;
        Minibatches batches = Minibatches.plain(classes);
        int correct = 0;
        int named = 0;
        int namedCorrect = 0;
        int rares = 0;
        int rareHits = 0;
        for (int from = 0; from < set.size(); from += BATCH) {
            int n = Math.min(BATCH, set.size() - from);
            DataSet b = batches.batch(set, null, from, n);
            float[][] p = FloatRows.of(net.output(b.getFeatures(), false));
            for (int i = 0; i < n; i++) {
                int truth = set.label(from + i);
                int guess = argmax(p[i]);
                outcomes.accept(truth, guess);
                correct += guess == truth ? 1 : 0;
                if (truth == rare) {
                    rares++;
                    rareHits += guess == rare ? 1 : 0;
                } else {
                    named++;
                    namedCorrect += guess == truth ? 1 : 0;
                }
            }
        }
        return new Evaluation(set.size(), ratio(correct, set.size()), named, ratio(namedCorrect, named),
                rares, ratio(rareHits, rares));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
