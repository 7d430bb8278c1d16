package org.honkoku.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a model folder's {@code MODEL.md}: what the network is, what it was trained on, how well it does. */
record ModelReport(String version, String architecture, long params, List<String> dataNotes, List<String> commands,
                   String runtime, Checkpoint reached, boolean stoppedEarly, double trainSamplesPerSecond,
                   FinalReport report, long zipBytes, String trainedBy) {

    /** The section {@code honkoku benchmark --update} rewrites. */
    static final String SPEED_HEADING = "## Inference speed";
    static final String MEASURED_HEADING = "## Measured accuracy";

    void write(Path file) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(version).append("\n\n");
        s.append("Character classifier of honkoku: one 64x64 crop (white ink on black, the character scaled to fit\n"
                + "and centred; `org.honkoku.classify.Preprocess`) → 514 classes: the 513 most frequent characters of\n"
                + "the Kuzushiji Recognition training set (ties by code point) and `rare` (index 513). Files: `network.zip`\n"
                + "(DL4J MultiLayerNetwork, no optimiser state), `labels.tsv`, `model.properties`, `class-priors.tsv`\n"
                + "(the class-prior correction in the output biases), `context.tsv` (character n-grams for reading in\n"
                + "context), `calibration.tsv` (the box confidence's calibration, once `tune --write` has fitted it),\n"
                + "`whole-character.tsv` and `not-character.tsv` (the heads the segmenter groups with and drops boxes\n"
                + "with, once `tune-grouping --write` and `tune-boxes --write` have fitted them),\n"
                + "`learning-curve.csv` and `learning-curve.png`.\n\n");
        s.append("## Architecture\n\n");
        s.append("- ").append(architecture).append("\n");
        s.append(String.format(Locale.ROOT, "- %,d parameters; network.zip %.1f MB%n", params, zipBytes / 1e6));
        if (trainedBy != null) {
            s.append("- ").append(trainedBy).append("\n\n");
        } else {
            s.append("- Adam, batch as in the command, L2 1e-5; learning rate: warm-up, cosine decay over the time budget,"
                    + " cut to 0.3x after `--patience` checkpoints without a better validation score, early stop after"
                    + " three cuts; the model kept is the checkpoint with the best score (mean top-1 of kkanji, kmnist and"
                    + " synthetic validation — the real-page sets are never used to choose)\n");
            s.append("- augmentation (`Augmenter`, every sample afresh each epoch): one remap of rotation, shear, aspect"
                    + " and an elastic field; stroke thickening/thinning; a strip of a neighbouring character above, below"
                    + " or beside; a box that cuts the character short; blur; the inference framing; ink tone, gamma and"
                    + " noise. Font renderings are distorted harder than real crops.\n\n");
        }
        s.append("## Training data\n\n");
        for (String n : dataNotes) {
            s.append("- ").append(n).append("\n");
        }
        s.append("\nFonts come from Debian's packages (`apt-get install fonts-kouzan-mouhitsu fonts-aoyagi-soseki"
                + " fonts-aoyagi-kouzan-t fonts-seto fonts-kiloji fonts-klee fonts-yozvox-yozfont-antique"
                + " fonts-ipamj-mincho fonts-hanazono fonts-dejima-mincho fonts-oradano-mincho-gsrr`; see"
                + " `org.honkoku.train.GlyphFonts`) and, with `--npm-fonts`, from npm packages (`FontPackages`).\n");
        s.append("\n## How it was trained\n\n");
        s.append("Command(s), in order (`--resume` continues from the checkpoint of the previous one):\n\n```\n");
        for (String c : commands) {
            s.append(c).append("\n");
        }
        s.append("```\n\n");
        if (trainedBy == null) {
            s.append("- nd4j runtime: ").append(runtime).append("\n");
            s.append(String.format(Locale.ROOT, "- training time %.1f min, %d epochs completed (stopped at epoch %d,"
                            + " position %d%s), %,d samples seen; learning-rate cuts on plateaus: %d%n",
                    reached.seconds() / 60, reached.epoch(), reached.epoch() + 1, reached.position(),
                    stoppedEarly ? ", early stop" : "", reached.samples(), reached.reductions()));
            s.append(String.format(Locale.ROOT, "- speed: %.0f samples/s over all runs (samples seen / training wall time,"
                    + " data preparation included)", reached.samples() / Math.max(1e-9, reached.seconds())));
            s.append(Double.isNaN(trainSamplesPerSecond) || trainSamplesPerSecond == 0 ? ""
                    : String.format(Locale.ROOT, "; %.0f samples/s inside fit in the last run", trainSamplesPerSecond));
            s.append("; 2 CPU cores, oneDNN helpers on\n\n");
        }
        s.append("![learning curve](").append(CurvePlot.PNG).append(")\n\n");
        s.append(measured(report));
        s.append("\n").append(SPEED_HEADING).append("\n\n");
        s.append("Not measured yet: `./honkoku benchmark --model DIR --update` writes this section.\n");
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
    }

    /**
     * The sections {@code train --measure} rewrites: the accuracy table and the top confusions, up to the
     * speed section.
     */
    static String measured(FinalReport report) {
        StringBuilder s = new StringBuilder();
        s.append(MEASURED_HEADING).append(" (data never trained on)\n\n");
        s.append("| set | crops | top-1 (513 named classes) | rare recall | top-1 all |\n| --- | --- | --- | --- | --- |\n");
        row(s, "**held-out book " + report.heldOutBook() + ", real page crops**", report.book());
        row(s, "Kuzushiji-49 test, first 100 (real hiragana, 49 classes)", report.k49());
        row(s, "kkanji validation (5% by image)", report.kkanji());
        row(s, "kmnist validation (10%)", report.kmnist());
        row(s, "synthetic validation (held-out font)", report.synthetic());
        s.append("\nHeld-out book: crops cut from the page with its truth boxes, through `Preprocess.scanCrop`; top-1 is\n"
                + "over the crops whose truth is one of the 513 named classes (DESIGN.md `accuracy`), rare recall the\n"
                + "share of the others classified `rare`. It is a single page of one book: the figure carries noise of a few\n"
                + "points. Only the real page crops tell how the model reads unseen books. These figures come from the\n"
                + "training command's final evaluation; `./honkoku train --out MODEL_DIR --data DIR --measure` (with the\n"
                + "--seed it was trained with) measures the model folder again and rewrites this section.\n\n");
        s.append("Held-out book by script (named crops): ").append(report.byScript()).append(".\n"
                + "Kanji have real crops in Kuzushiji-Kanji; the kana with real crops of their own are Kuzushiji-MNIST's\n"
                + "ten (about 900 each); the other kana were learnt from font renderings, the hentaigana source kanji read\n"
                + "as them and the few page crops of the other books.\n\n");
        s.append("## Top confusions\n\n");
        confusions(s, "Real page crops (held-out book, Kuzushiji-49):", report.realPages());
        confusions(s, "Kuzushiji-Kanji validation:", report.kanji());
        return s.toString();
    }

    /** Replaces the measured sections of an existing {@code MODEL.md} (see {@link #measured}), keeping the rest. */
    static void rewriteMeasured(Path file, FinalReport report) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int from = text.indexOf(MEASURED_HEADING);
        int to = text.indexOf(SPEED_HEADING);
        if (from < 0 || to < from) {
            throw new IOException(file + " has no \"" + MEASURED_HEADING + "\" section before \"" + SPEED_HEADING + "\"");
        }
        // measured() ends with a blank line and write() puts one more before the speed heading: keep that one
        Files.writeString(file, text.substring(0, from) + measured(report) + text.substring(to - 1),
                StandardCharsets.UTF_8);
    }

    private static void confusions(StringBuilder s, String title, List<FinalReport.Confusion> list) {
        s.append(title).append("\n\n| truth | read as | times | where |\n| --- | --- | --- | --- |\n");
        for (FinalReport.Confusion c : list) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %d | %s |%n", FinalReport.show(c.truth()),
                    FinalReport.show(c.guess()), c.count(), c.where()));
        }
        s.append("\n");
    }

    private static void row(StringBuilder s, String name, Evaluation e) {
        s.append(String.format(Locale.ROOT, "| %s | %d (%d named, %d rare) | %s | %s | %s |%n", name, e.count(),
                e.namedCount(), e.rareCount(), pct(e.named()), pct(e.rareRecall()), pct(e.all())));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
