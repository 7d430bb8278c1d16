package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.honkoku.classify.ClassIndex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How often each class is in the training set against how often it is in real text (the Kuzushiji Recognition
 * corpus's counts; {@code rare} counts every character outside the named classes). The training set is built
 * for learning, not to mirror text: it holds as many kanji crops as Kuzushiji-Kanji has, while a kana such as
 * か is many times more frequent on a page than 加, whose cursive shape it shares. Adding
 * {@code tau * log(text share / training share)} to the output layer's biases turns the network's
 * probabilities into those of real text (the standard correction for a shift of class priors). The shares are
 * kept in the model folder ({@code class-priors.tsv}) so that {@code --fine-tune} can take the correction out
 * before training on.
 */
final class ClassPriors {

    static final String FILE = "class-priors.tsv";
    private static final double FLOOR = 1e-7;

    private final double[] trainShare;
    private final double[] textShare;
    private final double tau;

    ClassPriors(double[] trainShare, double[] textShare, double tau) {
        this.trainShare = trainShare;
        this.textShare = textShare;
        this.tau = tau;
    }

    static ClassPriors of(SampleSet train, Path countsTsv, ClassIndex classes, double tau) throws IOException {
        double[] trainCount = new double[classes.size()];
        for (int i = 0; i < train.size(); i++) {
            trainCount[train.label(i)]++;
        }
        return of(trainCount, countsTsv, classes, tau);
    }

    /** As {@link #of(SampleSet, Path, ClassIndex, double)}, from the training set's samples per class and epoch. */
    static ClassPriors of(double[] trainCount, Path countsTsv, ClassIndex classes, double tau) throws IOException {
        double[] textCount = new double[classes.size()];
        for (String line : Files.readAllLines(countsTsv, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\t");
            if (f.length >= 2 && f[0].startsWith("U+")) {
                textCount[classes.indexOf(f[0])] += Double.parseDouble(f[1].strip());
            }
        }
        return new ClassPriors(normalise(trainCount), normalise(textCount), tau);
    }

    /** The correction recorded in a model folder, or none (tau 0) when the folder has no file. */
    static ClassPriors read(Path modelDir, int classes) throws IOException {
        Path file = modelDir.resolve(FILE);
        double[] train = new double[classes];
        double[] text = new double[classes];
        if (!Files.exists(file)) {
            return new ClassPriors(train, text, 0);
        }
        double tau = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("# tau=")) {
                tau = Double.parseDouble(line.substring("# tau=".length()).strip());
            } else if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split("\t");
                int c = Integer.parseInt(f[0]);
                train[c] = Double.parseDouble(f[2]);
                text[c] = Double.parseDouble(f[3]);
            }
        }
        return new ClassPriors(train, text, tau);
    }

    void write(Path modelDir, ClassIndex classes) throws IOException {
        StringBuilder s = new StringBuilder("# tau=" + tau + "\n# index\tlabel\ttraining share\ttext share\n");
        for (int c = 0; c < trainShare.length; c++) {
            s.append(String.format(Locale.ROOT, "%d\t%s\t%.8f\t%.8f%n", c, classes.label(c), trainShare[c], textShare[c]));
        }
        Files.writeString(modelDir.resolve(FILE), s, StandardCharsets.UTF_8);
    }

    double tau() {
        return tau;
    }

    /** Adds the correction to the output biases of {@code net}. */
    void apply(MultiLayerNetwork net) {
        shiftBiases(net, 1);
    }

    /** Takes a correction applied earlier out of {@code net}'s output biases. */
    void remove(MultiLayerNetwork net) {
        shiftBiases(net, -1);
    }

    private void shiftBiases(MultiLayerNetwork net, int sign) {
        if (tau == 0) {
            return;
        }
        float[] shift = new float[trainShare.length];
        for (int c = 0; c < shift.length; c++) {
            shift[c] = (float) (sign * tau * Math.log((textShare[c] + FLOOR) / (trainShare[c] + FLOOR)));
        }
        INDArray bias = net.getOutputLayer().getParam(DefaultParamInitializer.BIAS_KEY);
        bias.addi(Nd4j.create(shift).reshape(bias.shape()).castTo(bias.dataType()));
    }

    /** The classes whose text share most exceeds their training share, for MODEL.md. */
    String describe(ClassIndex classes) {
        Integer[] order = new Integer[trainShare.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(ratio(b), ratio(a)));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(5, order.length); i++) {
            s.append(i == 0 ? "" : ", ").append(FinalReport.show(classes.label(order[i])))
                    .append(String.format(Locale.ROOT, " x%.1f", ratio(order[i])));
        }
        return String.format(Locale.ROOT, "class-prior correction: output biases + %.2f x log(text share / training"
                + " share) (%s in %s); most raised: %s", tau, "text = corpus counts", FILE, s);
    }

    private double ratio(int c) {
        return (textShare[c] + FLOOR) / (trainShare[c] + FLOOR);
    }

    private static double[] normalise(double[] counts) {
        double sum = 0;
        for (double c : counts) {
            sum += c;
        }
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = sum == 0 ? 0 : counts[i] / sum;
        }
        return out;
    }
}
