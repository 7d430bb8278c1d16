package org.honkoku.train;

import org.honkoku.Books;
import org.honkoku.OpenCvLoader;
import org.honkoku.classify.ClassIndex;
import org.honkoku.classify.Preprocess;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The training set and the validation sets that are never trained on, split by source: a random 5% of
 * Kuzushiji-Kanji (by image), 10% of Kuzushiji-MNIST, the first 100 images of Kuzushiji-49's test set (real
 * hiragana of 49 classes), renderings of a held-out font, and every page crop of one held-out book — the only
 * figure that tells how the model reads real pages. Datasets missing from the data folder are skipped (tests
 * use a tiny folder). {@code rare} is about {@code rareShare} of the training set, close to its share on
 * real pages: a quarter from font renderings of the corpus's rarer characters, the rest Kuzushiji-Kanji's
 * other 3,400 classes.
 */
final class TrainingData {

    /** The book held out unless {@code --held-out-book} names another. */
    static final String HELD_OUT_BOOK = "200003076";
    /** As {@code --held-out-book}: every page crop held out (for {@code --export-set}, which names each one's book). */
    static final String ALL_BOOKS = "all";
    static final double KKANJI_VALIDATION = 0.05;
    static final double KMNIST_VALIDATION = 0.10;
    /** The labelled pages are the only crops from the real pipeline: seen this many times per epoch. */
    static final int PAGE_COPIES = 8;
    static final double SYNTHETIC_RARE_SHARE = 0.25;

    final SampleSet train = new SampleSet("train");
    final SampleSet kkanjiVal = new SampleSet("kkanji-val");
    final SampleSet kmnistVal = new SampleSet("kmnist-val");
    final SampleSet k49 = new SampleSet("k49-first100");
    final String heldOutBook;
    final SampleSet bookVal;
    /** The book of each {@link #bookVal} crop, in order. */
    final List<String> bookValBooks = new ArrayList<>();
    SampleSet syntheticVal = new SampleSet("synthetic-val");
    final List<String> notes = new ArrayList<>();
    /** The kana with real crops of their own in training: Kuzushiji-MNIST's classes. */
    final Set<Integer> kmnistClasses = new HashSet<>();
    /**
     * Kuzushiji-Kanji's training crops (validation split left out) that the 514 outputs do not tell apart, each
     * labelled with its own Kuzushiji-Kanji class: every crop of a class read as {@code rare}, and every crop of a
     * hentaigana source kanji read as its kana (安 and 阿 are both あ there). Labels index {@link #kkanjiAuxClasses}.
     * Its images are the very arrays that {@link #train} and the rare pool hold, so {@code train --export-set} finds
     * the training set's own crops among them and labels those ({@code train.aux}): an auxiliary target for
     * {@code scripts/gpu_train.py --aux-weight}. {@code train} itself does not use it.
     */
    final SampleSet kkanjiAux = new SampleSet("kkanji-aux");
    /** The classes of {@link #kkanjiAux}, {@code U+XXXX}, in order of first appearance. */
    final List<String> kkanjiAuxClasses = new ArrayList<>();

    /**
     * The data {@code options} ask for: {@code --synthetic} kana renderings per class and epoch (0: no synthetic
     * data), {@code --stroke-variants}, {@code --crops} (extra labelled crops, {@link LabelledCrops}),
     * {@code --hard-pages} (the labelled page crops distorted as hard as font renderings), {@code --rare-share}.
     */
    private TrainingData(String heldOutBook) {
        this.heldOutBook = heldOutBook;
        this.bookVal = new SampleSet("book-" + heldOutBook);
    }

    static TrainingData load(TrainOptions options, ClassIndex classes) throws IOException {
        return load(options, classes, GlyphFonts.all());
    }

