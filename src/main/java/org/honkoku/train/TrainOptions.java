package org.honkoku.train;

import java.nio.file.Path;
import java.util.Locale;

/** The options of {@code train}; see {@link #USAGE}. */
record TrainOptions(Path out, Path data, double maxMinutes, boolean resume, int epochs, int batch, long seed,
                    Path checkpoints, double learningRate, double checkpointMinutes, double rareShare, int synthetic,
                    int patience, Path fineTuneFrom, Path crops, String version, double priorCorrection,
                    double labelSmoothing, boolean hardPages, int strokeVariants, double sideMarks, boolean measure,
                    boolean npmFonts, String heldOutBook, Path exportSet, int exportCap, Path importWeights) {

    static final String USAGE = "usage: train --out DIR --data DIR [--max-minutes N] [--resume] [--epochs N]"
            + " [--batch N] [--seed N] [--checkpoints DIR] [--lr X] [--checkpoint-minutes N] [--rare-share X]"
            + " [--synthetic N] [--patience N] [--fine-tune MODEL_DIR] [--crops DIR] [--version NAME] [--prior-correction TAU]"
            + " [--label-smoothing X] [--hard-pages] [--stroke-variants N] [--side-marks X] [--npm-fonts] [--held-out-book ID] [--measure]"
            + " [--export-set DIR [--export-cap N]] [--import-weights FILE.npz]"
            + " (--max-minutes counts the training time of all resumed runs together; --synthetic is the number of"
            + " font renderings per kana class and epoch, 0 for none; --fine-tune starts from a model folder's"
            + " network, at a tenth of the default learning rate unless --lr is given; --crops adds a folder of"
            + " labelled crops with a labels.csv of file,unicode; --version names the model, default honkoku-cnn-DATE-OUTDIR;"
            + " --prior-correction scales the shift of the output biases from training-set to real-text class"
            + " frequencies, default 1, 0 for none; --label-smoothing spreads X of each target over all classes,"
            + " default 0; --hard-pages distorts the labelled page crops as hard as font renderings;"
            + " --stroke-variants draws each kana N more times per handwriting font and weight with its strokes"
            + " moved apart, default 0; --side-marks puts a reading (a small character) or a dot beside X of the"
            + " distorted samples, as segmenter boxes that take in the side of a column hold, default 0;"
            + " --npm-fonts also draws from the brush fonts of npm packages (FontPackages: fetched with npm pack into"
            + " data/fonts and decoded from WOFF on first use); --held-out-book keeps every page crop of that book"
            + " (as Books names them: 100241706, 200003076, brsk, hnsd) out of training and scores the model on it,"
            + " default 200003076: one run per book gives the classifier's leave-one-book-out figures;"
            + " --measure trains nothing: it measures the model already in --out on the validation sets these"
            + " options give (the same --seed it was trained with) and rewrites the accuracy and confusion sections"
            + " of its MODEL.md; --export-set trains nothing: it writes the training and validation sets, every page"
            + " crop with its book, for scripts/gpu_train.py, with at most --export-cap real crops per named class (default 200,"
            + " 0 for all); --import-weights makes the model folder --out from"
            + " the network that script trained (checked against the probe outputs it saved), with the prior"
            + " correction, reading context and final evaluation of the data these options give)";

    static TrainOptions parse(String[] args) {
        Path out = null;
        Path data = null;
        double maxMinutes = 40;
        boolean resume = false;
        int epochs = 30;
        int batch = 64;
        long seed = 42;
        Path checkpoints = null;
        Double lr = null;
        double checkpointMinutes = 5;
        double rareShare = 0.09;
        int synthetic = 400;
        int patience = 3;
        Path fineTune = null;
        Path crops = null;
        String version = null;
        double priorCorrection = 1.0;
        double labelSmoothing = 0;
        boolean hardPages = false;
        int strokeVariants = 0;
        double sideMarks = 0;
        boolean measure = false;
        boolean npmFonts = false;
        String heldOutBook = TrainingData.HELD_OUT_BOOK;
        Path exportSet = null;
        Path importWeights = null;
        int exportCap = 200;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--resume")) {
                resume = true;
                continue;
            }
            if (a.equals("--hard-pages")) {
                hardPages = true;
                continue;
            }
            if (a.equals("--npm-fonts")) {
                npmFonts = true;
                continue;
            }
            if (a.equals("--measure")) {
                measure = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a + "; " + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--out" -> out = Path.of(v);
                case "--data" -> data = Path.of(v);
                case "--max-minutes" -> maxMinutes = Double.parseDouble(v);
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--checkpoints" -> checkpoints = Path.of(v);
                case "--lr" -> lr = Double.parseDouble(v);
                case "--checkpoint-minutes" -> checkpointMinutes = Double.parseDouble(v);
                case "--rare-share" -> rareShare = Double.parseDouble(v);
                case "--synthetic" -> synthetic = Integer.parseInt(v);
                case "--patience" -> patience = Integer.parseInt(v);
                case "--fine-tune" -> fineTune = Path.of(v);
                case "--crops" -> crops = Path.of(v);
                case "--version" -> version = v;
                case "--prior-correction" -> priorCorrection = Double.parseDouble(v);
                case "--label-smoothing" -> labelSmoothing = Double.parseDouble(v);
                case "--stroke-variants" -> strokeVariants = Integer.parseInt(v);
                case "--side-marks" -> sideMarks = Double.parseDouble(v);
                case "--held-out-book" -> heldOutBook = v;
                case "--export-set" -> exportSet = Path.of(v);
                case "--import-weights" -> importWeights = Path.of(v);
                case "--export-cap" -> exportCap = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
            }
        }
        if (exportSet != null && out == null) {
            out = exportSet;
        }
        if (out == null || data == null) {
            throw new IllegalArgumentException("--out and --data are required; " + USAGE);
        }
        if (batch < 1 || epochs < 1 || maxMinutes <= 0 || rareShare < 0 || rareShare >= 1 || patience < 1
                || synthetic < 0 || strokeVariants < 0 || labelSmoothing < 0 || labelSmoothing >= 1 || sideMarks < 0
                || sideMarks > 1) {
            throw new IllegalArgumentException("--batch, --epochs, --max-minutes and --patience must be positive,"
                    + " --synthetic and --stroke-variants not negative, --rare-share and --label-smoothing in [0,1),"
                    + " --side-marks in [0,1]");
        }
        if (checkpoints == null) {
            // Outside the repository: checkpoints carry the optimiser state and are not part of a model.
            Path abs = out.toAbsolutePath().normalize();
            checkpoints = Path.of(System.getProperty("java.io.tmpdir"), "honkoku-train",
                    abs.getFileName() + "-" + String.format(Locale.ROOT, "%08x", abs.toString().hashCode()));
        }
        double learningRate = lr != null ? lr : fineTune != null ? 2e-4 : 2e-3;
        return new TrainOptions(out, data, maxMinutes, resume, epochs, batch, seed, checkpoints, learningRate,
                checkpointMinutes, rareShare, synthetic, patience, fineTune, crops, version, priorCorrection,
                labelSmoothing, hardPages, strokeVariants, sideMarks, measure, npmFonts,
                exportSet != null ? TrainingData.ALL_BOOKS : heldOutBook, exportSet, exportCap, importWeights);
    }

    boolean fineTune() {
        return fineTuneFrom != null;
    }
}
