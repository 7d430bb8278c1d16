package org.honkoku.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a page's columns with their context: for each column, top to bottom, the sequence of candidates
 * (each box's top 5) that maximises {@code sum log p(candidate | crop) + weight * lift(candidate | the previous
 * order-1 candidates)} (Viterbi over the candidates of the last order-1 boxes). The classifier's probabilities
 * already hold how frequent each character is; the n-gram's lift adds only what the previous characters say. A
 * chosen candidate moves to the front of its prediction, the others keep their order, and every probability
 * stays the classifier's own.
 */
public final class ColumnDecoder {

    /**
     * The n-gram's say when a model's {@code model.properties} gives no {@code context.weight}; {@code tune} chooses
     * it leave-one-book-out over the four dev books (see README "Reading in context and calibrated confidence").
     */
    public static final double WEIGHT = 0.5;

    private final ReadingContext context;
    private final ClassIndex classes;
    private final double weight;

    public ColumnDecoder(ReadingContext context, ClassIndex classes, double weight) {
        this.context = context;
        this.classes = classes;
        this.weight = weight;
    }

    /**
     * @param columns    each box's column (boxes in reading order: a column's boxes together, top to bottom)
     * @param predictions the classifier's predictions, one per box
     */
    public List<Prediction> decode(int[] columns, List<Prediction> predictions) {
        List<Prediction> out = new ArrayList<>(predictions);
        forEachColumn(columns, (from, to) -> decodeColumn(predictions, from, to, out));
        return out;
    }

    /**
     * For each box, the lift of its first candidate after the first candidates of the boxes above it in its
     * column (what the context says of the reading chosen): a feature of {@link BoxCalibration}.
     */
    public double[] support(int[] columns, List<Prediction> predictions) {
        double[] out = new double[predictions.size()];
        int m = context.order() - 1;
        forEachColumn(columns, (from, to) -> {
            for (int i = from; i < to; i++) {
                int[] history = new int[m];
                for (int j = 0; j < m; j++) {
                    int p = i - m + j;
                    history[j] = p < from ? context.start() : classes.indexOf(predictions.get(p).best().label());
                }
                out[i] = context.lift(history, classes.indexOf(predictions.get(i).best().label()));
            }
        });
        return out;
    }

    private interface Range {
        void accept(int from, int to);
    }

    private static void forEachColumn(int[] columns, Range range) {
        int from = 0;
        while (from < columns.length) {
            int to = from;
            while (to < columns.length && columns[to] == columns[from]) {
                to++;
            }
            range.accept(from, to);
            from = to;
        }
    }

    /** Viterbi over states that are the candidate indices of the last order-1 boxes (base-K digits, newest lowest). */
    private void decodeColumn(List<Prediction> predictions, int from, int to, List<Prediction> out) {
        int n = to - from;
        int m = context.order() - 1;
        int k = Classifier.TOP;
        int states = (int) Math.pow(k, m);
        int[][] label = new int[n][];
        double[][] own = new double[n][];
        for (int i = 0; i < n; i++) {
            List<Candidate> top = predictions.get(from + i).top();
            label[i] = new int[Math.min(k, top.size())];
            own[i] = new double[label[i].length];
            for (int c = 0; c < label[i].length; c++) {
                label[i][c] = classes.indexOf(top.get(c).label());
                own[i][c] = Math.log(Math.max(1e-9, top.get(c).probability()));
            }
        }
        double[][] score = new double[n][states];
        int[][] back = new int[n][states];
        int[] history = new int[m];
        for (int i = 0; i < n; i++) {
            Arrays.fill(score[i], Double.NEGATIVE_INFINITY);
            for (int prev = 0; prev < (i == 0 ? 1 : states); prev++) {
                double before = i == 0 ? 0 : score[i - 1][prev];
                if (before == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                int digits = prev;
                for (int t = 0; t < m; t++) { // position i-1-t is the t-th digit of prev
                    int p = i - 1 - t;
                    history[m - 1 - t] = p < 0 ? context.start() : label[p][digits % k];
                    digits /= k;
                }
                for (int c = 0; c < label[i].length; c++) {
                    double s = before + own[i][c] + weight * context.lift(history, label[i][c]);
                    int state = (prev * k + c) % states;
                    if (s > score[i][state]) {
                        score[i][state] = s;
                        back[i][state] = prev;
                    }
                }
            }
        }
        int state = 0;
        for (int s = 1; s < states; s++) {
            if (score[n - 1][s] > score[n - 1][state]) {
                state = s;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            out.set(from + i, withFirst(predictions.get(from + i), state % k));
            state = back[i][state];
        }
    }

    private static Prediction withFirst(Prediction p, int chosen) {
        if (chosen == 0) {
            return p;
        }
        List<Candidate> top = new ArrayList<>(p.top());
        top.add(0, top.remove(chosen));
        return new Prediction(top);
    }
}
