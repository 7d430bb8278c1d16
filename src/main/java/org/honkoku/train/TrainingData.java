package org.honkoku.train;

import org.honkoku.OpenCvLoader;
import org.honkoku.classify.ClassIndex;
import org.honkoku.classify.Preprocess;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The training set and the validation sets that are never trained on: a random 5% of Kuzushiji-Kanji, 10%
 * of Kuzushiji-MNIST, and every page crop of the held-out book. Datasets missing from the data folder
 * are skipped (tests use a tiny synthetic folder). {@code rare} Kuzushiji-Kanji images are subsampled so
 * that rare is about {@code rareShare} of the training set, close to its share on real pages.
 */
final class TrainingData {

    static final String HELD_OUT_BOOK = "200003076";
    static final double KKANJI_VALIDATION = 0.05;
    static final double KMNIST_VALIDATION = 0.10;
    /** The labelled pages are the only crops from the real pipeline: seen this many times per epoch. */
    static final int PAGE_COPIES = 4;

    final SampleSet train = new SampleSet("train");
    final SampleSet kkanjiVal = new SampleSet("kkanji-val");
    final SampleSet kmnistVal = new SampleSet("kmnist-val");
    final SampleSet bookVal = new SampleSet("book-" + HELD_OUT_BOOK);
    final List<String> notes = new ArrayList<>();

    static TrainingData load(Path dataDir, ClassIndex classes, long seed, double rareShare, int synthetic)
            throws IOException {
        TrainingData d = new TrainingData();
        SampleSet kmnistTrain = d.loadKmnist(dataDir.resolve("kmnist"), classes, seed);
        SampleSet pagesTrain = d.loadPages(dataDir.resolve("pages"), classes);
        int others = kmnistTrain.size() + pagesTrain.size() * PAGE_COPIES;
        d.loadKkanji(dataDir.resolve("kkanji"), classes, seed, rareShare, others);
        d.train.addAll(kmnistTrain, 1);
        d.train.addAll(pagesTrain, PAGE_COPIES);
        if (synthetic > 0) {
            d.addSynthetic(classes, seed, synthetic);
        }
        d.notes.add(String.format(Locale.ROOT, "training set: %d samples, of which %d rare (%.1f%%)",
                d.train.size(), d.train.count(classes.rareIndex()),
                100.0 * d.train.count(classes.rareIndex()) / Math.max(1, d.train.size())));
        return d;
    }

    private void loadKkanji(Path dir, ClassIndex classes, long seed, double rareShare, int others) throws IOException {
        if (!Files.exists(dir.resolve("labels.txt"))) {
            notes.add("kkanji: not found, skipped");
            return;
        }
        List<String> labels = U8Images.labels(dir);
        Random split = new Random(seed);
        boolean[] validation = new boolean[labels.size()];
        int namedTrain = 0;
        int rareTrain = 0;
        for (int i = 0; i < labels.size(); i++) {
            validation[i] = split.nextDouble() < KKANJI_VALIDATION;
            if (!validation[i]) {
                if (classes.isNamed(labels.get(i))) {
                    namedTrain++;
                } else {
                    rareTrain++;
                }
            }
        }
        // rare / (named + others + rare) = rareShare
        double wanted = rareShare / (1 - rareShare) * (namedTrain + others);
        double keepRare = rareTrain == 0 ? 0 : Math.min(1, wanted / rareTrain);
        Random pick = new Random(seed + 1);
        boolean[] keep = new boolean[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            keep[i] = classes.isNamed(labels.get(i)) || pick.nextDouble() < keepRare;
        }
        U8Images.read(dir.resolve("images.u8.gz"), Preprocess.SIZE, labels.size(), i -> keep[i], (i, image) ->
                (validation[i] ? kkanjiVal : train).add(image, classes.indexOf(labels.get(i))));
        notes.add(String.format(Locale.ROOT, "kkanji: %d images, %d of them in named classes; kept for training %d"
                        + " named + %d rare (rare subsampled at %.3f); validation %d (random %.0f%% by image)",
                labels.size(), labels.stream().filter(classes::isNamed).count(), namedTrain,
                Math.round(rareTrain * keepRare), keepRare, kkanjiVal.size(), KKANJI_VALIDATION * 100));
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
        notes.add(String.format(Locale.ROOT, "kmnist: %d images (10 hiragana), %d training, %d validation;"
                + " reframed from 28x28 to 64x64 by Preprocess.whiteOnBlack", labels.size(), trainPart.size(), kmnistVal.size()));
        return trainPart;
    }

    /**
     * Rendered glyphs for the named classes, most where real data is scarce: {@code variants} per font for a
     * class with fewer than 20 real training samples (most kana), a third of that under 100, else 2.
     */
    private void addSynthetic(ClassIndex classes, long seed, int variants) throws IOException {
        SyntheticGlyphs glyphs = SyntheticGlyphs.standard(new Random(seed + 3));
        int[] real = new int[classes.size()];
        for (int i = 0; i < train.size(); i++) {
            real[train.label(i)]++;
        }
        int added = 0;
        int covered = 0;
        for (int c = 0; c < classes.rareIndex(); c++) {
            int n = real[c] < 20 ? variants : real[c] < 100 ? Math.max(1, variants / 3) : Math.min(2, variants);
            List<byte[]> images = glyphs.render(Integer.parseInt(classes.label(c).substring(2), 16), n);
            for (byte[] image : images) {
                train.add(image, c);
            }
            added += images.size();
            covered += images.isEmpty() ? 0 : 1;
        }
        notes.add(String.format(Locale.ROOT, "synthetic: %d glyphs rendered from %d brush/handwriting fonts for %d"
                + " of the %d named classes (%d per font where real data < 20, %d where < 100, else %d)", added,
                glyphs.fontCount(), covered, classes.rareIndex(), variants, Math.max(1, variants / 3), Math.min(2, variants)));
    }

    private SampleSet loadPages(Path dir, ClassIndex classes) throws IOException {
        SampleSet trainPart = new SampleSet("pages");
        if (!Files.exists(dir.resolve("truth.csv"))) {
            notes.add("pages: not found, skipped");
            return trainPart;
        }
        for (PageCrops.Crop c : PageCrops.cut(dir)) {
            (c.imageId().startsWith(HELD_OUT_BOOK) ? bookVal : trainPart).add(c.input(), classes.indexOf(c.label()));
        }
        notes.add(String.format(Locale.ROOT, "page crops: %d training crops (x%d per epoch) from the books other"
                        + " than %s; %d crops of book %s held out (%d of them rare)", trainPart.size(), PAGE_COPIES,
                HELD_OUT_BOOK, bookVal.size(), HELD_OUT_BOOK, bookVal.count(classes.rareIndex())));
        return trainPart;
    }
}
