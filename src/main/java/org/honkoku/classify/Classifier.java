package org.honkoku.classify;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.opencv.core.Mat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads character crops with a trained model folder ({@code model.properties}, the DL4J network, and
 * {@code labels.tsv}). Load once and share: it is thread-safe. Threads that read crops at the same time each
 * run a copy of the network of their own, up to one per CPU core ({@link Inference}).
 */
public final class Classifier {

    public static final int TOP = 5;
    /** Larger batches buy no speed on CPU and multiply nd4j's off-heap peak. */
    public static final int MAX_BATCH = 128;
    public static final String PROPERTIES = "model.properties";
    public static final String LABELS = "labels.tsv";
    public static final String DEFAULT_NETWORK = "network.zip";

    private final Inference inference;
    private final ClassIndex classes;
    private final String version;
    private final ReadingContext context;
    private final double contextWeight;
    private final ColumnDecoder decoder;
    private final BoxCalibration calibration;
    private final NotCharacter notCharacter;
    private final WholeCharacter wholeCharacter;
    private final boolean smoothedView;

    public Classifier(MultiLayerNetwork network, ClassIndex classes, String version) {
        this(network, classes, version, null);
    }

    /** @param context the model's reading context ({@code context.tsv}), or null to read every crop alone */
    public Classifier(MultiLayerNetwork network, ClassIndex classes, String version, ReadingContext context) {
        this(network, classes, version, context, ColumnDecoder.WEIGHT, null);
    }

    /**
     * @param contextWeight the reading context's say ({@link ColumnDecoder})
     * @param calibration   the model's box calibration ({@code calibration.tsv}), or null to keep the classifier's
     *                      probability as the confidence
     */
    public Classifier(MultiLayerNetwork network, ClassIndex classes, String version, ReadingContext context,
                      double contextWeight, BoxCalibration calibration) {
        this(new Inference(network, Runtime.getRuntime().availableProcessors()), classes, version, context,
                contextWeight, calibration, null, null, false);
    }

    private Classifier(Inference inference, ClassIndex classes, String version,
                       ReadingContext context, double contextWeight, BoxCalibration calibration,
                       NotCharacter notCharacter, WholeCharacter wholeCharacter, boolean smoothedView) {
        if (notCharacter != null || wholeCharacter != null) {
            int hidden = (int) inference.head()[0].rows();
            if (notCharacter != null && notCharacter.embeddingSize() != hidden
                    || wholeCharacter != null && wholeCharacter.embeddingSize() != hidden) {
                throw new IllegalArgumentException("a head of this model (" + NotCharacter.FILE + ", "
                        + WholeCharacter.FILE + ") was fitted for a network whose last hidden layer is not the " + hidden
                        + " units of this one: fit it again (tune-boxes, tune-grouping)");
            }
        }
        this.notCharacter = notCharacter;
        this.wholeCharacter = wholeCharacter;
        this.inference = inference;
        this.classes = classes;
        this.version = version;
        this.context = context;
        this.contextWeight = contextWeight;
        this.decoder = context == null ? null : new ColumnDecoder(context, classes, contextWeight);
        this.calibration = calibration;
        this.smoothedView = smoothedView;
    }

    /** The same network read with another context, weight or calibration (for tuning them). */
    public Classifier reading(ReadingContext otherContext, double weight, BoxCalibration otherCalibration) {
        return new Classifier(inference, classes, version, otherContext, weight, otherCalibration,
                notCharacter, wholeCharacter, smoothedView);
    }

    /** The same classifier with another "not a character" head (null: one that drops no box). */
    public Classifier sifting(NotCharacter other) {
        return new Classifier(inference, classes, version, context, contextWeight, calibration, other,
                wholeCharacter, smoothedView);
    }

    /** The same classifier with another "one whole character" head for grouping (null: the network alone). */
    public Classifier grouping(WholeCharacter other) {
        return new Classifier(inference, classes, version, context, contextWeight, calibration, notCharacter,
                other, smoothedView);
    }

    /** The same classifier, reading the boxes it keeps with a second, smoothed view or without ({@link #smoothedView()}). */
    public Classifier smoothing(boolean second) {
        return new Classifier(inference, classes, version, context, contextWeight, calibration, notCharacter,
                wholeCharacter, second);
    }

