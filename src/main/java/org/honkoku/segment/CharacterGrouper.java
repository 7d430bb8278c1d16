package org.honkoku.segment;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Rect;

/**
 * Groups the pieces of one column, top to bottom, into characters by dynamic programming. A character is
 * expected to be about as tall as the text is wide: a group much shorter is probably part of a character
 * (a separate stroke, a dot, the halves of 二), a group much taller is probably two. Blank rows inside a
 * group cost extra, because characters are written with more space between them than inside them.
 */
final class CharacterGrouper {

    /** Groups shorter than this share of the character size look like fragments. */
    private static final double FRAGMENT = 0.45;
    private static final double FRAGMENT_COST = 4.0;
    /** Groups taller than this share of the character size look like two characters. */
    private static final double TALL = 1.2;
    private static final double TALL_COST = 6.0;
    /** Cost of one character size of blank rows inside a group. */
    private static final double GAP_COST = 5.0;
    /** A group much wider than tall is the top or bottom of a character (若, 思), rarely all of one (一). */
    private static final double FLAT = 0.5;
    private static final double FLAT_COST = 4.0;
    /** Joining across any boundary costs this much more, even across a cut through a cursive link. */
    private static final double BOUNDARY = 0.2;
    /** No group spans more than this many pieces, which keeps the search linear in practice. */
    static final int MAX_PIECES = 8;
    /** Only groups up to this tall (in character sizes) are shown to the recogniser; taller ones cost the most. */
    static final double READ_UP_TO = 1.7;

    /** The recogniser's extra cost of pieces {@code [i, j)} being one character (0 for a sure read). */
    interface Recognition {
        double cost(int i, int j);
    }

    private CharacterGrouper() {
    }

    /**
     * @param pieces      boxes sorted by their top edge, not overlapping in rows
     * @param recognition the recogniser's costs, or null to group by geometry alone
     */
    static List<Rect> group(List<Rect> pieces, double charSize, Recognition recognition) {
        List<Rect> groups = new ArrayList<>();
        for (int[] span : best(pieces, charSize, recognition)) {
            groups.add(union(pieces, span[0], span[1]));
        }
        return groups;
    }

    /** The cheapest grouping of {@link #group}, as spans {@code [i, j)} of pieces, top to bottom. */
    static List<int[]> best(List<Rect> pieces, double charSize, Recognition recognition) {
        int n = pieces.size();
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        for (int j = 1; j <= n; j++) {
            best[j] = Double.MAX_VALUE;
            for (int i = j - 1; i >= Math.max(0, j - MAX_PIECES); i--) {
                double c = best[i] + cost(pieces, i, j, charSize)
                        + (recognition == null ? 0 : recognition.cost(i, j));
                if (c < best[j]) {
                    best[j] = c;
                    from[j] = i;
                }
            }
        }
        List<int[]> spans = new ArrayList<>();
        for (int j = n; j > 0; j = from[j]) {
            spans.add(0, new int[]{from[j], j});
        }
        return spans;
    }

    /** Cost of pieces {@code [i, j)} being one character. */
    private static double cost(List<Rect> pieces, int i, int j, double charSize) {
        int top = pieces.get(i).y;
        int bottom = top;
        int left = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        double gaps = 0;
        for (int k = i; k < j; k++) {
            Rect r = pieces.get(k);
            if (k > i) {
                gaps += Math.max(0, r.y - bottom) / charSize + BOUNDARY;
            }
            bottom = Math.max(bottom, r.y + r.height);
            left = Math.min(left, r.x);
            right = Math.max(right, r.x + r.width);
        }
        double aspect = (double) (bottom - top) / Math.max(1, right - left);
        double size = (bottom - top) / charSize;
        double c = 1.0 + GAP_COST * gaps;
        if (size < FRAGMENT) {
            c += FRAGMENT_COST * (FRAGMENT - size);
        } else if (size > TALL) {
            c += TALL_COST * (size - TALL);
        }
        if (aspect < FLAT) {
            c += FLAT_COST * (FLAT - aspect);
        }
        return c;
    }

    static Rect union(List<Rect> pieces, int i, int j) {
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        int bottom = Integer.MIN_VALUE;
        for (int k = i; k < j; k++) {
            Rect r = pieces.get(k);
            left = Math.min(left, r.x);
            top = Math.min(top, r.y);
            right = Math.max(right, r.x + r.width);
            bottom = Math.max(bottom, r.y + r.height);
        }
        return new Rect(left, top, right - left, bottom - top);
    }
}
