package org.honkoku.train;

import org.honkoku.classify.ClassIndex;
import org.honkoku.classify.Preprocess;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train --export-set DIR}: the training and validation sets exactly as {@code train} assembles them, before
 * augmentation, written compactly for a trainer on another machine ({@code scripts/gpu_train.py}, which applies its
 * own augmentation on the accelerator). Every page crop of the four dev books goes to {@code pages.set} with its
 * book in {@code pages.books.txt}, so that the trainer holds out whichever book it is told to. {@code train.aux}
 * gives each Kuzushiji-Kanji crop of the training set that the outputs lump with others its own class ({@link #AUX}).
 *
 * <p>A {@code .set} file, big-endian: int32 magic {@code HKS2}, int32 n, int32 side (64), int32 bits per pixel of
 * real crops (3) and of font renderings (2); n int16 class indices; n uint8 flags (1: a font rendering, 2: distorted
 * hard); n uint16 copies per epoch (a training set's repeated samples are stored once); then the n images, one byte
 * per pixel holding its level {@code round(v * (2^bits - 1) / 255)}. The file is meant to be compressed with
 * {@code xz} before it travels (the levels compress to about 270 bytes per real crop and 200 per rendering, so the
 * sets fit the 64 MiB a device call carries, repository included); eight grey levels are plenty for inputs the
 * trainer warps, blurs and re-tones anyway, and font renderings are nearly two-tone.
 */
final class TrainingExport {

    static final int MAGIC = 0x484B5332;
    /** The export's own command line, beside the sets: the GPU trainer copies it into its run's record. */
    static final String COMMAND = "command.txt";
    /**
     * The auxiliary target of {@code train.set} ({@link TrainingData#kkanjiAux}): big-endian int32 n, then for each of
     * its n stored samples, in order, an int16 index into {@link #AUX_CLASSES} (one {@code U+XXXX} per line), or -1
     * for a sample that is not such a Kuzushiji-Kanji crop. The crops themselves are those of {@code train.set}: the
     * rare crops that {@code train} draws and the hentaigana source crops (a set of every rare crop would not fit a
     * device call beside the others).
     */
    static final String AUX = "train.aux";
    static final String AUX_CLASSES = "train.aux.labels.txt";
    static final int REAL_BITS = 3;
    static final int FONT_BITS = 2;

    private TrainingExport() {
    }

    /**
     * Writes every set of {@code data} (loaded with {@link TrainingData#ALL_BOOKS} held out) and the class list.
     *
     * @param cap at most this many real crops of a named class in the training set (a random choice of them), so
     *            that the sets fit a device call: Kuzushiji-Kanji's most frequent kanji have up to thousands, and
     *            Kuzushiji-MNIST's ten kana about 900 each, which it cuts down as well; 0 for no cap
     */
    static List<String> write(TrainingData data, ClassIndex classes, Path dir, int cap, long seed) throws IOException {
        Files.createDirectories(dir);
        classes.write(dir.resolve("labels.tsv"));
        List<String> written = new ArrayList<>();
        SampleSet train = capped(data.train, classes, cap, seed);
        Stored stored = stored(train);
        written.add(write(train, stored, dir.resolve("train.set")));
        written.add(writeAux(train, stored.unique(), data.kkanjiAux, dir.resolve(AUX)));
        Files.write(dir.resolve(AUX_CLASSES), data.kkanjiAuxClasses, StandardCharsets.UTF_8);
        for (SampleSet set : List.of(data.kkanjiVal, data.kmnistVal, data.k49, data.syntheticVal)) {
            written.add(write(set, dir.resolve(set.name() + ".set")));
        }
        written.add(write(data.bookVal, dir.resolve("pages.set")));
        Files.write(dir.resolve("pages.books.txt"), data.bookValBooks, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("cap.txt"), (cap > 0 ? "at most " + cap + " real crops per named class"
                : "every real crop") + "\n", StandardCharsets.UTF_8);
        return written;
    }

    /** {@code train} with at most {@code cap} real crops per named class, chosen at random; {@code rare} kept whole. */
    static SampleSet capped(SampleSet train, ClassIndex classes, int cap, long seed) {
        if (cap <= 0) {
            return train;
        }
        int[] order = Trainer.permutation(train.size(), new java.util.Random(seed));
        boolean[] keep = new boolean[train.size()];
        int[] taken = new int[classes.size()];
        for (int i : order) {
            int label = train.label(i);
            keep[i] = train.isSynthetic(i) || label == classes.rareIndex() || taken[label]++ < cap;
        }
        SampleSet out = new SampleSet(train.name());
        for (int i = 0; i < train.size(); i++) {
            if (keep[i]) {
                out.addLike(train, i);
            }
        }
        return out;
    }

    /** One set, its repeated samples (the same image, label and flags) stored once with their count. */
    static String write(SampleSet set, Path file) throws IOException {
        return write(set, stored(set), file);
    }

    private static String write(SampleSet set, Stored stored, Path file) throws IOException {
        List<Integer> unique = stored.unique();
        List<Integer> copies = stored.copies();
        int n = unique.size();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(n);
            out.writeInt(Preprocess.SIZE);
            out.writeInt(REAL_BITS);
            out.writeInt(FONT_BITS);
            for (int s : unique) {
                out.writeShort(set.label(s));
            }
            for (int s : unique) {
                out.writeByte(flags(set, s));
            }
            for (int c : copies) {
                out.writeShort(Math.min(c, 0xFFFF));
            }
            byte[] levels = new byte[Preprocess.PIXELS];
            for (int s : unique) {
                int max = (1 << (set.isSynthetic(s) ? FONT_BITS : REAL_BITS)) - 1;
                byte[] image = set.image(s);
                for (int p = 0; p < levels.length; p++) {
                    levels[p] = (byte) level(image[p], max);
                }
                out.write(levels);
            }
        }
        return String.format(Locale.ROOT, "%s: %d samples (%d stored), %.1f MB", file.getFileName(), set.size(), n,
                Files.size(file) / 1e6);
    }

    /**
     * {@link #AUX} for {@code train}'s stored samples {@code unique}: each one's label in {@code aux}, found by its
     * image (the same array: a Kuzushiji-Kanji crop is read once and shared by both sets), or -1.
     */
    private static String writeAux(SampleSet train, List<Integer> unique, SampleSet aux, Path file) throws IOException {
        Map<byte[], Integer> auxLabel = new IdentityHashMap<>();
        for (int i = 0; i < aux.size(); i++) {
            auxLabel.put(aux.image(i), aux.label(i));
        }
        int labelled = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(unique.size());
            for (int s : unique) {
                int label = auxLabel.getOrDefault(train.image(s), -1);
                labelled += label >= 0 ? 1 : 0;
                out.writeShort(label);
            }
        }
        return String.format(Locale.ROOT, "%s: %d of %d stored samples with a class of their own", file.getFileName(),
                labelled, unique.size());
    }

    /** The samples of a set stored (the first of each repeated one, in order) and each one's count. */
    private record Stored(List<Integer> unique, List<Integer> copies) {
    }

    private static Stored stored(SampleSet set) {
        Map<byte[], List<Integer>> firstOf = new IdentityHashMap<>();
        List<Integer> unique = new ArrayList<>();
        List<Integer> copies = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            List<Integer> seen = firstOf.computeIfAbsent(set.image(i), k -> new ArrayList<>());
            Integer match = null;
            for (int u : seen) {
                if (set.label(unique.get(u)) == set.label(i) && flags(set, unique.get(u)) == flags(set, i)) {
                    match = u;
                    break;
                }
            }
            if (match == null) {
                seen.add(unique.size());
                unique.add(i);
                copies.add(1);
            } else {
                copies.set(match, copies.get(match) + 1);
            }
        }
        return new Stored(unique, copies);
    }

    private static int flags(SampleSet set, int i) {
        return (set.isSynthetic(i) ? 1 : 0) | (set.distortHard(i) ? 2 : 0);
    }

    /** The nearest of {@code max + 1} levels evenly spaced over 0..255. */
    static int level(byte pixel, int max) {
        return ((pixel & 0xFF) * max + 127) / 255;
    }
}
