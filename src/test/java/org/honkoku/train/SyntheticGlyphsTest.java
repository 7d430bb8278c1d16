package org.honkoku.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Needs the Debian fonts that .ci/run installs; skipped (not passed) on a machine without them. */
class SyntheticGlyphsTest {

    @BeforeAll
    static void fontsInstalled() {
        assumeTrue(GlyphFonts.HANDWRITING.stream().allMatch(Files::isRegularFile)
                        && GlyphFonts.HENTAIGANA.stream().allMatch(Files::isRegularFile),
                "fonts not installed: see GlyphFonts (.ci/run installs them)");
    }

    @Test
    void everyHandwritingFontDrawsKanaAndNoneDrawsAnUnassignedCodePoint() throws Exception {
        List<Font> fonts = GlyphFonts.load(GlyphFonts.HANDWRITING);
        assertThat(fonts).hasSize(GlyphFonts.HANDWRITING.size());
        for (Font f : fonts) {
            assertThat(GlyphFonts.draws(f, 'の')).as(f.getFontName()).isTrue();
            assertThat(GlyphFonts.draws(f, 0x0378)).as(f.getFontName()).isFalse();
        }
    }

    @Test
    void aFontWithoutTheHentaiganaBlockDoesNotDrawIt() throws Exception {
        Font brush = GlyphFonts.load(List.of(GlyphFonts.HANDWRITING.get(0))).get(0);
        Font mincho = GlyphFonts.load(List.of(GlyphFonts.HENTAIGANA.get(0))).get(0);
        assertThat(GlyphFonts.draws(brush, 0x1B002)).isFalse();
        assertThat(GlyphFonts.draws(mincho, 0x1B002)).isTrue();
    }

    @Test
    void aKanaClassGetsItsFontsAndItsHentaiganaInThreeWeights() throws Exception {
        SyntheticGlyphs glyphs = SyntheticGlyphs.standard(new Random(1), 0);
        List<byte[]> ni = glyphs.render('に');
        int hentaigana = Hentaigana.variantsOf('に').size();
        // every handwriting and print font installed draws に; the two Mincho fonts draw each of its hentaigana;
        // 3 weights each (a hairline drawing may erode away in the thin weight)
        int fonts = GlyphFonts.HANDWRITING.size() + (int) GlyphFonts.PRINT.stream().filter(Files::isRegularFile).count();
        int expected = 3 * (fonts + 2 * hentaigana);
        assertThat(hentaigana).isGreaterThanOrEqualTo(5);
        assertThat(ni.size()).isBetween(expected - fonts, expected);
        for (byte[] image : ni) {
            assertThat(image).hasSize(64 * 64);
            assertThat(inkPixels(image)).isBetween(60, 64 * 64 / 2); // a character, not a blank or a filled box
        }
    }

    @Test
    void strokeVariantsAddKanaDrawingsWithTheStrokesMovedButNotKanji() throws Exception {
        List<byte[]> plain = SyntheticGlyphs.standard(new Random(3), 0).render('て');
        List<byte[]> moved = SyntheticGlyphs.standard(new Random(3), 2).render('て');
        int hentaiganaDrawings = 3 * 2 * Hentaigana.variantsOf('て').size();
        int fontDrawings = plain.size() - hentaiganaDrawings;
        assertThat(fontDrawings).isGreaterThan(0);
        // each handwriting drawing is followed by its 2 moved copies; the hentaigana are drawn as before
        assertThat(moved).hasSize(3 * fontDrawings + hentaiganaDrawings);
        int differing = 0;
        for (int i = 0; i < fontDrawings; i++) {
            byte[] asDesigned = moved.get(3 * i);
            for (int v = 1; v <= 2; v++) {
                byte[] copy = moved.get(3 * i + v);
                assertThat(inkPixels(copy)).as("drawing %d, copy %d", i, v).isGreaterThan(inkPixels(asDesigned) / 3);
                differing += differentPixels(asDesigned, copy) > 10 ? 1 : 0;
            }
        }
        // a glyph drawn as one contour only turns a little (the framing undoes size and place): most copies differ
        assertThat(differing).isGreaterThan(fontDrawings);
        assertThat(SyntheticGlyphs.standard(new Random(3), 2).render('候'))
                .hasSameSizeAs(SyntheticGlyphs.standard(new Random(3), 0).render('候'));
    }

    @Test
    void theExtraDrawingsAreTheOnesWhoseStrokesAreMoved() throws Exception {
        // the same seed for the drawings (font, slant, weight); only how far the strokes may move differs
        List<Font> fonts = GlyphFonts.load(GlyphFonts.HANDWRITING);
        List<byte[]> still = new SyntheticGlyphs(fonts, List.of(), new Random(4), 2,
                new StrokeJitter(new Random(5), 0, 0, 0)).render('か');
        List<byte[]> moved = new SyntheticGlyphs(fonts, List.of(), new Random(4), 2,
                StrokeJitter.standard(new Random(5))).render('か');
        assertThat(moved).hasSameSizeAs(still).hasSizeGreaterThan(3 * 3);
        int changedCopies = 0;
        for (int i = 0; i < moved.size(); i++) {
            if (i % 3 == 0) {
                assertThat(moved.get(i)).as("drawing %d, as designed", i).isEqualTo(still.get(i));
            } else {
                changedCopies += differentPixels(moved.get(i), still.get(i)) > 10 ? 1 : 0;
            }
        }
        assertThat(changedCopies).isGreaterThan(moved.size() * 2 / 3 / 2); // most of the copies
    }

    @Test
    void rareCharactersAreDrawnOneAtATime() throws Exception {
        SyntheticGlyphs glyphs = SyntheticGlyphs.standard(new Random(2), 2);
        assertThat(glyphs.renderOne('鬱')).isPresent();
        assertThat(glyphs.renderOne(0x0378)).isEmpty();
    }

    private static int differentPixels(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)) > 128 ? 1 : 0;
        }
        return n;
    }

    static int inkPixels(byte[] image) {
        int n = 0;
        for (byte b : image) {
            n += (b & 0xFF) > 128 ? 1 : 0;
        }
        return n;
    }
}
