package org.honkoku.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Not a character" as an answer the pipeline can give: a second head on the network that tells, for a box the
 * segmenter cut, the chance that it holds no whole character — a rule or frame fragment, a speck, a stroke of a
 * drawing, half of a character or a reading beside the column. A logistic model of the box's embedding (the
 * network's last hidden layer, as a unit vector, and its length), how sure the network is of its reading, and how
 * the box's height, width and shape compare with the page's typical box. Boxes whose chance is above the threshold
 * are dropped before the page is read in context. Fitted, and its threshold chosen, leave-one-book-out by
 * {@code ./honkoku tune-boxes}, and kept in the model folder as {@value #FILE}; a model folder without one drops
 * nothing.
 */
public final class NotCharacter {

    public static final String FILE = "not-character.tsv";
    /** The features before the embedding's; the embedding's components follow as e0, e1, ... */
    static final List<String> SHAPE_FEATURES = List.of("bias", "logit_p", "margin", "rare", "height_off",
            "width_off", "shape_off", "log_height", "log_width", "log_norm");

    private final double[] mean;
    private final double[] scale;
    private final double[] weights;
    private final double threshold;
    private final String note;

    NotCharacter(double[] mean, double[] scale, double[] weights, double threshold, String note) {
        if (mean.length != weights.length || scale.length != weights.length) {
            throw new IllegalArgumentException("mean, scale and weights differ in length");
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.weights = weights.clone();
        this.threshold = threshold;
        this.note = note;
    }

    public double threshold() {
        return threshold;
    }

    public String note() {
        return note;
    }

    /** The same head with another threshold. */
    public NotCharacter withThreshold(double t) {
        return new NotCharacter(mean, scale, weights, t, note);
    }

    /**
     * The raw features of each box of a page.
     *
     * @param boxSizes    each box's width and height, in page pixels
     * @param predictions each box read alone
     * @param embeddings  each box's embedding ({@link Classifier#classifyWithEmbeddings})
     */
    public static double[][] features(List<int[]> boxSizes, List<Prediction> predictions, List<float[]> embeddings) {
        return features(boxSizes, predictions, embeddings, boxSizes);
    }

    /** {@link #features} of some boxes measured against the typical box of {@code page} (the sizes of a page's boxes). */
    public static double[][] features(List<int[]> boxSizes, List<Prediction> predictions, List<float[]> embeddings,
                                      List<int[]> page) {
        double mh = median(page, 1);
        double mw = median(page, 0);
        double[][] shape = BoxCalibration.features(boxSizes, predictions, null, mw, mh);
        double[][] out = new double[predictions.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] e = embeddings.get(i);
            double norm = norm(e);
            double[] x = new double[SHAPE_FEATURES.size() + e.length];
            double[] s = shape[i];
            // bias, logit_p, margin, rare, then the three distances from the typical box (BoxCalibration's order)
            x[0] = 1;
            x[1] = s[1];
            x[2] = s[2];
            x[3] = s[3];
            x[4] = s[5];
            x[5] = s[6];
            x[6] = s[7];
            x[7] = Math.log(Math.max(1, boxSizes.get(i)[1]) / mh);
            x[8] = Math.log(Math.max(1, boxSizes.get(i)[0]) / mw);
            x[9] = Math.log(norm + 1e-6);
            double unit = norm > 0 ? 1 / norm : 0;
            for (int j = 0; j < e.length; j++) {
                x[SHAPE_FEATURES.size() + j] = e[j] * unit;
            }
            out[i] = x;
        }
        return out;
    }

    /** The chance that a box with these raw features holds no whole character. */
    public double probability(double[] x) {
        double z = weights[0];
        for (int j = 1; j < weights.length; j++) {
            z += weights[j] * (x[j] - mean[j]) / scale[j];
        }
        return Logistic.sigmoid(z);
    }

    /** Which of a page's boxes to drop. */
    public boolean[] drop(List<int[]> boxSizes, List<Prediction> predictions, List<float[]> embeddings) {
        double[][] x = features(boxSizes, predictions, embeddings);
        boolean[] out = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = probability(x[i]) > threshold;
        }
        return out;
    }

    /**
     * Fits the head on boxes known to hold a character or not, the two kinds weighing alike in the loss.
     *
     * @param notCharacter whether each box holds no whole character
     */
    public static NotCharacter fit(double[][] x, boolean[] notCharacter, double l2, double threshold, String note) {
        return fit(x, notCharacter, null, l2, threshold, note);
    }

    /**
     * {@link #fit} with each box's weight in the loss given ({@code weight} null: characters and non-characters
     * weigh alike in all).
     */
    public static NotCharacter fit(double[][] x, boolean[] notCharacter, double[] weight, double l2, double threshold,
                                   String note) {
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 1; j < d; j++) {
                mean[j] += row[j] / x.length;
            }
        }
        for (double[] row : x) {
            for (int j = 1; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
            }
        }
        scale[0] = 1;
        for (int j = 1; j < d; j++) {
            scale[j] = Math.sqrt(scale[j]) + 1e-6;
        }
        double[][] z = new double[x.length][d];
        int negatives = 0;
        for (int i = 0; i < x.length; i++) {
            z[i][0] = 1;
            for (int j = 1; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
            negatives += notCharacter[i] ? 1 : 0;
        }
        double[] balanced = weight;
        if (balanced == null) {
            balanced = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                balanced[i] = notCharacter[i] ? 0.5 / Math.max(1, negatives) : 0.5 / Math.max(1, x.length - negatives);
            }
        }
        double[] w = Logistic.gradient(z, notCharacter, balanced, l2, 300);
        return new NotCharacter(mean, scale, w, threshold, note);
    }

    public void write(Path modelDir) throws IOException {
        StringBuilder s = new StringBuilder("# not a character: P = sigmoid(sum weight x (feature - mean) / scale),"
                + " boxes with P above the threshold are dropped; ").append(note.replace('\n', ' ')).append('\n');
        s.append("threshold\t").append(String.format(Locale.ROOT, "%.4f", threshold)).append('\n');
        for (int j = 0; j < weights.length; j++) {
            s.append(name(j)).append('\t').append(String.format(Locale.ROOT, "%.6g\t%.6g\t%.6g", mean[j], scale[j],
                    weights[j])).append('\n');
        }
        Files.writeString(modelDir.resolve(FILE), s, StandardCharsets.UTF_8);
    }

    /** The head in a model folder, or null when it has none. */
    public static NotCharacter read(Path modelDir) throws IOException {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String note = "";
        double threshold = Double.NaN;
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                note = line.replaceFirst("^# not a character: .*are dropped; ?", "");
                continue;
            }
            String[] f = line.split("\t");
            if (f.length == 2 && f[0].equals("threshold")) {
                threshold = Double.parseDouble(f[1]);
            } else if (f.length == 4 && f[0].equals(name(rows.size()))) {
                rows.add(new double[]{Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            } else {
                throw new IOException(file + ": unexpected line '" + line + "' (feature " + name(rows.size())
                        + " expected)");
            }
        }
        if (Double.isNaN(threshold) || rows.size() <= SHAPE_FEATURES.size()) {
            throw new IOException(file + " lacks its threshold or weights");
        }
        double[] mean = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] scale = rows.stream().mapToDouble(r -> r[1]).toArray();
        double[] weights = rows.stream().mapToDouble(r -> r[2]).toArray();
        return new NotCharacter(mean, scale, weights, threshold, note);
    }

    /** How many embedding components the head expects. */
    public int embeddingSize() {
        return weights.length - SHAPE_FEATURES.size();
    }

    private static double norm(float[] e) {
        double s = 0;
        for (float v : e) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static String name(int j) {
        return j < SHAPE_FEATURES.size() ? SHAPE_FEATURES.get(j) : "e" + (j - SHAPE_FEATURES.size());
    }

    private static double median(List<int[]> sizes, int k) {
        return BoxCalibration.median(sizes.stream().mapToDouble(s -> s[k]).toArray());
    }
}
