package org.honkoku.train;

import org.honkoku.classify.ClassIndex;

import java.util.Locale;
import java.util.Set;

/**
 * Top-1 over the named crops of a validation set, split by what the model had to learn each class from:
 * kanji (Kuzushiji-Kanji has real crops of every named kanji), the kana with real crops of their own
 * (Kuzushiji-MNIST's ten, about 900 each), and the other kana, which had only font renderings, the hentaigana
 * source kanji read as them and the few crops of the labelled pages of the other books.
 */
final class ByScript implements Evaluation.Outcomes {

    record Tally(int count, int correct) {
        String show() {
            return count == 0 ? "–" : String.format(Locale.ROOT, "%d/%d (%.1f%%)", correct, count, 100.0 * correct / count);
        }
    }

    private final ClassIndex classes;
    private final Set<Integer> kanaWithOwnCrops;
    private final int[][] tallies = new int[3][2];

    /** @param kanaWithOwnCrops class indexes of the kana that had real crops of their own in training */
    ByScript(ClassIndex classes, Set<Integer> kanaWithOwnCrops) {
        this.classes = classes;
        this.kanaWithOwnCrops = kanaWithOwnCrops;
    }

    @Override
    public void accept(int truth, int guess) {
        if (truth == classes.rareIndex()) {
            return;
        }
        int group = !SyntheticSamples.isKana(classes.label(truth)) ? 0 : kanaWithOwnCrops.contains(truth) ? 1 : 2;
        tallies[group][0]++;
        tallies[group][1] += truth == guess ? 1 : 0;
    }

    Tally kanji() {
        return tally(0);
    }

    Tally kanaWithOwnCrops() {
        return tally(1);
    }

    Tally otherKana() {
        return tally(2);
    }

    private Tally tally(int group) {
        return new Tally(tallies[group][0], tallies[group][1]);
    }
}
