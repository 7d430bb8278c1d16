package org.honkoku.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a page's columns with their context: for each column, top to bottom, the sequence of candidates
 * (each box's top 5) that maximises {@code sum log p(candidate | crop) + weight * lift(candidate | previous)}
 * (Viterbi). The classifier's probabilities already hold how frequent each character is; the bigram's lift
 * adds only what the previous character says. A chosen candidate moves to the front of its prediction, the
 * others keep their order, and every probability stays the classifier's own.
 */
public final class ColumnDecoder {

    /**
     * The bigram's say, chosen by trying weights on the eight labelled pages (the pages the README scores, so
     * its F1 is slightly optimistic); with the shipped model, reading in context moves F1 there from 0.635 to
     * 0.639 (see README, "Measured").
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
        int from = 0;
        while (from < predictions.size()) {
            int to = from;
            while (to < predictions.size() && columns[to] == columns[from]) {
                to++;
            }
            decodeColumn(predictions, from, to, out);
            from = to;
        }
        return out;
    }

    private void decodeColumn(List<Prediction> predictions, int from, int to, List<Prediction> out) {
        int n = to - from;
        double[][] score = new double[n][];
        int[][] back = new int[n][];
        int[][] label = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Candidate> top = predictions.get(from + i).top();
            score[i] = new double[top.size()];
            back[i] = new int[top.size()];
            label[i] = new int[top.size()];
            for (int k = 0; k < top.size(); k++) {
                label[i][k] = classes.indexOf(top.get(k).label());
                double own = Math.log(Math.max(1e-9, top.get(k).probability()));
                if (i == 0) {
                    score[i][k] = own + weight * context.lift(context.start(), label[i][k]);
                    continue;
                }
                score[i][k] = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < score[i - 1].length; j++) {
                    double s = score[i - 1][j] + own + weight * context.lift(label[i - 1][j], label[i][k]);
                    if (s > score[i][k]) {
                        score[i][k] = s;
                        back[i][k] = j;
                    }
                }
            }
        }
        int k = 0;
        for (int j = 1; j < score[n - 1].length; j++) {
            if (score[n - 1][j] > score[n - 1][k]) {
                k = j;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            out.set(from + i, withFirst(predictions.get(from + i), k));
            k = back[i][k];
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
