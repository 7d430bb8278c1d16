package org.honkoku.train;

import org.honkoku.classify.ClassIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the data options of {@code train} do to the training set, on a tiny data folder plus the real pages. */
class TrainingDataTest {

    private static final Path PAGES = Path.of("..", "shared", "data", "pages");

    private static TrainingData load(Path data, String... extra) throws Exception {
        return load(data, GlyphFonts.all(), extra);
    }

    /** As above, the notes reporting which of {@code fonts} are not installed. */
    private static TrainingData load(Path data, List<Path> fonts, String... extra) throws Exception {
        String[] args = new String[4 + extra.length];
        args[0] = "--out";
        args[1] = data.resolve("model").toString();
        args[2] = "--data";
        args[3] = data.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        TrainOptions options = TrainOptions.parse(args);
        ClassIndex classes = ClassIndex.fromCounts(data.resolve("stats/kaggle-train-char-counts.tsv"), 3);
        return TrainingData.load(options, classes, fonts);
    }

    /** A tiny data folder with the real labelled pages in it. */
    private static void withRealPages(Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(PAGES.resolve("truth.csv")), "../shared/data/pages missing");
        SyntheticData.write(dir, 20, 1);
        Files.createSymbolicLink(dir.resolve("pages"), PAGES.toAbsolutePath());
    }

    @Test
    void hardPagesDistortsThePageCropsOfTheTrainedBooksAndNothingElse(@TempDir Path dir) throws Exception {
        withRealPages(dir);

        TrainingData plain = load(dir, "--synthetic", "0");
        TrainingData hard = load(dir, "--synthetic", "0", "--hard-pages");

        assertThat(hard.train.size()).isEqualTo(plain.train.size());
        int pageSamples = 0;
        int kkanji = 0;
        for (int i = 0; i < hard.train.size(); i++) {
            assertThat(plain.train.distortHard(i)).isFalse();
            if (hard.train.distortHard(i)) {
                pageSamples++;
                assertThat(hard.train.isSynthetic(i)).isFalse(); // still counted as a real crop
            } else {
                kkanji++;
            }
        }
        // every page crop of the two trained books, PAGE_COPIES times; the held-out book only in validation
        assertThat(pageSamples).isGreaterThan(500 * TrainingData.PAGE_COPIES).isLessThan(1100 * TrainingData.PAGE_COPIES);
        assertThat(pageSamples % TrainingData.PAGE_COPIES).isZero();
        assertThat(kkanji).isPositive();
        assertThat(hard.bookVal.size()).isEqualTo(plain.bookVal.size()).isGreaterThan(100);
        assertThat(String.join("\n", hard.notes)).contains("distorted as hard as font renderings");
    }

    @Test
    void anyDevBookCanBeTheHeldOutOne(@TempDir Path dir) throws Exception {
        withRealPages(dir);

        TrainingData usual = load(dir, "--synthetic", "0");
        TrainingData brsk = load(dir, "--synthetic", "0", "--held-out-book", "brsk");

        assertThat(usual.bookVal.size()).isEqualTo(230); // every truth box of book 200003076
        assertThat(usual.bookVal.name()).isEqualTo("book-200003076");
        assertThat(brsk.bookVal.size()).isEqualTo(211); // every truth box of book brsk, and none of the others
        assertThat(brsk.bookVal.name()).isEqualTo("book-brsk");
        // what one holds out, the other trains on (PAGE_COPIES times)
        assertThat(brsk.train.size() - usual.train.size()).isEqualTo((230 - 211) * TrainingData.PAGE_COPIES);
        assertThat(String.join("\n", brsk.notes)).contains("held out").contains("book brsk");
    }

    @Test
    void theDataNotesNameTheFontsThatAreNotInstalledWhenFontsAreDrawn(@TempDir Path dir) throws Exception {
        SyntheticData.write(dir, 20, 1);
        Path installed = Files.createFile(dir.resolve("installed.ttf"));
        Path absent = dir.resolve("absent.ttf");

        TrainingData drawn = load(dir, List.of(installed, absent), "--synthetic", "2");
        TrainingData allThere = load(dir, List.of(installed), "--synthetic", "2");
        TrainingData none = load(dir, List.of(installed, absent), "--synthetic", "0");

        assertThat(drawn.notes.stream().filter(n -> n.startsWith("WARNING: ")).toList()).singleElement().asString()
                .contains("1 of the 2 fonts are not installed").contains("absent.ttf");
        assertThat(allThere.notes).noneMatch(n -> n.startsWith("WARNING: "));
        assertThat(none.notes).noneMatch(n -> n.startsWith("WARNING: "));
    }

    @Test
    void strokeVariantsAddDrawingsOfTheKanaClasses(@TempDir Path dir) throws Exception {
        assumeTrue(GlyphFonts.HANDWRITING.stream().allMatch(Files::isRegularFile), "fonts not installed");
        SyntheticData.write(dir, 20, 1);

        TrainingData plain = load(dir, "--synthetic", "40");
        TrainingData moved = load(dir, "--synthetic", "40", "--stroke-variants", "2");

        // the tiny folder's named classes are three kana: the base glyphs grow, the samples per epoch do not
        assertThat(baseGlyphs(moved)).isGreaterThan(2 * baseGlyphs(plain));
        assertThat(fontSamples(moved)).isEqualTo(fontSamples(plain)).isEqualTo(3 * 40);
        assertThat(String.join("\n", moved.notes)).contains("2 more drawings per handwriting font");
        assertThat(String.join("\n", plain.notes)).doesNotContain("more drawings per handwriting font");
    }

    @Test
    void theAuxiliarySetHoldsTheRareAndHentaiganaSourceCropsOfTrainingUnderTheirOwnClasses(@TempDir Path dir)
            throws Exception {
        // 400 crops, each image's first two pixels its index: あ, 阿 (a source kanji of あ), 一 and 二 (both rare) in turn
        String[] kinds = {SyntheticData.NAMED[0], "U+963F", "U+4E00", "U+4E8C"};
        int n = 400;
        SyntheticData.write(dir, 20, 1); // stats (three named classes)
        Path kkanji = dir.resolve("kkanji");
        StringBuilder labels = new StringBuilder();
        try (var out = new GZIPOutputStream(Files.newOutputStream(kkanji.resolve("images.u8.gz")))) {
            for (int i = 0; i < n; i++) {
                byte[] image = new byte[64 * 64];
                image[0] = (byte) (i & 0xFF);
                image[1] = (byte) (i >> 8);
                out.write(image);
                labels.append(kinds[i % 4]).append('\n');
            }
        }
        Files.writeString(kkanji.resolve("labels.txt"), labels);

        TrainingData data = load(dir, "--synthetic", "0", "--rare-share", "0.05");

        assertThat(data.kkanjiAuxClasses).containsExactly("U+963F", "U+4E00", "U+4E8C");
        Set<Integer> validation = new HashSet<>();
        for (int i = 0; i < data.kkanjiVal.size(); i++) {
            validation.add(index(data.kkanjiVal.image(i)));
        }
        Set<Integer> aux = new HashSet<>();
        for (int i = 0; i < data.kkanjiAux.size(); i++) {
            int index = index(data.kkanjiAux.image(i));
            assertThat(data.kkanjiAuxClasses.get(data.kkanjiAux.label(i))).isEqualTo(kinds[index % 4]);
            aux.add(index);
        }
        assertThat(validation).isNotEmpty();
        assertThat(aux).doesNotContainAnyElementsOf(validation);
        // every training crop of 阿, 一 and 二, however few of the rare ones train drew (rare share 5%)
        long auxInValidation = validation.stream().filter(i -> i % 4 != 0).count();
        assertThat(aux).hasSize(3 * n / 4 - (int) auxInValidation);
        assertThat(data.train.count(ClassIndex.fromCounts(dir.resolve("stats/kaggle-train-char-counts.tsv"), 3)
                .rareIndex())).isLessThan(aux.size() / 2);
    }

    /** A crop's index in the folder above: its first two pixels. */
    private static int index(byte[] image) {
        return (image[0] & 0xFF) | (image[1] & 0xFF) << 8;
    }

    private static int fontSamples(TrainingData data) {
        int n = 0;
        for (int i = 0; i < data.train.size(); i++) {
            n += data.train.isSynthetic(i) ? 1 : 0;
        }
        return n;
    }

    private static int baseGlyphs(TrainingData data) {
        String note = data.notes.stream().filter(n -> n.startsWith("synthetic: ")).findFirst().orElseThrow();
        return Integer.parseInt(note.substring("synthetic: ".length()).split(" ")[0]);
    }
}
