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
 * Where training stands: the network with its optimiser state, and how far it got (epoch, position in
 * that epoch's shuffled order, samples seen, training seconds spent). Written atomically (temp file, then
 * rename) so a run killed mid-write leaves the previous checkpoint intact.
 */
record Checkpoint(int epoch, int position, long samples, double seconds) {

    static final String NETWORK = "checkpoint.zip";
    static final String STATE = "state.properties";

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
        Path stateTmp = dir.resolve(STATE + ".tmp");
        try (Writer w = Files.newBufferedWriter(stateTmp, StandardCharsets.UTF_8)) {
            p.store(w, "honkoku training checkpoint");
        }
        Files.move(tmp, dir.resolve(NETWORK), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(stateTmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Checkpoint load(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(STATE), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new Checkpoint(Integer.parseInt(p.getProperty("epoch")), Integer.parseInt(p.getProperty("position")),
                Long.parseLong(p.getProperty("samples")), Double.parseDouble(p.getProperty("seconds")));
    }

    static MultiLayerNetwork network(Path dir) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(dir.resolve(NETWORK).toFile(), true);
    }
}
