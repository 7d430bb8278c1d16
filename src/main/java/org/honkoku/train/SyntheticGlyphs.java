package org.honkoku.train;

import org.honkoku.OpenCvLoader;
import org.honkoku.classify.Preprocess;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Characters rendered from the brush and handwriting fonts of Debian's packages (DESIGN.md), framed by
 * {@link Preprocess#whiteOnBlack} like every other source. They matter most for the kana: Kuzushiji-Kanji
 * has none, Kuzushiji-MNIST only ten. Stroke weight is jittered (erode/dilate); the training loop's
 * augmentation adds rotation, scale and shift.
 */
final class SyntheticGlyphs {

    /** The fonts DESIGN.md names; a missing file is skipped. */
    static final List<Path> FONTS = List.of(
            Path.of("/usr/share/fonts/truetype/kouzan-mouhitsu/kouzan-mouhitsu.ttf"),
            Path.of("/usr/share/fonts/truetype/kouzan-mouhitsu/kouzan-mouhitsu-gyosho.ttf"),
            Path.of("/usr/share/fonts/truetype/kouzan-mouhitsu/KouzanBrushFontSousyo.ttf"),
            Path.of("/usr/share/fonts/truetype/aoyagi-soseki/aoyagi-soseki.ttf"),
            Path.of("/usr/share/fonts/truetype/aoyagi-kouzan-t/AoyagiKouzanT.ttf"));
    private static final int CANVAS = 96;

    private final List<Font> fonts;
    private final Random random;

    SyntheticGlyphs(List<Font> fonts, Random random) {
        this.fonts = fonts;
        this.random = random;
    }

    static SyntheticGlyphs standard(Random random) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Font> fonts = new ArrayList<>();
        for (Path p : FONTS) {
            if (Files.isRegularFile(p)) {
                try {
                    fonts.add(Font.createFont(Font.TRUETYPE_FONT, p.toFile()));
                } catch (FontFormatException e) {
                    throw new IOException("cannot read font " + p, e);
                }
            }
        }
        return new SyntheticGlyphs(fonts, random);
    }

    int fontCount() {
        return fonts.size();
    }

    /** {@code variants} renderings of a code point in every font that has it (none if no font has it). */
    List<byte[]> render(int codePoint, int variants) {
        OpenCvLoader.load();
        List<byte[]> out = new ArrayList<>();
        String text = new String(Character.toChars(codePoint));
        for (Font base : fonts) {
            if (!base.canDisplay(codePoint)) {
                continue;
            }
            for (int v = 0; v < variants; v++) {
                byte[] image = draw(base.deriveFont((float) (52 + random.nextInt(24))), text);
                if (image != null) {
                    out.add(image);
                }
            }
        }
        return out;
    }

    private byte[] draw(Font font, String text) {
        BufferedImage img = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        FontRenderContext frc = g.getFontRenderContext();
        GlyphVector gv = font.createGlyphVector(frc, text);
        java.awt.geom.Rectangle2D b = gv.getVisualBounds();
        if (b.getWidth() < 2 || b.getHeight() < 2) {
            g.dispose();
            return null; // the font maps the code point to an empty glyph
        }
        g.setColor(java.awt.Color.WHITE);
        g.drawGlyphVector(gv, (float) ((CANVAS - b.getWidth()) / 2 - b.getX()), (float) ((CANVAS - b.getHeight()) / 2 - b.getY()));
        g.dispose();
        Mat m = new Mat(CANVAS, CANVAS, CvType.CV_8UC1);
        m.put(0, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData());
        int weight = random.nextInt(4); // 0: thinner, 1: bolder, else as drawn
        if (weight < 2) {
            Mat k = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(3, 3));
            Mat t = new Mat();
            if (weight == 0) {
                Imgproc.erode(m, t, k);
            } else {
                Imgproc.dilate(m, t, k);
            }
            m = t;
        }
        return Preprocess.whiteOnBlack(m);
    }
}
