package org.honkoku.train;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Debian fonts that synthetic training glyphs are drawn from, and the test of whether a font really draws
 * a code point. Many fonts claim a code point and draw nothing, or draw the missing-glyph box: both are
 * caught by comparing the glyph with the font's {@code .notdef} glyph and with the glyph of an unassigned
 * code point. Install them with {@code apt-get install} and {@link #DEBIAN_PACKAGES}; a font that is not installed is
 * skipped, and training says so ({@link #missingWarning}). Brush fonts of npm packages come from {@link FontPackages}.
 */
final class GlyphFonts {

    private static final Path ROOT = Path.of("/usr/share/fonts/truetype");

    /** Brush and handwriting fonts: their kana and kanji are used. */
    static final List<Path> HANDWRITING = List.of(
            ROOT.resolve("kouzan-mouhitsu/KouzanBrushFontSousyo.ttf"),
            ROOT.resolve("kouzan-mouhitsu/kouzan-mouhitsu-gyosho.ttf"),
            ROOT.resolve("kouzan-mouhitsu/kouzan-mouhitsu.ttf"),
            ROOT.resolve("aoyagi-soseki/aoyagi-soseki.ttf"),
            ROOT.resolve("aoyagi-kouzan-t/AoyagiKouzanT.ttf"),
            ROOT.resolve("seto/setofont.ttf"),
            ROOT.resolve("kiloji/kiloji.ttf"),
            ROOT.resolve("kiloji/kiloji_d.ttf"),
            ROOT.resolve("yozvox-yozfont/YOzRA_.ttf"),
            ROOT.resolve("yozvox-yozfont/YOzBA_.ttf"));
    /**
     * Woodblock-print-like Mincho fonts (many archival books are prints, not manuscripts): {@code apt-get install
     * fonts-dejima-mincho fonts-oradano-mincho-gsrr}; drawn like the handwriting fonts.
     */
    static final List<Path> PRINT = List.of(
            ROOT.resolve("dejima-mincho/dejima-mincho-r227.ttf"),
            ROOT.resolve("oradano-mincho/OradanoGSRR.ttf"));
    /** Never trained on (nor its sister weight): its renderings are the synthetic validation set. */
    static final Path VALIDATION = ROOT.resolve("klee/KleeOne-SemiBold.ttf");
    /** Mincho fonts with the hentaigana block: only their hentaigana are used (their kana are print forms). */
    static final List<Path> HENTAIGANA = List.of(
            ROOT.resolve("ipamj/ipamjm.ttf"),
            ROOT.resolve("hanazono/HanaMinA.ttf"));

    /** The Debian packages of all the fonts above. */
    static final String DEBIAN_PACKAGES = "fonts-kouzan-mouhitsu fonts-aoyagi-soseki fonts-aoyagi-kouzan-t fonts-seto"
            + " fonts-kiloji fonts-klee fonts-yozvox-yozfont-antique fonts-ipamj-mincho fonts-hanazono fonts-dejima-mincho"
            + " fonts-oradano-mincho-gsrr";

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    /** U+0378 is unassigned: whatever a font draws for it is its missing-glyph picture. */
    private static final int UNASSIGNED = 0x0378;

    private GlyphFonts() {
    }

    /** The fonts of {@code paths} that are installed, loaded at size 1 (derive sizes from them). */
    static List<Font> load(List<Path> paths) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Font> fonts = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                try {
                    fonts.add(Font.createFont(Font.TRUETYPE_FONT, p.toFile()));
                } catch (FontFormatException e) {
                    throw new IOException("cannot read font " + p, e);
                }
            }
        }
        return fonts;
    }

    /** Every font file the synthetic glyphs are drawn from, and the validation font. */
    static List<Path> all() {
        List<Path> all = new ArrayList<>(HANDWRITING);
        all.addAll(PRINT);
        all.addAll(HENTAIGANA);
        all.add(VALIDATION);
        return all;
    }

    /** The fonts of {@code paths} that are not installed, in order. */
    static List<Path> missing(List<Path> paths) {
        return paths.stream().filter(p -> !Files.isRegularFile(p)).toList();
    }

    /**
     * A warning for training data drawn without some of {@code fonts}: a font that is not installed is skipped, so a
     * machine without them trains on fewer font renderings than the shipped model did (and, without the validation
     * font, chooses its checkpoints without the synthetic validation set). Empty when none is missing.
     */
    static String missingWarning(List<Path> fonts) {
        List<Path> missing = missing(fonts);
        if (missing.isEmpty()) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "WARNING: %d of the %d fonts are not installed, so the synthetic"
                        + " glyphs are drawn without them: %s (apt-get install %s)", missing.size(), fonts.size(),
                String.join(", ", missing.stream().map(p -> p.getFileName().toString()).toList()), DEBIAN_PACKAGES);
    }

    /** True when {@code font} has a real, visible glyph of its own for {@code codePoint}. */
    static boolean draws(Font font, int codePoint) {
        if (!font.canDisplay(codePoint)) {
            return false;
        }
        Font sized = font.deriveFont(64f);
        GlyphVector gv = sized.createGlyphVector(FRC, new String(Character.toChars(codePoint)));
        // a supplementary code point (the hentaigana) comes out as its glyph and an invisible one for the low surrogate
        if (gv.getNumGlyphs() < 1 || gv.getGlyphCode(0) == sized.getMissingGlyphCode()) {
            return false;
        }
        Rectangle2D b = gv.getVisualBounds();
        if (b.getWidth() < 2 || b.getHeight() < 2) {
            return false; // an empty glyph
        }
        GlyphVector missing = sized.createGlyphVector(FRC, new String(Character.toChars(UNASSIGNED)));
        return !gv.getGlyphOutline(0).getBounds2D().equals(missing.getGlyphOutline(0).getBounds2D())
                || missing.getVisualBounds().isEmpty();
    }
}
