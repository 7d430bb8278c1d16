package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.honkoku.classify.ClassIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trained model measured on every validation set in full, and its most frequent confusions on real
 * crops: those of real pages (the held-out book and Kuzushiji-49) apart from Kuzushiji-Kanji's, which would
 * outnumber them.
 */
record FinalReport(String heldOutBook, Evaluation book, ByScript bookByScript, Evaluation k49, Evaluation kkanji, Evaluation kmnist,
                   Evaluation synthetic, List<Confusion> realPages, List<Confusion> kanji) {

    static final int TOP_CONFUSIONS = 15;

    record Confusion(String truth, String guess, int count, String where) {
    }

    static FinalReport of(MultiLayerNetwork net, TrainingData data, ClassIndex classes) {
        int n = classes.size();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> where = new HashMap<>();
        ByScript bookByScript = new ByScript(classes, data.kmnistClasses);
        Evaluation book = tally(net, data.bookVal, n, classes, counts, where, bookByScript);
        Evaluation k49 = tally(net, data.k49, n, classes, counts, where, Evaluation.Outcomes.NONE);
        List<Confusion> realPages = top(counts, where);
        counts.clear();
        where.clear();
        Evaluation kkanji = tally(net, data.kkanjiVal, n, classes, counts, where, Evaluation.Outcomes.NONE);
        return new FinalReport(data.heldOutBook, book, bookByScript, k49, kkanji, Evaluation.of(net, data.kmnistVal, n),
                Evaluation.of(net, data.syntheticVal, n), realPages, top(counts, where));
    }

    private static List<Confusion> top(Map<String, Integer> counts, Map<String, String> where) {
        List<Confusion> top = new ArrayList<>();
        counts.forEach((k, v) -> {
            String[] pair = k.split(">");
            top.add(new Confusion(pair[0], pair[1], v, where.get(k)));
        });
        top.sort(Comparator.comparingInt(Confusion::count).reversed().thenComparing(Confusion::truth));
        return top.subList(0, Math.min(TOP_CONFUSIONS, top.size()));
    }

    private static Evaluation tally(MultiLayerNetwork net, SampleSet set, int n, ClassIndex classes,
                                    Map<String, Integer> counts, Map<String, String> where, Evaluation.Outcomes also) {
        return Evaluation.of(net, set, n, (truth, guess) -> {
            also.accept(truth, guess);
            if (truth != guess) {
                String key = classes.label(truth) + ">" + classes.label(guess);
                counts.merge(key, 1, Integer::sum);
                where.merge(key, set.name(), (a, b) -> a.contains(b) ? a : a + ", " + b);
            }
        });
    }

    String summary() {
        return String.format(Locale.ROOT, "held-out book named %.4f rare recall %.4f, k49 %.4f, kkanji val %.4f,"
                        + " kmnist val %.4f, synthetic val %.4f; held-out book by script: %s", book.named(),
                book.rareRecall(), k49.named(), kkanji.all(), kmnist.all(), synthetic.all(), byScript());
    }

    /** The held-out book's named crops by script, one line. */
    String byScript() {
        return "kanji " + bookByScript.kanji().show() + ", kana with real crops of their own "
                + bookByScript.kanaWithOwnCrops().show() + ", other kana " + bookByScript.otherKana().show();
    }

    /** {@code U+306B} → {@code に (U+306B)}; {@code rare} as it is. */
    static String show(String label) {
        if (!label.startsWith("U+")) {
            return label;
        }
        return new String(Character.toChars(Integer.parseInt(label.substring(2), 16))) + " (" + label + ")";
    }
}
