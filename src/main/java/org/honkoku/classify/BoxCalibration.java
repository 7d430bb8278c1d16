package org.honkoku.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The confidence of a box as a probability: the chance that the box is one whole character and is read as its
 * first candidate (a box is right when its centre lies in a truth box of the same label, {@code rare} counting
 * as the label of every character outside the named classes). A logistic model of what is known of a box when
 * its page is read: the classifier's probability of the reading chosen and its margin over the next candidate,
 * whether it is {@code rare}, what the reading context says of it, and how far the box's height, width and shape
 * are from the page's typical box (halves, pairs and specks are not whole characters, whatever the classifier
 * says). Fitted on held-out pages by {@code evaluate --fit-calibration} and kept in the model folder as
 * {@code calibration.tsv}; without one, the confidence stays the classifier's probability.
 */
public final class BoxCalibration {

    public static final String FILE = "calibration.tsv";
    public static final List<String> FEATURES = List.of("bias", "logit_p", "margin", "rare", "context",
            "height_off", "width_off", "shape_off");
    private static final double CLIP = 1e-4;

    private final double[] weights;
    private final String note;

    public BoxCalibration(double[] weights, String note) {
        if (weights.length != FEATURES.size()) {
            throw new IllegalArgumentException("a calibration has " + FEATURES.size() + " weights");
        }
        this.weights = weights.clone();
        this.note = note;
    }

    public double[] weights() {
        return weights.clone();
    }

    public String note() {
        return note;
    }

    /**
     * The features of each box of a page, boxes and predictions in reading order.
     *
     * @param support what the context says of each box's reading ({@link ColumnDecoder#support}); null: nothing
     */
    public static double[][] features(List<int[]> boxSizes, List<Prediction> predictions, double[] support) {
        return features(boxSizes, predictions, support, median(boxSizes.stream().mapToDouble(s -> s[0]).toArray()),
                median(boxSizes.stream().mapToDouble(s -> s[1]).toArray()));
    }

    /** {@link #features} with the page's typical box width {@code mw} and height {@code mh} given. */
    static double[][] features(List<int[]> boxSizes, List<Prediction> predictions, double[] support, double mw,
                               double mh) {
        int n = predictions.size();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] r = reading(predictions.get(i));
            double w = Math.max(1, boxSizes.get(i)[0]);
            double h = Math.max(1, boxSizes.get(i)[1]);
            out[i] = new double[]{1, r[0], r[1], r[2], support == null ? 0 : support[i],
                    Math.abs(Math.log(h / mh)), Math.abs(Math.log(w / mw)), Math.abs(Math.log((h / w) / (mh / mw)))};
        }
        return out;
    }

    /** What a reading says of itself: the log-odds of its best candidate, its log-ratio to the next, and 1 if rare. */
    static double[] reading(Prediction prediction) {
        List<Candidate> top = prediction.top();
        double p = clip(top.get(0).probability());
        double other = CLIP;
        for (int k = 1; k < top.size(); k++) {
            other = Math.max(other, clip(top.get(k).probability()));
        }
        return new double[]{Math.log(p / (1 - p)), Math.log(p / other),
                ClassIndex.RARE.equals(top.get(0).label()) ? 1 : 0};
    }

    /** Each prediction with its calibrated confidence. */
    public List<Prediction> apply(List<int[]> boxSizes, List<Prediction> predictions, double[] support) {
        double[][] x = features(boxSizes, predictions, support);
        List<Prediction> out = new ArrayList<>(predictions.size());
        for (int i = 0; i < x.length; i++) {
            out.add(predictions.get(i).withConfidence(probability(x[i])));
        }
        return out;
    }

    public double probability(double[] x) {
        return Logistic.sigmoid(Logistic.dot(weights, x));
    }

    /**
     * Fits the weights by L2-regularised logistic regression (Newton's method; the bias is not penalised).
     *
     * @param right whether each box was read right
     */
    public static BoxCalibration fit(double[][] x, boolean[] right, double l2, String note) {
        return new BoxCalibration(Logistic.newton(x, right, l2), note);
    }

    /** Expected calibration error over 10 equal-width bins of confidence. */
    public static double expectedCalibrationError(double[] confidence, boolean[] right) {
        int bins = 10;
        double[] sumConfidence = new double[bins];
        double[] sumRight = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < confidence.length; i++) {
            int b = Math.min(bins - 1, (int) (confidence[i] * bins));
            sumConfidence[b] += confidence[i];
            sumRight[b] += right[i] ? 1 : 0;
            count[b]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(sumConfidence[b] - sumRight[b]) / confidence.length;
            }
        }
        return ece;
    }

    /** The share of the wrong boxes that are among the least confident 30% of all boxes (ties broken by order). */
    public static double wrongInLowest30(double[] confidence, boolean[] right) {
        Integer[] order = new Integer[confidence.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[a], confidence[b]));
        int lowest = (int) Math.ceil(0.3 * confidence.length);
        int wrong = 0;
        int wrongLow = 0;
        for (int r = 0; r < order.length; r++) {
            if (!right[order[r]]) {
                wrong++;
                wrongLow += r < lowest ? 1 : 0;
            }
        }
        return wrong == 0 ? 1 : (double) wrongLow / wrong;
    }

    public void write(Path modelDir) throws IOException {
        StringBuilder s = new StringBuilder("# box calibration: P(box right) = sigmoid(sum weight x feature); ")
                .append(note.replace('\n', ' ')).append('\n');
        for (int j = 0; j < weights.length; j++) {
            s.append(FEATURES.get(j)).append('\t').append(String.format(Locale.ROOT, "%.6f", weights[j])).append('\n');
        }
        Files.writeString(modelDir.resolve(FILE), s, StandardCharsets.UTF_8);
    }

    /** The calibration in a model folder, or null when it has none. */
    public static BoxCalibration read(Path modelDir) throws IOException {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        double[] w = new double[FEATURES.size()];
        boolean[] seen = new boolean[w.length];
        String note = "";
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                note = line.replaceFirst("^# box calibration: [^;]*; ?", "");
                continue;
            }
            String[] f = line.split("\t");
            int j = FEATURES.indexOf(f[0]);
            if (j < 0 || f.length != 2) {
                throw new IOException(file + ": unknown line '" + line + "'");
            }
            w[j] = Double.parseDouble(f[1]);
            seen[j] = true;
        }
        for (int j = 0; j < w.length; j++) {
            if (!seen[j]) {
                throw new IOException(file + " lacks the weight of " + FEATURES.get(j));
            }
        }
        return new BoxCalibration(w, note);
    }

    private static double clip(double p) {
        return Math.min(1 - CLIP, Math.max(CLIP, p));
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return 1;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return Math.max(1, s[s.length / 2]);
    }
}
