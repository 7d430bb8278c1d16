package org.honkoku.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a model folder's {@code MODEL.md}: what the network is, what it was trained on, how well it does. */
record ModelReport(String version, String architecture, long params, List<String> dataNotes, List<String> commands,
                   String runtime, Checkpoint reached, double trainSamplesPerSecond, double inferenceImagesPerSecond,
                   double inferenceHelpersOff, Evaluation kkanji, Evaluation kmnist, Evaluation book, long zipBytes) {

    void write(Path file) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(version).append("\n\n");
        s.append("Character classifier of honkoku: one 64x64 crop (white ink on black, the character scaled to fit\n"
                + "and centred; `org.honkoku.classify.Preprocess`) → 514 classes: the 513 most frequent characters of\n"
                + "the Kuzushiji Recognition training set (ties by code point) and `rare` (index 513). Files: `network.zip`\n"
                + "(DL4J MultiLayerNetwork, no optimiser state), `labels.tsv`, `model.properties`, `learning-curve.csv`.\n\n");
        s.append("## Architecture\n\n");
        s.append("- ").append(architecture).append("\n");
        s.append(String.format(Locale.ROOT, "- %,d parameters; network.zip %.1f MB%n", params, zipBytes / 1e6));
        s.append("- Adam, batch as in the command, L2 1e-5, cosine learning-rate decay over the time budget, "
                + "augmentation: random rotation ±8°, scale 0.85–1.05, shift ±4 px (7 in 8 samples)\n\n");
        s.append("## Training data\n\n");
        for (String n : dataNotes) {
            s.append("- ").append(n).append("\n");
        }
        s.append("\n## How it was trained\n\n");
        s.append("Command(s), in order (`--resume` continues from the checkpoint of the previous one):\n\n```\n");
        for (String c : commands) {
            s.append(c).append("\n");
        }
        s.append("```\n\n");
        s.append("(`cp.txt` from `mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt`, after `mvn -o compile`.)\n\n");
        s.append("- nd4j runtime: ").append(runtime).append("\n");
        s.append(String.format(Locale.ROOT, "- training time %.1f min, %d epochs completed (stopped at epoch %d,"
                        + " position %d), %,d samples seen%n", reached.seconds() / 60, reached.epoch(),
                reached.epoch() + 1, reached.position(), reached.samples()));
        s.append(String.format(Locale.ROOT, "- training speed of the last run: %.1f samples/s (time inside fit only;"
                + " 2 shared CPU cores, oneDNN helpers on)%n%n", trainSamplesPerSecond));
        s.append("## Measured accuracy (data never trained on)\n\n");
        s.append("| set | crops | top-1 (513 named classes) | rare recall | top-1 all |\n| --- | --- | --- | --- | --- |\n");
        row(s, "held-out book " + TrainingData.HELD_OUT_BOOK + " page crops", book);
        row(s, "kkanji validation (5% by image)", kkanji);
        row(s, "kmnist validation (10%)", kmnist);
        s.append("\nHeld-out book: crops cut from the page with its truth boxes, through `Preprocess.scanCrop`; top-1 is\n"
                + "over the crops whose truth is one of the 513 named classes (DESIGN.md `accuracy`), rare recall the\n"
                + "share of the others classified `rare`. The book is a single page: the figures carry large noise.\n\n");
        s.append("## Inference speed\n\n");
        s.append(String.format(Locale.ROOT, "- %.0f images/s at batch 128 with the oneDNN helpers (Nd4jRuntime + "
                + "org.nd4j.nativeblas.Nd4jCpu bridge), %.0f images/s with helpers off; 2 shared CPU cores%n",
                inferenceImagesPerSecond, inferenceHelpersOff));
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder s, String name, Evaluation e) {
        s.append(String.format(Locale.ROOT, "| %s | %d (%d named, %d rare) | %s | %s | %s |%n", name, e.count(),
                e.namedCount(), e.rareCount(), pct(e.named()), pct(e.rareRecall()), pct(e.all())));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
