package org.honkoku.train;

import org.honkoku.classify.ClassIndex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The synthetic part of the training set, sized per class: a kana class (no real crops but Kuzushiji-MNIST's
 * ten) gets {@code kanaPerClass} samples per epoch, a kanji class tops its real crops up to
 * {@code kanjiFloor}, and {@code rare} gets renderings of the corpus's rarer characters. Samples are
 * references to a few base glyphs per font, each distorted afresh by the {@link Augmenter} every epoch.
 */
final class SyntheticSamples {

    /** Kana, iteration marks and the corpus's punctuation: everything below the CJK ideographs. */
    static final int LAST_KANA = 0x30FF;

    private SyntheticSamples() {
    }

    static boolean isKana(String label) {
        return label.startsWith("U+") && isKana(Integer.parseInt(label.substring(2), 16));
    }

    static boolean isKana(int codePoint) {
        return codePoint <= LAST_KANA;
    }

    /**
     * Adds font renderings of the named classes to {@code train}; returns a note for MODEL.md.
     *
     * @param real training samples per class already in {@code train}
     */
    static String addNamed(SampleSet train, SyntheticGlyphs glyphs, ClassIndex classes, int[] real, int kanaPerClass,
                           int kanjiFloor) {
        int bases = 0;
        int added = 0;
        int covered = 0;
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < classes.rareIndex(); c++) {
            String label = classes.label(c);
            int target = isKana(label) ? kanaPerClass : Math.max(kanjiFloor / 10, kanjiFloor - real[c]);
            List<byte[]> images = glyphs.render(codePoint(label));
            if (images.isEmpty()) {
                missing.add(new String(Character.toChars(codePoint(label))));
                continue;
            }
            covered++;
            bases += images.size();
            added += addCopies(train, images, c, target);
        }
        return String.format(Locale.ROOT, "synthetic: %d base glyphs from %d fonts (%d handwriting, brush and print"
                        + " fonts drawn as they are, hentaigana from the Mincho fonts) for %d of the %d named classes; %d samples per epoch (kana %d per"
                        + " class, kanji topped up to %d real + synthetic), distorted afresh each epoch; no font draws: %s",
                bases, glyphs.fontCount(), glyphs.drawingFontCount(), covered, classes.rareIndex(), added,
                kanaPerClass, kanjiFloor, missing.isEmpty() ? "-" : String.join(" ", missing));
    }

    /** Adds {@code target} renderings of characters outside the named classes, as {@code rare}; returns a note. */
    static String addRare(SampleSet train, SyntheticGlyphs glyphs, ClassIndex classes, int target, Path countsTsv,
                          long seed) throws IOException {
        List<Integer> rareCodePoints = rareCodePoints(classes, countsTsv);
        Random pick = new Random(seed);
        int added = 0;
        // one drawing (random font and weight) per character drawn: many characters rather than many fonts
        for (int tries = 0; !rareCodePoints.isEmpty() && added < target && tries < 4 * target; tries++) {
            var image = glyphs.renderOne(rareCodePoints.get(pick.nextInt(rareCodePoints.size())));
            if (image.isPresent()) {
                train.add(image.get(), classes.rareIndex(), true);
                added++;
            }
        }
        return String.format(Locale.ROOT, "synthetic rare: %d renderings of the corpus's %d ideographs outside the"
                + " named classes", added, rareCodePoints.size());
    }

    /**
     * The synthetic validation set: every named class drawn by the held-out font, each drawing distorted once
     * with a fixed seed (so the set is the same at every evaluation).
     */
    static SampleSet validation(ClassIndex classes, long seed) throws IOException {
        SampleSet val = new SampleSet("synthetic-val");
        SyntheticGlyphs glyphs = SyntheticGlyphs.validation(new Random(seed));
        Augmenter augmenter = new Augmenter(new Random(seed + 1));
        for (int c = 0; c < classes.rareIndex(); c++) {
            List<byte[]> images = glyphs.render(codePoint(classes.label(c)));
            for (int i = 0; i < images.size(); i += 3) { // one weight of three
                val.add(augmenter.apply(images.get(i), true, null), c, true);
            }
        }
        return val;
    }

    private static int addCopies(SampleSet train, List<byte[]> images, int label, int target) {
        if (images.isEmpty() || target <= 0) {
            return 0;
        }
        int n = 0;
        for (int i = 0; n < target; i = (i + 1) % images.size()) {
            train.add(images.get(i), label, true);
            n++;
        }
        return n;
    }

    /** Characters of the corpus outside the named classes (the CJK ideographs among them). */
    private static List<Integer> rareCodePoints(ClassIndex classes, Path countsTsv) throws IOException {
        List<Integer> out = new ArrayList<>();
        if (!Files.exists(countsTsv)) {
            return out;
        }
        for (String line : Files.readAllLines(countsTsv, StandardCharsets.UTF_8)) {
            String label = line.split("\t")[0].strip();
            if (label.startsWith("U+") && !classes.isNamed(label)) {
                int cp = codePoint(label);
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                    out.add(cp);
                }
            }
        }
        return out;
    }

    static int codePoint(String label) {
        return Integer.parseInt(label.substring(2), 16);
    }
}
