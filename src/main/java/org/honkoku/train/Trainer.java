package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Random;

/**
 * The training loop: shuffled epochs of on-the-fly augmented minibatches, bounded by a wall-time budget,
 * with a cosine learning-rate decay over that budget, a checkpoint every few minutes and at each epoch's
 * end, and a learning-curve row (quick validation) at each checkpoint. Resumes where a checkpoint left off.
 */
final class Trainer {

    static final String CURVE = "learning-curve.csv";
    private static final int PROGRESS_EVERY = 25;

    private final TrainOptions options;
    private final TrainingData data;
    private final int classes;
    private final PrintStream log;
    private final SampleSet quickKkanji;
    private final SampleSet quickKmnist;
    private double measuredSamplesPerSecond = Double.NaN;

    Trainer(TrainOptions options, TrainingData data, int classes, PrintStream log) {
        this.options = options;
        this.data = data;
        this.classes = classes;
        this.log = log;
        // Progress validation on about a thousand kkanji images keeps each checkpoint's evaluation to seconds.
        this.quickKkanji = data.kkanjiVal.every(Math.max(1, data.kkanjiVal.size() / 1000));
        this.quickKmnist = data.kmnistVal.every(2);
    }

    /** Trains {@code net} from {@code start}; returns the state reached (time budget or epochs done). */
    Checkpoint train(MultiLayerNetwork net, Checkpoint start) throws IOException {
        Path curve = options.out().resolve(CURVE);
        if (!options.resume() || !Files.exists(curve)) {
            Files.writeString(curve, "epoch,samples,train_seconds,train_loss,learning_rate,kkanji_val_acc,"
                    + "kmnist_val_acc,book_named_acc,book_rare_recall\n", StandardCharsets.UTF_8);
        }
        double budget = options.maxMinutes() * 60;
        int size = data.train.size();
        int batch = Math.min(options.batch(), size);
        long plannedSamples = (long) options.epochs() * (size / batch) * batch;
        Minibatches batches = new Minibatches(classes, Augmenter.standard(new Random(options.seed() + 7L * start.samples())));
        Checkpoint state = start;
        long runStart = System.nanoTime();
        long lastCheckpoint = runStart;
        long windowStart = runStart;
        long windowSamples = 0;
        double lossSum = 0;
        int lossCount = 0;
        long trainedNanos = 0;
        long trainedSamples = 0;
        for (int epoch = start.epoch(); epoch < options.epochs(); epoch++) {
            int[] order = permutation(size, new Random(options.seed() * 31 + epoch));
            int position = epoch == start.epoch() ? start.position() : 0;
            for (; position + batch <= size; position += batch) {
                double seconds = start.seconds() + (System.nanoTime() - runStart) / 1e9;
                if (seconds >= budget) {
                    log.printf(Locale.ROOT, "time budget of %.1f min reached%n", options.maxMinutes());
                    measuredSamplesPerSecond = trainedSamples / Math.max(1e-9, trainedNanos / 1e9);
                    return finish(net, new Checkpoint(epoch, position, state.samples(), seconds), lossSum, lossCount);
                }
                double lr = learningRate(Math.max(seconds / budget, (double) state.samples() / plannedSamples));
                if (state.samples() % (batch * 20L) == 0) {
                    net.setLearningRate(lr);
                }
                long t = System.nanoTime();
                net.fit(batches.batch(data.train, order, position, batch));
                trainedNanos += System.nanoTime() - t;
                trainedSamples += batch;
                lossSum += net.score();
                lossCount++;
                state = new Checkpoint(epoch, position + batch, state.samples() + batch, seconds);
                windowSamples += batch;
                if (lossCount % PROGRESS_EVERY == 0) {
                    long now = System.nanoTime();
                    log.printf(Locale.ROOT, "epoch %d  %d/%d  %.1f samples/s  loss %.3f  lr %.2e  %.1f min left%n",
                            epoch + 1, position + batch, size, windowSamples / ((now - windowStart) / 1e9),
                            lossSum / lossCount, lr, (budget - seconds) / 60);
                    windowStart = now;
                    windowSamples = 0;
                }
                if ((System.nanoTime() - lastCheckpoint) / 60e9 >= options.checkpointMinutes()) {
                    checkpoint(net, state, lossSum / lossCount, lr);
                    lossSum = 0;
                    lossCount = 0;
                    lastCheckpoint = System.nanoTime();
                }
            }
            state = new Checkpoint(epoch + 1, 0, state.samples(), start.seconds() + (System.nanoTime() - runStart) / 1e9);
            log.printf(Locale.ROOT, "epoch %d done%n", epoch + 1);
            checkpoint(net, state, lossCount == 0 ? Double.NaN : lossSum / lossCount,
                    learningRate(state.seconds() / budget));
            lossSum = 0;
            lossCount = 0;
            lastCheckpoint = System.nanoTime();
        }
        measuredSamplesPerSecond = trainedSamples / Math.max(1e-9, trainedNanos / 1e9);
        return state;
    }

    /** Mean training samples/s of this run, counting only the time inside {@code fit}. */
    double samplesPerSecond() {
        return measuredSamplesPerSecond;
    }

    private Checkpoint finish(MultiLayerNetwork net, Checkpoint state, double lossSum, int lossCount) throws IOException {
        checkpoint(net, state, lossCount == 0 ? Double.NaN : lossSum / lossCount, learningRate(1));
        return state;
    }

    private void checkpoint(MultiLayerNetwork net, Checkpoint state, double loss, double lr) throws IOException {
        Evaluation kk = Evaluation.of(net, quickKkanji, classes);
        Evaluation km = Evaluation.of(net, quickKmnist, classes);
        Evaluation book = Evaluation.of(net, data.bookVal, classes);
        String row = String.format(Locale.ROOT, "%d,%d,%.0f,%.4f,%.2e,%.4f,%.4f,%.4f,%.4f%n", state.epoch(),
                state.samples(), state.seconds(), loss, lr, kk.all(), km.all(), book.named(), book.rareRecall());
        Files.writeString(options.out().resolve(CURVE), row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        state.save(options.checkpoints(), net);
        log.printf(Locale.ROOT, "checkpoint: epoch %d, %d samples, %.1f min; val kkanji %.3f kmnist %.3f"
                        + " book-named %.3f book-rare-recall %.3f%n", state.epoch(), state.samples(), state.seconds() / 60,
                kk.all(), km.all(), book.named(), book.rareRecall());
    }

    /** Short warm-up, then cosine decay to 5% of the base rate at the end of the budget. */
    private double learningRate(double progress) {
        double p = Math.min(1, Math.max(0, progress));
        if (p < 0.02) {
            return options.learningRate() * (0.1 + 0.9 * p / 0.02);
        }
        return options.learningRate() * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * p)));
    }

    static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