    /**
     * Whether a page's boxes, once chosen, are read again from their crops smoothed ({@link Preprocess#smoothed}) and
     * each box's probabilities taken from both views ({@link #withSmoothedView}); the model's {@value #SMOOTHED_VIEW}
     * property. The segmenter's search reads each candidate once, unsmoothed.
     */
    public boolean smoothedView() {
        return smoothedView;
    }

    /** The {@code model.properties} key that turns on {@link #smoothedView()} ("true"; off when absent). */
    public static final String SMOOTHED_VIEW = "read.smoothed-view";

    /**
     * What the readings and embeddings this classifier stores are marked with ({@code page.model_version},
     * {@code box_reading.model_version}): the network's {@link #version()}, and with a second, smoothed view
     * {@code +smoothed-}sigma after it. The two readings give other probabilities and other embeddings (the second's are
     * the two views' mean), so a glyph memory never compares a glyph embedded one way with a box embedded the other,
     * {@code reread} reads again the pages read the other way, and the reviewed glyphs are embedded again for it as
     * for a new network.
     */
    public String readingVersion() {
        return smoothedView ? version + "+smoothed-" + Preprocess.SMOOTHING : version;
    }

    /** The model's "one whole character" head ({@value WholeCharacter#FILE}), or null when it has none. */
    public WholeCharacter wholeCharacter() {
        return wholeCharacter;
    }

    /** The model's "not a character" head ({@value NotCharacter#FILE}), or null when it has none. */
    public NotCharacter notCharacter() {
        return notCharacter;
    }

    public ReadingContext context() {
        return context;
    }

    public double contextWeight() {
        return contextWeight;
    }

    public BoxCalibration calibration() {
        return calibration;
    }

    public static Classifier load(Path modelDir) throws IOException {
        return load(modelDir, true);
    }

    /**
     * @param reading whether to load the model's reading context, calibration and its heads ("not a character",
     *                "one whole character") too
     *                (false: the network alone, for {@code tune}, which builds them)
     */
    public static Classifier load(Path modelDir, boolean reading) throws IOException {
        Nd4jRuntime.configure();
        Properties p = properties(modelDir);
        Path networkFile = modelDir.resolve(p.getProperty("network", DEFAULT_NETWORK));
        if (!Files.isRegularFile(networkFile)) {
            throw new IOException("no model network at " + networkFile);
        }
        ClassIndex classes = ClassIndex.load(modelDir.resolve(LABELS));
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(networkFile.toFile(), false);
        String version = p.getProperty("version", modelDir.getFileName().toString());
        double weight = Double.parseDouble(p.getProperty("context.weight", String.valueOf(ColumnDecoder.WEIGHT)));
        boolean smoothed = Boolean.parseBoolean(p.getProperty(SMOOTHED_VIEW, "false").strip());
        if (!reading) {
            return new Classifier(net, classes, version, null, weight, null).smoothing(smoothed);
        }
        return new Classifier(new Inference(net, Runtime.getRuntime().availableProcessors()), classes, version,
                ReadingContext.read(modelDir, classes.size()), weight, BoxCalibration.read(modelDir),
                NotCharacter.read(modelDir), WholeCharacter.read(modelDir), smoothed);
    }