    /**
     * @param fonts the font files whose absence the notes report when fonts are drawn ({@link GlyphFonts#all()}; the
     *              fonts drawn are always those installed of it)
     */
    static TrainingData load(TrainOptions options, ClassIndex classes, List<Path> fonts) throws IOException {
        Path dataDir = options.data();
        long seed = options.seed();
        double rareShare = options.rareShare();
        int synthetic = options.synthetic();
        Path crops = options.crops();
        TrainingData d = new TrainingData(options.heldOutBook());
        SampleSet kkanjiRare = new SampleSet("kkanji-rare");
        d.loadKkanji(dataDir.resolve("kkanji"), classes, seed, kkanjiRare);
        SampleSet kmnistTrain = d.loadKmnist(dataDir.resolve("kmnist"), classes, seed);
        d.train.addAll(kmnistTrain, 1);
        d.train.addAll(d.loadPages(dataDir.resolve("pages"), classes, options.hardPages()), PAGE_COPIES);
        if (crops != null) {
            SampleSet extra = LabelledCrops.load(crops, classes);
            d.train.addAll(extra, PAGE_COPIES);
            d.notes.add(String.format(Locale.ROOT, "extra labelled crops from %s: %d (x%d per epoch)", crops,
                    extra.size(), PAGE_COPIES));
        }
        Path counts = dataDir.resolve("stats").resolve("kaggle-train-char-counts.tsv");
        int named = d.train.size();
        int rareWanted = (int) Math.round(rareShare / (1 - rareShare) * named);
        if (synthetic > 0) {
            int[] real = new int[classes.size()];
            for (int i = 0; i < d.train.size(); i++) {
                real[d.train.label(i)]++;
            }
            String fontWarning = GlyphFonts.missingWarning(fonts);
            if (!fontWarning.isEmpty()) {
                d.notes.add(fontWarning);
            }
            List<Font> packaged = options.npmFonts() ? d.packagedFonts(classes) : List.of();
            SyntheticGlyphs glyphs = SyntheticGlyphs.standard(new Random(seed + 3), options.strokeVariants(), packaged);
            d.notes.add(SyntheticSamples.addNamed(d.train, glyphs, classes, real, synthetic, synthetic / 3));
            if (options.strokeVariants() > 0) {
                d.notes.add("synthetic kana: " + options.strokeVariants() + " more drawings per handwriting font and"
                        + " weight with each stroke moved its own way (StrokeJitter: " + StrokeJitter.describeStandard() + ")");
            }
            rareWanted = (int) Math.round(rareShare / (1 - rareShare) * d.train.size());
            d.notes.add(SyntheticSamples.addRare(d.train, glyphs, classes, (int) (rareWanted * SYNTHETIC_RARE_SHARE),
                    counts, seed + 4));
            d.syntheticVal = SyntheticSamples.validation(classes, seed + 5);
            d.notes.add("synthetic validation: " + d.syntheticVal.size() + " renderings of the held-out font "
                    + GlyphFonts.VALIDATION.getFileName() + ", one distortion each");
        }
        int rareSynthetic = d.train.count(classes.rareIndex());
        d.addKkanjiRare(kkanjiRare, Math.max(0, rareWanted - rareSynthetic), seed);
        if (options.sideMarks() > 0) {
            d.notes.add("side marks: " + Augmenter.describeSideMarks(options.sideMarks()) + ", as segmenter boxes that"
                    + " take in the side of a column hold (Augmenter.addSideMark)");
        }
        d.notes.add(String.format(Locale.ROOT, "training set: %d samples per epoch, of which %d rare (%.1f%%) and %d"
                        + " font renderings (%.1f%%)", d.train.size(), d.train.count(classes.rareIndex()),
                100.0 * d.train.count(classes.rareIndex()) / Math.max(1, d.train.size()), d.train.syntheticCount(),
                100.0 * d.train.syntheticCount() / Math.max(1, d.train.size())));
        return d;
    }

    /**
     * The npm packages' brush fonts ({@link FontPackages}), fetched into the cache when missing; of a package split
     * into subset files, only the files that draw a named class are kept.
     */
    private List<Font> packagedFonts(ClassIndex classes) throws IOException {
        int[] named = java.util.stream.IntStream.range(0, classes.rareIndex())
                .map(c -> Integer.parseInt(classes.label(c).substring(2), 16)).toArray();
        List<Font> out = new ArrayList<>();
        for (var e : FontPackages.ensure(FontPackages.defaultCache(), notes).entrySet()) {
            List<Font> kept = GlyphFonts.load(e.getValue()).stream()
                    .filter(f -> java.util.Arrays.stream(named).anyMatch(f::canDisplay)).toList();
            out.addAll(kept);
            notes.add(String.format(Locale.ROOT, "npm font %s (%s): %d of %d font files draw named classes",
                    e.getKey().spec(), e.getKey().use(), kept.size(), e.getValue().size()));
        }
        return out;
    }

