package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.honkoku.Books;
import org.honkoku.classify.ClassIndex;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.Nd4jRuntime;
import org.honkoku.classify.ReadingContext;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * {@code train --out DIR --data DIR [...]}: trains the classifier and writes a model folder (network.zip,
 * labels.tsv, model.properties, MODEL.md, learning-curve.csv and .png). Wall time is bounded by --max-minutes;
 * checkpoints go to --checkpoints (default under java.io.tmpdir) and --resume continues from the last one.
 * The model written is the best one the validation sets saw, not merely the last.
 */
public final class TrainCommand {

    static final String NETWORK = Classifier.DEFAULT_NETWORK;
    static final String COMMANDS = "commands.txt";
    static final String CONTEXT_SOURCE = "kaggle-train-boxes-711-pages.csv";
    /** In model.properties: the one dev book whose page crops the network was not trained on. */
    public static final String HELD_OUT_PROPERTY = "held-out-book";

    private final NetworkFactory factory;
    private final PrintStream log;

    public TrainCommand(NetworkFactory factory, PrintStream log) {
        this.factory = factory;
        this.log = log;
    }

    public static int run(String[] args) {
        Nd4jRuntime.configure();
        return new TrainCommand(NetworkFactory.standard(), System.out).execute(args);
    }

    public int execute(String[] args) {
        Nd4jRuntime.configure();
        TrainOptions options;
        try {
            options = TrainOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("train: " + e.getMessage());
            return 2;
        }
        try {
            if (options.exportSet() != null) {
                return exportSet(options, commandLine(args));
            }
            if (options.importWeights() != null) {
                return importWeights(options, commandLine(args));
            }
            return options.measure() ? measure(options) : train(options, commandLine(args));
        } catch (IOException | RuntimeException e) {
            System.err.println("train: " + e);
            return 1;
        }
    }

