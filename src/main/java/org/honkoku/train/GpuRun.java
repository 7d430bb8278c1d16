package org.honkoku.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * What {@code scripts/gpu_train.py} wrote about its run beside the weights ({@code NAME.properties} next to
 * {@code NAME.npz}): the command, the device, the book held out, how far it got and what it did, for MODEL.md.
 */
record GpuRun(String command, String device, String heldOutBook, int epochs, long samples, double seconds,
              double bestScore, String method, String exportCommand, String exportCap) {

    static GpuRun read(Path weights) throws IOException {
        Path file = sibling(weights, ".properties");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + file + " beside the weights: scripts/gpu_train.py writes one");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return new GpuRun(p.getProperty("command", "?"), p.getProperty("device", "?"),
                    p.getProperty("held_out_book", "?"), Integer.parseInt(p.getProperty("epochs", "0")),
                    Long.parseLong(p.getProperty("samples", "0")), Double.parseDouble(p.getProperty("seconds", "0")),
                    Double.parseDouble(p.getProperty("best_score", "NaN")), p.getProperty("method", ""),
                    p.getProperty("export_command", ""), p.getProperty("export_cap", ""));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The file beside {@code weights} with the same name and another ending. */
    static Path sibling(Path weights, String ending) {
        String name = weights.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return weights.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ending);
    }

    double samplesPerSecond() {
        return samples / Math.max(1e-9, seconds);
    }

    /** The training, in MODEL.md's words. */
    String describe() {
        return String.format(Locale.ROOT, "trained by `scripts/gpu_train.py` (PyTorch) on %s, then imported into"
                        + " DL4J by `train --import-weights` (its outputs checked against PyTorch's on probe inputs): %s;"
                        + " %.1f min, %d epochs, %,d samples (%.0f samples/s); best validation score %.4f", device,
                method, seconds / 60, epochs, samples, samplesPerSecond(), bestScore);
    }
}
