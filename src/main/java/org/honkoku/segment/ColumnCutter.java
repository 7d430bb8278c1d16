package org.honkoku.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Rect;

/**
 * Cuts one column into characters, top to bottom. Blobs whose rows overlap form one piece; pieces much
 * shorter than a character (a separate stroke, a dot, the halves of 二 or 三) join their nearest neighbour
 * while the result stays about one character tall; pieces much taller than a character (cursive runs
 * written in one stroke) are cut at the emptiest rows near where the character height says the joins are.
 */
final class ColumnCutter {

    private static final double SMALL = 0.6;
    private static final double MAX_MERGED = 1.15;
    private static final double MAX_MERGE_GAP = 0.6;
    private static final double SPLIT_ABOVE = 1.55;
    /** Narrower than this a tall piece is one long stroke (a prolonged sound, a repeat mark): not split. */
    private static final double THIN = 0.4;
    private static final double DUST = 0.3;

    private ColumnCutter() {
    }

    /** A run of rows with the ink of the blobs in it. */
    private static final class Piece {
        int top;
        int bottom;
        int left = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        final List<Blob> blobs = new ArrayList<>();

        Piece(Blob b) {
            top = b.y();
            bottom = b.bottom();
            add(b);
        }

        void add(Blob b) {
            blobs.add(b);
            top = Math.min(top, b.y());
            bottom = Math.max(bottom, b.bottom());
            left = Math.min(left, b.x());
            right = Math.max(right, b.right());
        }

        void absorb(Piece p) {
            p.blobs.forEach(this::add);
        }

        int height() {
            return bottom - top;
        }
    }

    static List<Rect> cut(Column column, InkBlobs ink) {
        double cw = ink.charWidth();
        List<Piece> pieces = overlappingRuns(column.blobs());
        mergeSmall(pieces, cw);
        List<Rect> boxes = new ArrayList<>();
        for (Piece p : pieces) {
            int w = p.right - p.left;
            if (p.height() < DUST * cw && w < DUST * cw) {
                continue;
            }
            if (p.height() > SPLIT_ABOVE * cw && w >= THIN * cw) {
                boxes.addAll(split(p, ink, cw));
            } else {
                boxes.add(new Rect(p.left, p.top, w, p.height()));
            }
        }
        return boxes;
    }

    private static List<Piece> overlappingRuns(List<Blob> blobs) {
        List<Blob> sorted = new ArrayList<>(blobs);
        sorted.sort(Comparator.comparingInt(Blob::y));
        List<Piece> pieces = new ArrayList<>();
        for (Blob b : sorted) {
            Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
            if (last != null && b.y() < last.bottom) {
                last.add(b);
            } else {
                pieces.add(new Piece(b));
            }
        }
        return pieces;
    }

    /** Repeatedly joins the closest pair that involves a short piece and stays about a character tall. */
    private static void mergeSmall(List<Piece> pieces, double cw) {
        while (true) {
            int best = -1;
            int bestGap = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < pieces.size(); i++) {
                Piece a = pieces.get(i);
                Piece b = pieces.get(i + 1);
                boolean oneSmall = a.height() < SMALL * cw || b.height() < SMALL * cw;
                int gap = b.top - a.bottom;
                int merged = Math.max(a.bottom, b.bottom) - a.top;
                if (oneSmall && merged <= MAX_MERGED * cw && gap <= MAX_MERGE_GAP * cw && gap < bestGap) {
                    best = i;
                    bestGap = gap;
                }
            }
            if (best < 0) {
                return;
            }
            pieces.get(best).absorb(pieces.remove(best + 1));
        }
    }

    /** Cuts a tall piece into about height / width characters at the rows with least ink near each join. */
    private static List<Rect> split(Piece p, InkBlobs ink, double cw) {
        int[] rows = rowInk(p, ink);
        int n = Math.max(2, (int) Math.round(p.height() / (1.05 * cw)));
        double step = (double) p.height() / n;
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        for (int k = 1; k < n; k++) {
            int expected = (int) Math.round(k * step);
            int from = Math.max(cuts.get(cuts.size() - 1) + 1, expected - (int) (0.3 * step));
            int to = Math.min(rows.length - 1, expected + (int) (0.3 * step));
            int cut = expected;
            for (int y = from; y <= to; y++) {
                if (rows[y] < rows[cut] || (rows[y] == rows[cut] && Math.abs(y - expected) < Math.abs(cut - expected))) {
                    cut = y;
                }
            }
            cuts.add(cut);
        }
        cuts.add(p.height());
        List<Rect> out = new ArrayList<>();
        for (int k = 0; k + 1 < cuts.size(); k++) {
            int y0 = p.top + cuts.get(k);
            int y1 = p.top + cuts.get(k + 1);
            out.add(horizontalExtent(p, ink, y0, y1));
        }
        return out;
    }

    private static int[] rowInk(Piece p, InkBlobs ink) {
        boolean[] mine = memberLabels(p, ink);
        int[] rows = new int[p.height() + 1];
        for (int y = p.top; y < p.bottom; y++) {
            int base = y * ink.width();
            for (int x = p.left; x < p.right; x++) {
                int l = ink.labels()[base + x];
                if (l < mine.length && mine[l]) {
                    rows[y - p.top]++;
                }
            }
        }
        return rows;
    }

    private static Rect horizontalExtent(Piece p, InkBlobs ink, int y0, int y1) {
        boolean[] mine = memberLabels(p, ink);
        int left = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        for (int y = y0; y < y1; y++) {
            int base = y * ink.width();
            for (int x = p.left; x < p.right; x++) {
                int l = ink.labels()[base + x];
                if (l < mine.length && mine[l]) {
                    left = Math.min(left, x);
                    right = Math.max(right, x + 1);
                }
            }
        }
        if (left > right) {
            left = p.left;
            right = p.right;
        }
        return new Rect(left, y0, right - left, Math.max(1, y1 - y0));
    }

    private static boolean[] memberLabels(Piece p, InkBlobs ink) {
        int max = 0;
        for (Blob b : p.blobs) {
            max = Math.max(max, b.label());
        }
        boolean[] mine = new boolean[max + 1];
        for (Blob b : p.blobs) {
            mine[b.label()] = true;
        }
        return mine;
    }
}
