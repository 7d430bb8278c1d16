package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.honkoku.classify.ClassIndex;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.Nd4jRuntime;

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
 * labels.tsv, model.properties, MODEL.md, learning-curve.csv). Wall time is bounded by --max-minutes;
 * checkpoints go to --checkpoints (default under java.io.tmpdir) and --resume continues from the last one.
 */
public final class TrainCommand {

    static final String NETWORK = Classifier.DEFAULT_NETWORK;
    static final String COMMANDS = "commands.txt";

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
            return train(options, commandLine(args));
        } catch (IOException | RuntimeException e) {
            System.err.println("train: " + e);
            return 1;
        }
    }

    private int train(TrainOptions options, String command) throws IOException {
        Files.createDirectories(options.out());
        Files.createDirectories(options.checkpoints());
        log.println("nd4j: " + Nd4jRuntime.describe());
        ClassIndex classes = ClassIndex.fromCounts(
                options.data().resolve("stats").resolve("kaggle-train-char-counts.tsv"), ClassIndex.NAMED);
        long t0 = System.nanoTime();
        TrainingData data = TrainingData.load(options.data(), classes, options.seed(), options.rareShare(),
                options.synthetic());
        data.notes.forEach(n -> log.println("data: " + n));
        log.printf(Locale.ROOT, "data loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);

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
            net = factory.build(classes.size(), options.seed(), options.learningRate());
            start = new Checkpoint(0, 0, 0, 0);
            Files.deleteIfExists(commands);
        }
        Files.writeString(commands, command + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        log.println("network: " + factory.describe(classes.size()) + ", " + net.numParams() + " parameters");
        log.println("checkpoints: " + options.checkpoints());

        Trainer trainer = new Trainer(options, data, classes.size(), log);
        Checkpoint reached = trainer.train(net, start);

        log.println("final evaluation...");
        Evaluation kkanji = Evaluation.of(net, data.kkanjiVal, classes.size());
        Evaluation kmnist = Evaluation.of(net, data.kmnistVal, classes.size());
        Evaluation book = Evaluation.of(net, data.bookVal, classes.size());
        Path networkFile = options.out().resolve(NETWORK);
        ModelSerializer.writeModel(net, networkFile.toFile(), false);
        classes.write(options.out().resolve(Classifier.LABELS));
        String version = "honkoku-cnn-" + LocalDate.now(ZoneOffset.UTC) + "-v1";
        Files.writeString(options.out().resolve(Classifier.PROPERTIES), "# written by train\nversion=" + version
                + "\nnetwork=" + NETWORK + "\ninput=64x64 white ink on black, Preprocess\nclasses=" + classes.size()
                + "\n", StandardCharsets.UTF_8);
        double inference = new ThroughputProbe(net, classes.size()).inferenceImagesPerSecond(128, 8);
        double inferenceOff = ThroughputProbe.inferenceWithoutHelpers(networkFile, classes.size());
        new ModelReport(version, factory.describe(classes.size()), net.numParams(), data.notes,
                Files.readAllLines(commands, StandardCharsets.UTF_8), Nd4jRuntime.describe(), reached,
                trainer.samplesPerSecond(), inference, inferenceOff, kkanji, kmnist, book, Files.size(networkFile))
                .write(options.out().resolve("MODEL.md"));
        log.printf(Locale.ROOT, "done: kkanji val %.4f, kmnist val %.4f, book named %.4f, book rare recall %.4f;"
                        + " inference %.0f images/s (helpers off %.0f); model in %s%n", kkanji.all(), kmnist.all(),
                book.named(), book.rareRecall(), inference, inferenceOff, options.out());
        return 0;
    }

    /** The command as it was run, JVM options included, for MODEL.md (classpath elided). */
    private static String commandLine(String[] args) {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return "java " + String.join(" ", jvm) + " -cp target/classes:$(cat cp.txt) org.honkoku.train.TrainMain "
                + String.join(" ", args);
    }
}