    private void loadKkanji(Path dir, ClassIndex classes, long seed, SampleSet rarePool) throws IOException {
        if (!Files.exists(dir.resolve("labels.txt"))) {
            notes.add("kkanji: not found, skipped");
            return;
        }
        List<String> original = U8Images.labels(dir);
        List<String> labels = original.stream().map(Hentaigana::readAs).toList();
        long asKana = java.util.stream.IntStream.range(0, labels.size())
                .filter(i -> !labels.get(i).equals(original.get(i))).count();
        Random split = new Random(seed);
        boolean[] validation = new boolean[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            validation[i] = split.nextDouble() < KKANJI_VALIDATION;
        }
        int[] namedTrain = {0};
        Map<String, Integer> auxIndex = new HashMap<>();
        U8Images.read(dir.resolve("images.u8.gz"), Preprocess.SIZE, labels.size(), i -> true, (i, image) -> {
            int label = classes.indexOf(labels.get(i));
            if (validation[i]) {
                kkanjiVal.add(image, label);
                return;
            }
            if (label == classes.rareIndex()) {
                rarePool.add(image, label);
            } else {
                train.add(image, label);
                namedTrain[0]++;
            }
            if (label == classes.rareIndex() || !labels.get(i).equals(original.get(i))) {
                kkanjiAux.add(image, auxIndex.computeIfAbsent(original.get(i), k -> {
                    kkanjiAuxClasses.add(k);
                    return kkanjiAuxClasses.size() - 1;
                }));
            }
        });
        notes.add(String.format(Locale.ROOT, "kkanji: %d images, %d of them in named classes (%d crops of %d"
                        + " hentaigana source kanji read as their kana, see Hentaigana.SOURCES); %d named for training,"
                        + " %d rare available; validation %d (random %.0f%% by image)", labels.size(),
                labels.stream().filter(classes::isNamed).count(), asKana, Hentaigana.SOURCES.size(), namedTrain[0],
                rarePool.size(), kkanjiVal.size(), KKANJI_VALIDATION * 100));
    }

    private void addKkanjiRare(SampleSet pool, int wanted, long seed) {
        if (pool.size() == 0) {
            return;
        }
        int[] order = Trainer.permutation(pool.size(), new Random(seed + 1));
        int n = Math.min(wanted, pool.size());
        for (int i = 0; i < n; i++) {
            train.add(pool.image(order[i]), pool.label(order[i]));
        }
        notes.add(String.format(Locale.ROOT, "kkanji rare: %d of %d images of the other classes trained as rare", n,
                pool.size()));
    }

    private SampleSet loadKmnist(Path dir, ClassIndex classes, long seed) throws IOException {
        SampleSet trainPart = new SampleSet("kmnist");
        if (!Files.exists(dir.resolve("labels.txt"))) {
            notes.add("kmnist: not found, skipped");
            return trainPart;
        }
        OpenCvLoader.load();
        List<String> labels = U8Images.labels(dir);
        Random split = new Random(seed + 2);
        Mat m = new Mat(28, 28, CvType.CV_8UC1);
        U8Images.read(dir.resolve("images.u8.gz"), 28, labels.size(), i -> true, (i, image) -> {
            m.put(0, 0, image);
            byte[] input = Preprocess.whiteOnBlack(m);
            (split.nextDouble() < KMNIST_VALIDATION ? kmnistVal : trainPart).add(input, classes.indexOf(labels.get(i)));
        });
        labels.forEach(l -> kmnistClasses.add(classes.indexOf(l)));
        notes.add(String.format(Locale.ROOT, "kmnist: %d images (10 hiragana), %d training, %d validation;"
                + " reframed from 28x28 to 64x64 by Preprocess.whiteOnBlack", labels.size(), trainPart.size(), kmnistVal.size()));
        Path k49Labels = dir.resolve("k49-first100.labels.txt");
        if (Files.exists(k49Labels)) {
            List<String> l49 = Files.readAllLines(k49Labels).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            U8Images.read(dir.resolve("k49-first100.u8.gz"), 28, l49.size(), i -> true, (i, image) -> {
                m.put(0, 0, image);
                k49.add(Preprocess.whiteOnBlack(m), classes.indexOf(l49.get(i)));
            });
            notes.add("k49-first100: " + k49.size() + " real hiragana of 49 classes, validation only");
        }
        return trainPart;
    }

    private SampleSet loadPages(Path dir, ClassIndex classes, boolean hard) throws IOException {
        SampleSet trainPart = new SampleSet("pages");
        if (!Files.exists(dir.resolve("truth.csv"))) {
            notes.add("pages: not found, skipped");
            return trainPart;
        }
        for (PageCrops.Crop c : PageCrops.cut(dir)) {
            String book = Books.of(c.imageId());
            if (book.equals(heldOutBook) || heldOutBook.equals(ALL_BOOKS)) {
                bookVal.add(c.input(), classes.indexOf(c.label()));
                bookValBooks.add(book);
            } else if (hard) {
                trainPart.addHard(c.input(), classes.indexOf(c.label()));
            } else {
                trainPart.add(c.input(), classes.indexOf(c.label()));
            }
        }
        notes.add(String.format(Locale.ROOT, "page crops: %d training crops (x%d per epoch%s) from the books other"
                        + " than %s; %d crops of book %s held out (%d of them rare)", trainPart.size(), PAGE_COPIES,
                hard ? ", distorted as hard as font renderings" : "", heldOutBook, bookVal.size(), heldOutBook,
                bookVal.count(classes.rareIndex())));
        return trainPart;
    }
}
