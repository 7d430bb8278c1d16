package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The training loop: shuffled epochs of minibatches augmented on the fly (the next batch is prepared on a
 * second thread while the network trains on the current one), bounded by a wall-time budget, with a
 * warm-up and cosine learning-rate decay over that budget. At every checkpoint (every few minutes and at each
 * epoch's end) the validation sets are scored: the best network so far is kept, the learning rate is cut on a
 * plateau ({@code patience} checkpoints without improvement) and training stops early when it still does not
 * improve after {@link #MAX_REDUCTIONS} cuts. Resumes where a checkpoint left off.
 */
final class Trainer {

    static final String CURVE = "learning-curve.csv";
    static final String CURVE_HEADER = "epoch,samples,train_seconds,train_loss,learning_rate,score,kkanji_val,"
            + "kmnist_val,synthetic_val,k49,book_named,book_rare_recall";
    static final int MAX_REDUCTIONS = 3;
    static final double REDUCTION = 0.3;
    /** An improvement of the validation score smaller than this is noise. */
    static final double MIN_DELTA = 0.002;
    private static final int PROGRESS_EVERY = 25;

    private final TrainOptions options;
    private final TrainingData data;
    private final int classes;
    private final PrintStream log;
    private final Validation validation;
    private double measuredSamplesPerSecond = Double.NaN;
    private boolean stoppedEarly;

    Trainer(TrainOptions options, TrainingData data, int classes, PrintStream log) {
        this.options = options;
        this.data = data;
        this.classes = classes;
        this.log = log;
        this.validation = Validation.quick(data, classes);
    }

    /** Trains {@code net} from {@code start}; returns the state reached (time budget, early stop or epochs done). */
    Checkpoint train(MultiLayerNetwork net, Checkpoint start) throws IOException {
        Path curve = options.out().resolve(CURVE);
        if (!options.resume() || !Files.exists(curve)) {
            Files.writeString(curve, CURVE_HEADER + "\n", StandardCharsets.UTF_8);
        }
        double budget = options.maxMinutes() * 60;
        int size = data.train.size();
        int batch = Math.min(options.batch(), size);
        long plannedSamples = (long) options.epochs() * (size / batch) * batch;
        long seed = options.seed() + 7L * start.samples();
        Augmenter augmenter = new Augmenter(new Random(seed), options.sideMarks());
        Minibatches batches = new Minibatches(classes, augmenter, new Random(seed + 1), options.labelSmoothing());
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "minibatches");
            t.setDaemon(true);
            return t;
        });
        Checkpoint state = start;
        long runStart = System.nanoTime();
        long lastCheckpoint = runStart;
        long windowStart = runStart;
        long windowSamples = 0;
        double lossSum = 0;
        int lossCount = 0;
        long trainedNanos = 0;
        long trainedSamples = 0;
        try {
            for (int epoch = start.epoch(); epoch < options.epochs(); epoch++) {
                int[] order = permutation(size, new Random(options.seed() * 31 + epoch));
                int position = epoch == start.epoch() ? start.position() : 0;
                Future<DataSet> next = position + batch <= size ? prefetch.submit(batchTask(batches, data.train, order, position, batch)) : null;
                for (; position + batch <= size; position += batch) {
                    double seconds = start.seconds() + (System.nanoTime() - runStart) / 1e9;
                    if (seconds >= budget) {
                        log.printf(Locale.ROOT, "time budget of %.1f min reached%n", options.maxMinutes());
                        next.cancel(false);
                        measuredSamplesPerSecond = trainedSamples / Math.max(1e-9, trainedNanos / 1e9);
                        return checkpoint(net, state.at(epoch, position, state.samples(), seconds),
                                mean(lossSum, lossCount), lr(1, state));
                    }
                    double lr = lr(Math.max(seconds / budget, (double) state.samples() / plannedSamples), state);
                    if (state.samples() % (batch * 20L) == 0) {
                        net.setLearningRate(lr);
                    }
                    DataSet current = next.get();
                    next = position + 2L * batch <= size ? prefetch.submit(batchTask(batches, data.train, order, position + batch, batch)) : null;
                    long t = System.nanoTime();
                    net.fit(current);
                    trainedNanos += System.nanoTime() - t;
                    trainedSamples += batch;
                    lossSum += net.score();
                    lossCount++;
                    state = state.at(epoch, position + batch, state.samples() + batch, seconds);
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
                        state = checkpoint(net, state, mean(lossSum, lossCount), lr);
                        lossSum = 0;
                        lossCount = 0;
                        lastCheckpoint = System.nanoTime();
                        if (stoppedEarly) {
                            break;
                        }
                    }
                }
                if (next != null) {
                    next.cancel(false);
                }
                if (stoppedEarly) {
                    break;
                }
                state = state.at(epoch + 1, 0, state.samples(), start.seconds() + (System.nanoTime() - runStart) / 1e9);
                log.printf(Locale.ROOT, "epoch %d done%n", epoch + 1);
                state = checkpoint(net, state, mean(lossSum, lossCount), lr(state.seconds() / budget, state));
                lossSum = 0;
                lossCount = 0;
                lastCheckpoint = System.nanoTime();
                if (stoppedEarly) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("preparing a minibatch failed", e.getCause());
        } finally {
            prefetch.shutdownNow();
        }
        measuredSamplesPerSecond = trainedSamples / Math.max(1e-9, trainedNanos / 1e9);
        return state;
    }

    /** Mean training samples/s of this run, counting only the time inside {@code fit}. */
    double samplesPerSecond() {
        return measuredSamplesPerSecond;
    }

    boolean stoppedEarly() {
        return stoppedEarly;
    }

    private static Callable<DataSet> batchTask(Minibatches batches, SampleSet set, int[] order, int from, int n) {
        return () -> batches.batch(set, order, from, n);
    }

    private Checkpoint checkpoint(MultiLayerNetwork net, Checkpoint state, double loss, double lr) throws IOException {
        Validation.Scores s = validation.score(net);
        double score = s.selection();
        Checkpoint next;
        String verdict;
        if (score > state.best() + MIN_DELTA) {
            Checkpoint.saveBest(options.checkpoints(), net);
            next = state.schedule(state.lrFactor(), score, 0, state.reductions());
            verdict = "best so far";
        } else if (state.stale() + 1 < options.patience()) {
            next = state.schedule(state.lrFactor(), state.best(), state.stale() + 1, state.reductions());
            verdict = "no better (" + (state.stale() + 1) + "/" + options.patience() + ")";
        } else if (state.reductions() < MAX_REDUCTIONS) {
            next = state.schedule(state.lrFactor() * REDUCTION, state.best(), 0, state.reductions() + 1);
            verdict = String.format(Locale.ROOT, "plateau: learning rate x%.2f", next.lrFactor());
        } else {
            next = state.schedule(state.lrFactor(), state.best(), state.stale() + 1, state.reductions());
            stoppedEarly = true;
            verdict = "plateau after " + MAX_REDUCTIONS + " cuts: stopping early";
        }
        String row = String.format(Locale.ROOT, "%d,%d,%.0f,%.4f,%.2e,%.4f,%s%n", next.epoch(), next.samples(),
                next.seconds(), loss, lr, score, s.csv());
        Files.writeString(options.out().resolve(CURVE), row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        next.save(options.checkpoints(), net);
        log.printf(Locale.ROOT, "checkpoint: epoch %d, %d samples, %.1f min; score %.4f (%s); %s%n", next.epoch(),
                next.samples(), next.seconds() / 60, score, verdict, s.describe());
        return next;
    }

    /** Short warm-up, then cosine decay to 5% of the base rate at the end of the budget, times the plateau factor. */
    private double lr(double progress, Checkpoint state) {
        double p = Math.min(1, Math.max(0, progress));
        double base = options.learningRate() * state.lrFactor();
        if (p < 0.02 && !options.fineTune()) {
            return base * (0.1 + 0.9 * p / 0.02);
        }
        return base * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * p)));
    }

    private static double mean(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
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
