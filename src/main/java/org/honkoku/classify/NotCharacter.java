package org.honkoku.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    private static final String COMMENT = "not a character: P = sigmoid(sum weight x (feature - mean) / scale),"
            + " boxes with P above the threshold are dropped; ";

    private final StandardLogistic model;
    private final double threshold;
    private final String note;

    private NotCharacter(StandardLogistic model, double threshold, String note) {
        this.model = model;
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
        return new NotCharacter(model, t, note);
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
            double[] x = new double[SHAPE_FEATURES.size() + e.length];
            double norm = StandardLogistic.unitInto(e, x, SHAPE_FEATURES.size());
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
            out[i] = x;
        }
        return out;
    }

    /** The chance that a box with these raw features holds no whole character. */
    public double probability(double[] x) {
        return model.probability(x);
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
        return new NotCharacter(StandardLogistic.fit(x, notCharacter, weight, l2), threshold, note);
    }

    public void write(Path modelDir) throws IOException {
        Files.writeString(modelDir.resolve(FILE), model.text(COMMENT + note, Map.of("threshold", threshold),
                NotCharacter::name), StandardCharsets.UTF_8);
    }

    /** The head in a model folder, or null when it has none. */
    public static NotCharacter read(Path modelDir) throws IOException {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        StandardLogistic.Parsed parsed = StandardLogistic.read(file, COMMENT, "threshold", NotCharacter::name,
                SHAPE_FEATURES.size());
        return new NotCharacter(parsed.model(), parsed.setting(), parsed.note());
    }

    /** How many embedding components the head expects. */
    public int embeddingSize() {
        return model.size() - SHAPE_FEATURES.size();
    }

    private static String name(int j) {
        return StandardLogistic.featureName(SHAPE_FEATURES, j);
    }

    private static double median(List<int[]> sizes, int k) {
        return BoxCalibration.median(sizes.stream().mapToDouble(s -> s[k]).toArray());
    }
}
