package org.honkoku.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A logistic model of standardised features (each feature less its mean over the fitting data, over its standard
 * deviation; the first feature is the bias, 1), fitted by gradient descent for the hundreds of features of a box's
 * embedding: the heads on the network's last hidden layer ({@link NotCharacter}, {@link WholeCharacter}). Kept in a
 * tab-separated file: a {@code #} comment, settings ({@code name\tvalue}), then one line per feature
 * ({@code name\tmean\tscale\tweight}).
 */
final class StandardLogistic {

    private final double[] mean;
    private final double[] scale;
    private final double[] weights;

    StandardLogistic(double[] mean, double[] scale, double[] weights) {
        if (mean.length != weights.length || scale.length != weights.length) {
            throw new IllegalArgumentException("mean, scale and weights differ in length");
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.weights = weights.clone();
    }

    int size() {
        return weights.length;
    }

    /** The model's probability of a row of raw features. */
    double probability(double[] x) {
        double z = weights[0];
        for (int j = 1; j < weights.length; j++) {
            z += weights[j] * (x[j] - mean[j]) / scale[j];
        }
        return Logistic.sigmoid(z);
    }

    /**
     * Fits on rows of raw features.
     *
     * @param weight each row's weight in the loss; null: the two answers weigh alike in all
     */
    static StandardLogistic fit(double[][] x, boolean[] y, double[] weight, double l2) {
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
        int positives = 0;
        for (int i = 0; i < x.length; i++) {
            z[i][0] = 1;
            for (int j = 1; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
            positives += y[i] ? 1 : 0;
        }
        double[] balanced = weight;
        if (balanced == null) {
            balanced = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                balanced[i] = y[i] ? 0.5 / Math.max(1, positives) : 0.5 / Math.max(1, x.length - positives);
            }
        }
        return new StandardLogistic(mean, scale, Logistic.gradient(z, y, balanced, l2, 300));
    }

    /** The file's text: the comment, the settings, then the features named by {@code name}. */
    String text(String comment, Map<String, Double> settings, IntFunction<String> name) {
        StringBuilder s = new StringBuilder("# ").append(comment.replace('\n', ' ')).append('\n');
        settings.forEach((k, v) -> s.append(k).append('\t').append(String.format(Locale.ROOT, "%.4f", v))
                .append('\n'));
        for (int j = 0; j < weights.length; j++) {
            s.append(name.apply(j)).append('\t').append(String.format(Locale.ROOT, "%.6g\t%.6g\t%.6g", mean[j],
                    scale[j], weights[j])).append('\n');
        }
        return s.toString();
    }

    /** A head's file as read: the note after its fixed comment, its one setting and its model. */
    record Parsed(String note, double setting, StandardLogistic model) {
    }

    /**
     * Reads a file written from {@link #text}: its comment must start with {@code comment} (what follows is the
     * note), it must hold the setting {@code setting}, and its feature lines must be named as {@code name} says, in
     * order, and be more than {@code fixed} (the features before the embedding's).
     */
    static Parsed read(Path file, String comment, String setting, IntFunction<String> name, int fixed)
            throws IOException {
        String note = "";
        Map<String, Double> settings = new LinkedHashMap<>();
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                String text = line.substring(1).strip();
                note = text.startsWith(comment.strip()) ? text.substring(comment.strip().length()).strip() : text;
                continue;
            }
            String[] f = line.split("\t");
            if (f.length == 2 && rows.isEmpty()) {
                settings.put(f[0], Double.parseDouble(f[1]));
            } else if (f.length == 4 && f[0].equals(name.apply(rows.size()))) {
                rows.add(new double[]{Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            } else {
                throw new IOException(file + ": unexpected line '" + line + "' (feature " + name.apply(rows.size())
                        + " expected)");
            }
        }
        if (!settings.containsKey(setting)) {
            throw new IOException(file + " lacks its " + setting);
        }
        if (rows.size() <= fixed) {
            throw new IOException(file + " lacks its weights");
        }
        return new Parsed(note, settings.get(setting), new StandardLogistic(rows.stream().mapToDouble(r -> r[0])
                .toArray(), rows.stream().mapToDouble(r -> r[1]).toArray(), rows.stream().mapToDouble(r -> r[2])
                .toArray()));
    }

    /** Feature {@code j}'s name in a head's file: one of {@code fixed}, then the embedding's e0, e1, ... */
    static String featureName(List<String> fixed, int j) {
        return j < fixed.size() ? fixed.get(j) : "e" + (j - fixed.size());
    }

    /** The raw features of a box's embedding: its components as a unit vector, from {@code at} on in {@code x}. */
    static double unitInto(float[] e, double[] x, int at) {
        double s = 0;
        for (float v : e) {
            s += v * v;
        }
        double norm = Math.sqrt(s);
        double unit = norm > 0 ? 1 / norm : 0;
        for (int j = 0; j < e.length; j++) {
            x[at + j] = e[j] * unit;
        }
        return norm;
    }
}
