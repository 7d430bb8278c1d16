package org.honkoku.train;

import org.junit.jupiter.api.Test;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StrokeJitterTest {

    /** Two strokes side by side, and a ring (an outer contour with a hole) below them. */
    private static Path2D glyph() {
        Path2D p = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        p.append(new Rectangle2D.Double(10, 10, 10, 40), false);
        p.append(new Rectangle2D.Double(40, 10, 10, 40), false);
        p.append(new Ellipse2D.Double(10, 60, 40, 40), false);
        p.append(new Ellipse2D.Double(20, 70, 20, 20), false);
        return p;
    }

    @Test
    void splitsAnOutlineIntoItsContoursAndAHoleBelongsToTheContourAroundIt() {
        List<Path2D> contours = StrokeJitter.contours(glyph());
        assertThat(contours).hasSize(4);
        assertThat(StrokeJitter.owners(contours.stream().map(Path2D::getBounds2D).toList())).containsExactly(0, 1, 2, 2);
    }

    @Test
    void movesEachStrokeItsOwnWayAndAHoleWithItsStroke() {
        Shape moved = new StrokeJitter(new Random(7), 8, 0.08, 0.04).apply(glyph());
        List<Path2D> before = StrokeJitter.contours(glyph());
        List<Path2D> after = StrokeJitter.contours(moved);
        assertThat(after).hasSize(4);
        double[] shifts = new double[4];
        for (int i = 0; i < 4; i++) {
            Rectangle2D a = before.get(i).getBounds2D();
            Rectangle2D b = after.get(i).getBounds2D();
            shifts[i] = Math.hypot(b.getCenterX() - a.getCenterX(), b.getCenterY() - a.getCenterY());
            // at most 4% of the glyph's side (90) away, plus what rotation and scale add
            assertThat(shifts[i]).isLessThan(0.04 * 90 * Math.sqrt(2) + 1e-9);
        }
        assertThat(shifts[0]).isNotCloseTo(shifts[1], org.assertj.core.data.Offset.offset(1e-3));
        // the hole stays inside its ring, centred as before relative to it
        Rectangle2D ring = after.get(2).getBounds2D();
        Rectangle2D hole = after.get(3).getBounds2D();
        assertThat(ring.contains(hole)).isTrue();
        assertThat(hole.getCenterX()).isCloseTo(ring.getCenterX(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(hole.getCenterY()).isCloseTo(ring.getCenterY(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(moved.getPathIterator(null).getWindingRule()).isEqualTo(Path2D.WIND_EVEN_ODD);
    }

    @Test
    void noJitterLeavesTheOutlineAsItWas() {
        Shape same = new StrokeJitter(new Random(7), 0, 0, 0).apply(glyph());
        List<Path2D> before = StrokeJitter.contours(glyph());
        List<Path2D> after = StrokeJitter.contours(same);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).getBounds2D()).isEqualTo(before.get(i).getBounds2D());
        }
    }
}
