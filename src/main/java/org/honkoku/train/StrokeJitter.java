package org.honkoku.train;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Moves the strokes of a glyph outline a little, each its own way: a writer never places the strokes of a
 * character twice alike, and a font draws them always alike, while the {@link Augmenter}'s distortions move the
 * whole character at once. A glyph outline is a list of closed contours; brush fonts draw most strokes as contours
 * of their own. Each contour is rotated, scaled and shifted about its own centre; a contour inside another's
 * bounds (the hole of a loop, a stroke drawn within another) moves with the one around it, so holes stay where
 * their strokes are.
 */
final class StrokeJitter {

    private final Random random;
    private final double maxDegrees;
    private final double maxScale;
    private final double maxShift;

    /**
     * @param maxDegrees largest rotation of a stroke
     * @param maxScale   largest relative change of a stroke's size (0.1: ±10%)
     * @param maxShift   largest shift of a stroke, as a share of the glyph's larger side
     */
    StrokeJitter(Random random, double maxDegrees, double maxScale, double maxShift) {
        this.random = random;
        this.maxDegrees = maxDegrees;
        this.maxScale = maxScale;
        this.maxShift = maxShift;
    }

    private static final double STANDARD_DEGREES = 10;
    private static final double STANDARD_SCALE = 0.10;
    private static final double STANDARD_SHIFT = 0.06;

    /** The jitter used for synthetic kana: up to 10°, ±10% and 6% of the glyph. */
    static StrokeJitter standard(Random random) {
        return new StrokeJitter(random, STANDARD_DEGREES, STANDARD_SCALE, STANDARD_SHIFT);
    }

    /** {@link #standard}'s limits in words, for MODEL.md. */
    static String describeStandard() {
        return String.format(Locale.ROOT, "up to %.0f degrees, %.0f%% size, %.0f%% shift", STANDARD_DEGREES,
                STANDARD_SCALE * 100, STANDARD_SHIFT * 100);
    }

    /** {@code outline} with each group of contours (an outer contour and those inside it) moved its own way. */
    Shape apply(Shape outline) {
        List<Path2D> contours = contours(outline);
        List<Rectangle2D> bounds = contours.stream().map(Path2D::getBounds2D).toList();
        Rectangle2D all = outline.getBounds2D();
        double side = Math.max(all.getWidth(), all.getHeight());
        int[] owner = owners(bounds);
        AffineTransform[] moves = new AffineTransform[contours.size()];
        for (int i = 0; i < contours.size(); i++) {
            if (owner[i] == i) {
                moves[i] = move(bounds.get(i), side);
            }
        }
        Path2D out = new Path2D.Double(windingRule(outline));
        for (int i = 0; i < contours.size(); i++) {
            out.append(contours.get(i).createTransformedShape(moves[owner[i]]), false);
        }
        return out;
    }

    private AffineTransform move(Rectangle2D bounds, double side) {
        double cx = bounds.getCenterX();
        double cy = bounds.getCenterY();
        double scale = 1 + (2 * random.nextDouble() - 1) * maxScale;
        AffineTransform t = new AffineTransform();
        t.translate(cx + (2 * random.nextDouble() - 1) * maxShift * side,
                cy + (2 * random.nextDouble() - 1) * maxShift * side);
        t.rotate(Math.toRadians((2 * random.nextDouble() - 1) * maxDegrees));
        t.scale(scale, scale);
        t.translate(-cx, -cy);
        return t;
    }

    /** For each contour (by its bounds), the outermost contour whose bounds hold it (itself when none does). */
    static int[] owners(List<Rectangle2D> bounds) {
        int[] owner = new int[bounds.size()];
        for (int i = 0; i < bounds.size(); i++) {
            Rectangle2D bi = bounds.get(i);
            owner[i] = i;
            double largest = bi.getWidth() * bi.getHeight();
            for (int j = 0; j < bounds.size(); j++) {
                Rectangle2D bj = bounds.get(j);
                double area = bj.getWidth() * bj.getHeight();
                if (j != i && area > largest && bj.contains(bi)) {
                    owner[i] = j;
                    largest = area;
                }
            }
        }
        return owner;
    }

    /** The closed contours of an outline, in order. */
    static List<Path2D> contours(Shape outline) {
        List<Path2D> out = new ArrayList<>();
        Path2D current = null;
        double[] c = new double[6];
        for (PathIterator it = outline.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            switch (type) {
                case PathIterator.SEG_MOVETO -> {
                    current = new Path2D.Double();
                    current.moveTo(c[0], c[1]);
                    out.add(current);
                }
                case PathIterator.SEG_LINETO -> current.lineTo(c[0], c[1]);
                case PathIterator.SEG_QUADTO -> current.quadTo(c[0], c[1], c[2], c[3]);
                case PathIterator.SEG_CUBICTO -> current.curveTo(c[0], c[1], c[2], c[3], c[4], c[5]);
                case PathIterator.SEG_CLOSE -> current.closePath();
                default -> throw new IllegalStateException("unknown path segment " + type);
            }
        }
        return out;
    }

    private static int windingRule(Shape outline) {
        return outline.getPathIterator(null).getWindingRule();
    }
}