    private int train(TrainOptions options, String command) throws IOException {
        Files.createDirectories(options.out());
        Files.createDirectories(options.checkpoints());
        log.println("nd4j: " + Nd4jRuntime.describe());
        ClassIndex classes = namedClasses(options);
        TrainingData data = loadData(options, classes);

        Path commands = options.checkpoints().resolve(COMMANDS);
        boolean resuming = options.resume() && Checkpoint.exists(options.checkpoints());
        if (options.resume() && !resuming) {
            log.println("no checkpoint in " + options.checkpoints() + ": starting afresh");
        }
        MultiLayerNetwork net;
        Checkpoint start;
        if (resuming) {
            net = Checkpoint.network(options.checkpoints());
            start = Checkpoint.load(options.checkpoints());
            log.printf(Locale.ROOT, "resuming at epoch %d, %d samples, %.1f min%n", start.epoch() + 1,
                    start.samples(), start.seconds() / 60);
        } else {
            net = options.fineTune() ? startingPoint(options.fineTuneFrom(), classes.size())
                    : factory.build(classes.size(), options.seed(), options.learningRate());
            start = Checkpoint.start();
            Files.deleteIfExists(commands);
            Files.deleteIfExists(options.checkpoints().resolve(Checkpoint.BEST));
        }
        Files.writeString(commands, command + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        String architecture = options.fineTune() ? "as " + options.fineTuneFrom().resolve("MODEL.md")
                + " (fine-tuned from it)" : factory.describe(classes.size());
        log.println("network: " + architecture + ", " + net.numParams() + " parameters");
        log.println("checkpoints: " + options.checkpoints());

        Trainer trainer = new Trainer(options, data, classes.size(), log);
        Checkpoint reached = trainer.train(net, start);
        MultiLayerNetwork best = Checkpoint.best(options.checkpoints());
        if (best != null) {
            net = best;
        }

        finish(net, data, classes, options, architecture, Files.readAllLines(commands, StandardCharsets.UTF_8),
                reached, trainer.stoppedEarly(), trainer.samplesPerSecond(), null, null);
        return 0;
    }

    /** The corpus's character counts: the named classes are the most frequent of them. */
    private static Path charCounts(TrainOptions options) {
        return options.data().resolve("stats").resolve("kaggle-train-char-counts.tsv");
    }

    /** The named classes: the corpus's most frequent characters. */
    private static ClassIndex namedClasses(TrainOptions options) throws IOException {
        return ClassIndex.fromCounts(charCounts(options), ClassIndex.NAMED);
    }

    /** The sets these options give, their notes and the time they took logged. */
    private TrainingData loadData(TrainOptions options, ClassIndex classes) throws IOException {
        long t0 = System.nanoTime();
        TrainingData data = TrainingData.load(options, classes);
        data.notes.forEach(n -> log.println("data: " + n));
        log.printf(Locale.ROOT, "data loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return data;
    }

    /**
     * The steps after training, whatever trained the network: the prior correction, the final evaluation, the
     * model folder's files and its MODEL.md.
     *
     * @param trainedBy how the network was trained, for MODEL.md; null for this command's own trainer
     * @param trainCounts samples per class and epoch it was trained on; null for {@code data.train}'s
     */
    private void finish(MultiLayerNetwork net, TrainingData data, ClassIndex classes, TrainOptions options,
                        String architecture, List<String> commands, Checkpoint reached, boolean stoppedEarly,
                        double samplesPerSecond, String trainedBy, double[] trainCounts) throws IOException {
        Path counts = charCounts(options);
        ClassPriors priors = trainCounts != null ? ClassPriors.of(trainCounts, counts, classes, options.priorCorrection())
                : ClassPriors.of(data.train, counts, classes, options.priorCorrection());
        priors.apply(net);
        data.notes.add(priors.describe(classes));
        log.println("final evaluation...");
        FinalReport report = FinalReport.of(net, data, classes);
        Path networkFile = options.out().resolve(NETWORK);
        ModelSerializer.writeModel(net, networkFile.toFile(), false);
        classes.write(options.out().resolve(Classifier.LABELS));
        priors.write(options.out(), classes);
        writeReadingContext(options.data(), classes, options.out(), data.notes);
        String version = options.version() != null ? options.version() : "honkoku-cnn-" + LocalDate.now(ZoneOffset.UTC)
                + "-" + options.out().toAbsolutePath().normalize().getFileName();
        Files.writeString(options.out().resolve(Classifier.PROPERTIES), "# written by train\nversion=" + version
                + "\nnetwork=" + NETWORK + "\ninput=64x64 white ink on black, Preprocess\nclasses=" + classes.size()
                + "\n" + HELD_OUT_PROPERTY + "=" + options.heldOutBook() + "\n", StandardCharsets.UTF_8);
        if (Files.exists(options.out().resolve(Trainer.CURVE))) {
            CurvePlot.write(options.out().resolve(Trainer.CURVE), options.out().resolve(CurvePlot.PNG));
        }
        new ModelReport(version, architecture, net.numParams(), data.notes,
                commands, Nd4jRuntime.describe(), reached, stoppedEarly, samplesPerSecond, report,
                Files.size(networkFile), trainedBy)
                .write(options.out().resolve("MODEL.md"));
        log.printf(Locale.ROOT, "done: %s; model in %s (run `honkoku benchmark --model %s --update` for its speed)%n",
                report.summary(), options.out(), options.out());
    }

    /**
     * {@code --import-weights FILE.npz}: the network {@code scripts/gpu_train.py} trained, made into a model folder
     * as {@link #train} makes one. The script's run (its command, device, samples and time) is read from the
     * {@code .properties} file beside the weights, its learning curve from the {@code .csv}.
     */
    private int importWeights(TrainOptions options, String command) throws IOException {
        Files.createDirectories(options.out());
        ClassIndex classes = namedClasses(options);
        TrainingData data = loadData(options, classes);
        Path weights = options.importWeights();
        TorchImport.Imported imported = TorchImport.load(weights, classes.size());
        log.printf(Locale.ROOT, "imported %s: DL4J and PyTorch agree on %d probe inputs within %.2g%n", weights,
                imported.probes(), imported.probeDifference());
        GpuRun run = GpuRun.read(weights);
        if (!run.heldOutBook().equals(options.heldOutBook())) {
            throw new IOException("the network was trained without book " + run.heldOutBook() + " but --held-out-book is "
                    + options.heldOutBook() + ": its held-out figure would be in-sample");
        }
        Path curve = GpuRun.sibling(weights, ".csv");
        if (Files.exists(curve)) {
            Files.copy(curve, options.out().resolve(Trainer.CURVE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Checkpoint reached = new Checkpoint(run.epochs(), 0, run.samples(), run.seconds(), 1.0, run.bestScore(), 0, 0);
        data.notes.add(String.format(Locale.ROOT, "trained on the sets `train --export-set` wrote from the data above"
                        + " (the first command below), %s: %,.0f samples per epoch, page crops of the other books"
                        + " included (x%d)", run.exportCap().isEmpty() ? "cap not recorded" : run.exportCap(),
                java.util.Arrays.stream(imported.trainCounts()).sum(), TrainingData.PAGE_COPIES));
        List<String> commands = new java.util.ArrayList<>();
        if (!run.exportCommand().isEmpty()) {
            commands.add(run.exportCommand());
        }
        commands.add(run.command());
        commands.add(command);
        finish(imported.net(), data, classes, options, imported.factory().describe(classes.size()), commands, reached,
                false, run.samplesPerSecond(), run.describe(), imported.trainCounts());
        return 0;
    }

    /** {@code --export-set DIR}: the sets as {@link TrainingExport} writes them; nothing is trained. */
    private int exportSet(TrainOptions options, String command) throws IOException {
        ClassIndex classes = namedClasses(options);
        TrainingData data = loadData(options, classes);
        for (String line : TrainingExport.write(data, classes, options.exportSet(), options.exportCap(),
                options.seed())) {
            log.println("wrote " + line);
        }
        Files.writeString(options.exportSet().resolve(TrainingExport.COMMAND), command + "\n", StandardCharsets.UTF_8);
        return 0;
    }

    /**
     * {@code --measure}: the model already in {@code --out} measured again on the validation sets, its MODEL.md's
     * accuracy and confusion sections rewritten; nothing is trained and the network is not touched.
     */
    private int measure(TrainOptions options) throws IOException {
        Path networkFile = options.out().resolve(NETWORK);
        if (!Files.isRegularFile(networkFile)) {
            throw new IOException("--measure: no " + NETWORK + " in " + options.out());
        }
        ClassIndex classes = ClassIndex.load(options.out().resolve(Classifier.LABELS));
        TrainingData data = TrainingData.load(options, classes);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(networkFile.toFile(), false);
        FinalReport report = FinalReport.of(net, data, classes);
        ModelReport.rewriteMeasured(options.out().resolve("MODEL.md"), report);
        log.printf(Locale.ROOT, "measured: %s; MODEL.md in %s rewritten%n", report.summary(), options.out());
        return 0;
    }

    /**
     * The pages the reading context must not learn from: every page of the books of the labelled pages (the dev
     * books), so that reading in context is measured, and its settings chosen, on books it has never seen.
     */
    public static java.util.function.Predicate<String> withheldFromContext(Path data) throws IOException {
        java.util.Set<String> books = new java.util.HashSet<>();
        Path truth = data.resolve("pages").resolve("truth.csv");
        if (Files.exists(truth)) {
            Files.readAllLines(truth, StandardCharsets.UTF_8).stream().skip(1)
                    .forEach(l -> books.add(Books.of(l.split(",")[0])));
        }
        books.add(TrainingData.HELD_OUT_BOOK);
        return id -> books.contains(Books.of(id));
    }

    /** The character n-grams of the box lists in the data folder, without any page of the dev books. */
    private static void writeReadingContext(Path data, ClassIndex classes, Path out, List<String> notes)
            throws IOException {
        Path boxes = data.resolve("stats").resolve(CONTEXT_SOURCE);
        if (!Files.exists(boxes)) {
            notes.add("reading context: " + boxes + " not found, none written");
            return;
        }
        ReadingContext context = ReadingContext.build(boxes, classes, withheldFromContext(data),
                ReadingContext.DEFAULT_ORDER);
        context.write(out);
        notes.add(describeContext(context));
    }

    private static String describeContext(ReadingContext context) {
        return String.format(Locale.ROOT, "reading context (%s): character %d-grams (interpolated Kneser-Ney) of %d"
                + " columns rebuilt from %s, leaving out every page of the dev books (the books of the labelled"
                + " pages)", ReadingContext.FILE, context.order(), context.columns(), CONTEXT_SOURCE);
    }

    /** A model folder's network with its class-prior correction taken out, ready to train on. */
    private static MultiLayerNetwork startingPoint(Path modelDir, int classes) throws IOException {
        Path file = modelDir.resolve(NETWORK);
        if (!Files.isRegularFile(file)) {
            throw new IOException("--fine-tune: no " + NETWORK + " in " + modelDir);
        }
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        ClassPriors.read(modelDir, classes).remove(net);
        return net;
    }

    /** The command as it was run, JVM options included, for MODEL.md (classpath elided). */
    private static String commandLine(String[] args) {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return "./honkoku train " + String.join(" ", args) + "    # JVM: " + String.join(" ", jvm);
    }
}
