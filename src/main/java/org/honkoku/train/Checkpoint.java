package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where training stands: the network with its optimiser state, how far it got (epoch, position in that
 * epoch's shuffled order, samples seen, training seconds spent) and the plateau schedule (learning-rate
 * factor, best validation score so far, evaluations without improvement, reductions made). The best network
 * so far is kept beside it. Written atomically (temp file, then rename) so a run killed mid-write leaves the
 * previous checkpoint intact.
 */
record Checkpoint(int epoch, int position, long samples, double seconds, double lrFactor, double best,
                  int stale, int reductions) {

    static final String NETWORK = "checkpoint.zip";
    static final String BEST = "best.zip";
    static final String STATE = "state.properties";

    static Checkpoint start() {
        return new Checkpoint(0, 0, 0, 0, 1.0, Double.NEGATIVE_INFINITY, 0, 0);
    }

    Checkpoint at(int epoch, int position, long samples, double seconds) {
        return new Checkpoint(epoch, position, samples, seconds, lrFactor, best, stale, reductions);
    }

    Checkpoint schedule(double lrFactor, double best, int stale, int reductions) {
        return new Checkpoint(epoch, position, samples, seconds, lrFactor, best, stale, reductions);
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(NETWORK)) && Files.isRegularFile(dir.resolve(STATE));
    }

    void save(Path dir, MultiLayerNetwork net) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(NETWORK + ".tmp");
        ModelSerializer.writeModel(net, tmp.toFile(), true);
        Properties p = new Properties();
        p.setProperty("epoch", Integer.toString(epoch));
        p.setProperty("position", Integer.toString(position));
        p.setProperty("samples", Long.toString(samples));
        p.setProperty("seconds", Double.toString(seconds));
        p.setProperty("lrFactor", Double.toString(lrFactor));
        p.setProperty("best", Double.toString(best));
        p.setProperty("stale", Integer.toString(stale));
        p.setProperty("reductions", Integer.toString(reductions));
        Path stateTmp = dir.resolve(STATE + ".tmp");
        try (Writer w = Files.newBufferedWriter(stateTmp, StandardCharsets.UTF_8)) {
            p.store(w, "honkoku training checkpoint");
        }
        Files.move(tmp, dir.resolve(NETWORK), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(stateTmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Keeps {@code net} as the best network so far (without optimiser state: it is only ever a result). */
    static void saveBest(Path dir, MultiLayerNetwork net) throws IOException {
        Path tmp = dir.resolve(BEST + ".tmp");
        ModelSerializer.writeModel(net, tmp.toFile(), false);
        Files.move(tmp, dir.resolve(BEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Checkpoint load(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(STATE), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new Checkpoint(Integer.parseInt(p.getProperty("epoch")), Integer.parseInt(p.getProperty("position")),
                Long.parseLong(p.getProperty("samples")), Double.parseDouble(p.getProperty("seconds")),
                Double.parseDouble(p.getProperty("lrFactor", "1")),
                Double.parseDouble(p.getProperty("best", "-Infinity")),
                Integer.parseInt(p.getProperty("stale", "0")), Integer.parseInt(p.getProperty("reductions", "0")));
    }

    static MultiLayerNetwork network(Path dir) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(dir.resolve(NETWORK).toFile(), true);
    }

    /** The best network so far, or null when none was kept yet. */
    static MultiLayerNetwork best(Path dir) throws IOException {
        Path best = dir.resolve(BEST);
        return Files.isRegularFile(best) ? ModelSerializer.restoreMultiLayerNetwork(best.toFile(), false) : null;
    }
}
