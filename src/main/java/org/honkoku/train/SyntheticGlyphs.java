package org.honkoku.train;

import org.honkoku.OpenCvLoader;
import org.honkoku.classify.Preprocess;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Characters drawn from the brush and handwriting fonts of Debian's packages (see {@link GlyphFonts}), framed
 * by {@link Preprocess#whiteOnBlack} like every other source: the base shapes that the training loop's
 * {@link Augmenter} distorts anew every epoch. They matter most for the kana, which have almost no real
 * crops: a kana class also gets the hentaigana read as it (see {@link Hentaigana}). Each glyph is drawn in
 * three stroke weights (eroded, as designed, dilated at twice the input resolution) with a random slant; a kana
 * drawn by a handwriting font can also be drawn with its strokes moved apart ({@link StrokeJitter}).
 */
final class SyntheticGlyphs {

    private static final int CANVAS = 160;
    private static final int WEIGHTS = 3;

    private final List<Font> handwriting;
    private final List<Font> hentaigana;
    private final Random random;
    private final int strokeVariants;
    private final StrokeJitter jitter;

    /** @param strokeVariants extra drawings of a kana per handwriting font and weight, with its strokes moved */
    SyntheticGlyphs(List<Font> handwriting, List<Font> hentaigana, Random random, int strokeVariants) {
        this(handwriting, hentaigana, random, strokeVariants, StrokeJitter.standard(random));
    }

    /** @param jitter how the strokes of the extra drawings are moved */
    SyntheticGlyphs(List<Font> handwriting, List<Font> hentaigana, Random random, int strokeVariants,
                    StrokeJitter jitter) {
        this.handwriting = handwriting;
        this.hentaigana = hentaigana;
        this.random = random;
        this.strokeVariants = strokeVariants;
        this.jitter = jitter;
    }

    static SyntheticGlyphs standard(Random random, int strokeVariants) throws IOException {
        return standard(random, strokeVariants, List.of());
    }

    /** @param more fonts drawn like the handwriting ones (the npm packages' brush fonts, {@link FontPackages}) */
    static SyntheticGlyphs standard(Random random, int strokeVariants, List<Font> more) throws IOException {
        List<Font> handwriting = new ArrayList<>(GlyphFonts.load(GlyphFonts.HANDWRITING));
        handwriting.addAll(GlyphFonts.load(GlyphFonts.PRINT));
        handwriting.addAll(more);
        return new SyntheticGlyphs(handwriting, GlyphFonts.load(GlyphFonts.HENTAIGANA), random, strokeVariants);
    }

    /** The held-out font only, for the synthetic validation set. */
    static SyntheticGlyphs validation(Random random) throws IOException {
        return new SyntheticGlyphs(GlyphFonts.load(List.of(GlyphFonts.VALIDATION)), List.of(), random, 0);
    }

    /** The fonts whose own drawings are used (handwriting, print, npm brush fonts), not the hentaigana Mincho ones. */
    int drawingFontCount() {
        return handwriting.size();
    }

    int fontCount() {
        return handwriting.size() + hentaigana.size();
    }

    /**
     * Base glyphs of a class: every font that draws the code point, plus its hentaigana; 3 weights each, and for
     * a kana {@code strokeVariants} more per handwriting font and weight with the strokes moved.
     */
    List<byte[]> render(int codePoint) {
        OpenCvLoader.load();
        List<byte[]> out = new ArrayList<>();
        int moved = SyntheticSamples.isKana(codePoint) ? strokeVariants : 0;
        for (Font font : handwriting) {
            addWeights(font, codePoint, moved, out);
        }
        for (int variant : Hentaigana.variantsOf(codePoint)) {
            for (Font font : hentaigana) {
                addWeights(font, variant, 0, out);
            }
        }
        return out;
    }

    /** One drawing of a code point in a random handwriting font that draws it, random weight. */
    Optional<byte[]> renderOne(int codePoint) {
        OpenCvLoader.load();
        List<Font> drawing = handwriting.stream().filter(f -> GlyphFonts.draws(f, codePoint)).toList();
        if (drawing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(draw(drawing.get(random.nextInt(drawing.size())), codePoint, random.nextInt(3) - 1,
                false));
    }

    private void addWeights(Font font, int codePoint, int moved, List<byte[]> out) {
        if (!GlyphFonts.draws(font, codePoint)) {
            return;
        }
        for (int w = 0; w < WEIGHTS; w++) {
            for (int v = 0; v <= moved; v++) {
                byte[] image = draw(font, codePoint, w - 1, v > 0);
                if (image != null) {
                    out.add(image);
                }
            }
        }
    }

    /**
     * @param weight      -1 thinner, 0 as designed, 1 bolder
     * @param moveStrokes each stroke moved its own way ({@link StrokeJitter})
     */
    private byte[] draw(Font font, int codePoint, int weight, boolean moveStrokes) {
        BufferedImage img = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        double shear = (random.nextDouble() - 0.5) * 0.3;
        Font sized = font.deriveFont(AffineTransform.getShearInstance(shear, 0)).deriveFont(110f);
        GlyphVector gv = sized.createGlyphVector(g.getFontRenderContext(), new String(Character.toChars(codePoint)));
        Rectangle2D b = gv.getVisualBounds();
        if (b.getWidth() < 2 || b.getHeight() < 2) {
            g.dispose();
            return null;
        }
        g.setColor(Color.WHITE);
        float x = (float) ((CANVAS - b.getWidth()) / 2 - b.getX());
        float y = (float) ((CANVAS - b.getHeight()) / 2 - b.getY());
        if (moveStrokes) {
            g.fill(jitter.apply(gv.getGlyphOutline(0, x, y)));
        } else {
            g.drawGlyphVector(gv, x, y);
        }
        g.dispose();
        Mat m = new Mat(CANVAS, CANVAS, CvType.CV_8UC1);
        m.put(0, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData());
        if (weight != 0) {
            int k = 3 + 2 * random.nextInt(2);
            Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(k, k));
            Mat t = new Mat();
            if (weight < 0) {
                Imgproc.erode(m, t, kernel);
            } else {
                Imgproc.dilate(m, t, kernel);
            }
            if (Core.countNonZero(t) < 20) {
                return null; // eroded away: a hairline glyph
            }
            m = t;
        }
        return Preprocess.whiteOnBlack(m);
    }
}