    /** A model folder's {@code model.properties} (empty when it has none). */
    public static Properties properties(Path modelDir) throws IOException {
        Properties p = new Properties();
        Path props = modelDir.resolve(PROPERTIES);
        if (Files.exists(props)) {
            try (Reader r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    public String version() {
        return version;
    }

    public ClassIndex classes() {
        return classes;
    }

    /** Makes the network's copies and runs a batch through each (see {@link Inference#warmUp}). */
    public void warmUp() {
        inference.warmUp(MAX_BATCH);
    }

    /** Crops as cut from scans (dark ink on light paper) → one prediction each, in the same order. */
    public List<Prediction> classify(List<Mat> crops) {
        return classifyInputs(inputs(crops));
    }

    private static float[][] inputs(List<Mat> crops) {
        float[][] inputs = new float[crops.size()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Preprocess.toInput(crops.get(i));
        }
        return inputs;
    }

    /**
     * A page's predictions read in context: each column's candidates chosen together with the model's character
     * n-grams (see {@link ColumnDecoder}; unchanged when the model has no {@code context.tsv}), then each box's
     * confidence calibrated ({@link BoxCalibration}; the classifier's probability when the model has none).
     *
     * @param columns each prediction's column, predictions in reading order
     * @param sizes   each box's width and height, in page pixels
     */
    public List<Prediction> inContext(int[] columns, List<int[]> sizes, List<Prediction> predictions) {
        List<Prediction> decoded = decoder == null ? predictions : decoder.decode(columns, predictions);
        if (calibration == null) {
            return decoded;
        }
        return calibration.apply(sizes, decoded, contextSupport(columns, decoded));
    }

    /** What the reading context says of each box's first candidate ({@link ColumnDecoder#support}), or null without one. */
    public double[] contextSupport(int[] columns, List<Prediction> decoded) {
        return decoder == null ? null : decoder.support(columns, decoded);
    }

    /**
     * Crops whose outlines a person drew (a split or a merge in review) → predictions whose confidence is calibrated
     * as for a whole character of typical shape read without its column's context (the outline is a person's).
     */
    public List<Prediction> classifyOutlined(List<Mat> crops) {
        List<Prediction> read = readAsStored(crops).predictions();
        if (calibration == null) {
            return read;
        }
        return calibration.apply(read.stream().map(p -> new int[]{1, 1}).toList(), read, null);
    }

    /**
     * Predictions with each crop's embedding: the activations of the network's last hidden layer (the input of its
     * softmax), which place look-alike glyphs near each other ({@code org.honkoku.memory}).
     */
    public record Read(List<Prediction> predictions, List<float[]> embeddings) {
    }

    /**
     * Crops read as the pipeline reads the boxes it keeps and stores: {@link #classifyWithEmbeddings}, then the second
     * view where the model has one ({@link #smoothedView}).
     */
    public Read readAsStored(List<Mat> crops) {
        Read first = classifyWithEmbeddings(crops);
        return smoothedView ? withSmoothedView(crops, first.embeddings()) : first;
    }

    /** Crops → predictions and embeddings, from one forward pass. */
    public Read classifyWithEmbeddings(List<Mat> crops) {
        float[][] inputs = inputs(crops);
        List<Prediction> predictions = new ArrayList<>(inputs.length);
        List<float[]> embeddings = new ArrayList<>(inputs.length);
        INDArray[] head = inference.head();
        int batch = inference.batch();
        for (int from = 0; from < inputs.length; from += batch) {
            int n = Math.min(batch, inputs.length - from);
            INDArray hidden = FloatRows.first(inference.hidden(batch(inputs, from, n)), n);
            predictions.addAll(readHidden(hidden, head[0], head[1]));
            embeddings.addAll(List.of(FloatRows.of(hidden)));
        }
        return new Read(predictions, embeddings);
    }

    /**
     * Crops read from a second view: each smoothed ({@link Preprocess#toSmoothedInput}), its probabilities and those
     * of its first reading ({@code embeddings}: the first view's last hidden layers) combined by their geometric mean,
     * renormalised: the softmax of the two views' mean logits. As the logits are linear in the last hidden layer,
     * that is the softmax layer's reading of the two views' mean hidden layer, which is the embedding returned: any
     * head that reads an embedding linearly (a manuscript's, {@code org.honkoku.memory}) reads both views too.
     */
    public Read withSmoothedView(List<Mat> crops, List<float[]> embeddings) {
        if (crops.size() != embeddings.size()) {
            throw new IllegalArgumentException(crops.size() + " crops, " + embeddings.size() + " embeddings");
        }
        float[][] inputs = new float[crops.size()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Preprocess.toSmoothedInput(crops.get(i));
        }
        float[][] first = embeddings.toArray(new float[0][]);
        INDArray[] head = inference.head();
        int width = (int) head[0].rows();
        List<Prediction> predictions = new ArrayList<>(inputs.length);
        List<float[]> means = new ArrayList<>(inputs.length);
        int batch = inference.batch();
        for (int from = 0; from < inputs.length; from += batch) {
            int n = Math.min(batch, inputs.length - from);
            INDArray smoothed = FloatRows.first(inference.hidden(batch(inputs, from, n)), n);
            INDArray mean = FloatRows.array(first, from, n, width, n, width).addi(smoothed).muli(0.5);
            predictions.addAll(readHidden(mean, head[0], head[1]));
            means.addAll(List.of(FloatRows.of(mean)));
        }
        return new Read(predictions, means);
    }

    /**
     * Last hidden layers (a row per box) read by a softmax layer of these weights (hidden × classes) and biases
     * (1 × classes): the network's own ({@link #head}) or a manuscript's. At inference the softmax layer is just this
     * (no dropout).
     */
    public List<Prediction> readHidden(INDArray hidden, INDArray weights, INDArray biases) {
        INDArray z = hidden.mmul(weights).addiRowVector(biases);
        return fromProbabilities(FloatRows.of(softmax(z)));
    }

    /** Row-wise softmax of logits, in place. */
    public static INDArray softmax(INDArray logits) {
        INDArray e = Transforms.exp(logits.subiColumnVector(logits.max(true, 1)), false);
        return e.diviColumnVector(e.sum(true, 1));
    }

    /** The softmax layer's weights (hidden × classes) and biases (1 × classes): what a manuscript's head starts from. */
    public INDArray[] head() {
        INDArray[] h = inference.head();
        return new INDArray[]{h[0].dup(), h[1].dup()};
    }

    private List<Prediction> fromProbabilities(float[][] probabilities) {
        List<Prediction> out = new ArrayList<>(probabilities.length);
        for (float[] row : probabilities) {
            out.add(top(row));
        }
        return out;
    }

    /** Inputs already preprocessed (4096 floats each, see {@link Preprocess}) → predictions. */
    public List<Prediction> classifyInputs(float[][] inputs) {
        List<Prediction> out = new ArrayList<>(inputs.length);
        int batch = inference.batch();
        for (int from = 0; from < inputs.length; from += batch) {
            int n = Math.min(batch, inputs.length - from);
            out.addAll(fromProbabilities(probabilities(inputs, from, n)));
        }
        return out;
    }

    /** Softmax outputs for {@code n <= 128} inputs starting at {@code from}. */
    public float[][] probabilities(float[][] inputs, int from, int n) {
        return FloatRows.of(FloatRows.first(inference.probabilities(batch(inputs, from, n)), n));
    }

    /**
     * Network calls take a multiple of this many crops, blank ones making up the rest (the outputs of the real crops do
     * not change). oneDNN makes its kernels anew for each batch size it has not run yet, at a cost of several
     * images' reading each: a page's calls come in every size (68 sizes on the 24-page job of README "Throughput"),
     * and steps of 8 leave 16. Measured on that job: 0.24-0.68 s less CPU time a run (four alternating runs of each).
     */
    static final int BATCH_STEP = 8;

    /** Inputs {@code from .. from + n - 1} as a batch, padded with blank ones to a multiple of {@link #BATCH_STEP}. */
    private static INDArray batch(float[][] inputs, int from, int n) {
        int rows = (n + BATCH_STEP - 1) / BATCH_STEP * BATCH_STEP;
        return FloatRows.array(inputs, from, n, Preprocess.PIXELS, rows, 1, Preprocess.SIZE, Preprocess.SIZE);
    }

    private Prediction top(float[] p) {
        int k = Math.min(TOP, p.length);
        int[] best = new int[k];
        java.util.Arrays.fill(best, -1);
        for (int c = 0; c < p.length; c++) {
            for (int j = 0; j < k; j++) {
                if (best[j] < 0 || p[c] > p[best[j]]) {
                    System.arraycopy(best, j, best, j + 1, k - j - 1);
                    best[j] = c;
                    break;
                }
            }
        }
        List<Candidate> top = new ArrayList<>(k);
        for (int c : best) {
            top.add(new Candidate(classes.label(c), p[c]));
        }
        return new Prediction(top);
    }
}
