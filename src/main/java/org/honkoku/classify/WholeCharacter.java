package org.honkoku.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Whether a candidate box holds one whole character, for the segmenter's choice between groupings of a column's
 * pieces: a head on the network (a logistic model of the box's embedding — the last hidden layer as a unit vector,
 * and its length — and of how sure, and how {@code rare}, its reading is). The network alone is as sure of half a
 * character, or of two, as of a whole one often enough (half of 時 reads as 寺): on the dev pages most boxes that
 * are found but read wrong were cut too short or too tall. A box's confidence for grouping becomes
 * {@code mix × P(whole) + (1 − mix) × the network's probability of its best named class}.
 * Fitted on the candidate boxes of labelled pages (whole: overlapping a truth box by at least a share of their
 * union), and its settings chosen leave-one-book-out, by {@code ./honkoku tune-grouping}; kept in the model folder
 * as {@value #FILE}. A model folder without one groups by the network's probability alone.
 */
public final class WholeCharacter {

    public static final String FILE = "whole-character.tsv";
    /** The features before the embedding's; the embedding's components follow as e0, e1, ... */
    static final List<String> FEATURES = List.of("bias", "logit_p", "margin", "rare", "log_norm");
    private static final String COMMENT = "one whole character: P = sigmoid(sum weight x (feature - mean) / scale),"
            + " grouping confidence = mix x P + (1 - mix) x named probability; ";

    private final StandardLogistic model;
    private final double mix;
    private final String note;

    private WholeCharacter(StandardLogistic model, double mix, String note) {
        if (!(mix >= 0 && mix <= 1)) {
            throw new IllegalArgumentException("mix must lie in [0, 1]: " + mix);
        }
        this.model = model;
        this.mix = mix;
        this.note = note;
    }

    public double mix() {
        return mix;
    }

    public String note() {
        return note;
    }

    /** The same head with another mix. */
    public WholeCharacter withMix(double m) {
        return new WholeCharacter(model, m, note);
    }

    /** The raw features of boxes read alone, with their embeddings. */
    public static double[][] features(List<Prediction> predictions, List<float[]> embeddings) {
        double[][] out = new double[predictions.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] e = embeddings.get(i);
            double[] x = new double[FEATURES.size() + e.length];
            double[] r = BoxCalibration.reading(predictions.get(i));
            x[0] = 1;
            x[1] = r[0];
            x[2] = r[1];
            x[3] = r[2];
            x[4] = Math.log(StandardLogistic.unitInto(e, x, FEATURES.size()) + 1e-6);
            out[i] = x;
        }
        return out;
    }

    /** The chance that a box with these raw features holds one whole character. */
    public double probability(double[] x) {
        return model.probability(x);
    }

    /**
     * The grouping confidences of boxes.
     *
     * @param named each box's probability of its best named class ({@link RecognitionScorer#namedConfidence})
     */
    public double[] confidence(List<Prediction> predictions, List<float[]> embeddings, double[] named) {
        double[][] x = features(predictions, embeddings);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = mix * probability(x[i]) + (1 - mix) * named[i];
        }
        return out;
    }

    /** Fits the head on boxes known to hold one whole character or not, the two kinds weighing alike. */
    public static WholeCharacter fit(double[][] x, boolean[] whole, double l2, double mix, String note) {
        return new WholeCharacter(StandardLogistic.fit(x, whole, null, l2), mix, note);
    }

    public void write(Path modelDir) throws IOException {
        Files.writeString(modelDir.resolve(FILE), model.text(COMMENT + note, Map.of("mix", mix),
                WholeCharacter::name), StandardCharsets.UTF_8);
    }

    /** The head in a model folder, or null when it has none. */
    public static WholeCharacter read(Path modelDir) throws IOException {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        StandardLogistic.Parsed parsed = StandardLogistic.read(file, COMMENT, "mix", WholeCharacter::name,
                FEATURES.size());
        return new WholeCharacter(parsed.model(), parsed.setting(), parsed.note());
    }

    /** How many embedding components the head expects. */
    public int embeddingSize() {
        return model.size() - FEATURES.size();
    }

    private static String name(int j) {
        return StandardLogistic.featureName(FEATURES, j);
    }
}
