package org.honkoku.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Rect;

/**
 * Cuts one column into characters, top to bottom. Blobs whose rows overlap form one piece. A piece taller
 * than a character may be several written in one stroke: it is cut at its thin links, or where the
 * character height says the joins are: these atoms over-segment the column. {@link CharacterGrouper} then
 * joins atoms that are parts of one character, by geometry and, when a recogniser is at hand, by how well the
 * candidate reads. Split notes (two sub-columns side by side) are cut sub-column by sub-column.
 */
final class ColumnCutter {

    /**
     * Where a piece may be cut. {@code splitFrom}: pieces taller than this (in characters) may be two linked by a
     * thin stroke; {@code thinRow}: a row with less than this share of the piece's typical ink per row is a
     * link, not a character's body; {@code splitAbove}: a piece this tall without thin links is still cut,
     * evenly; {@code minPart}: no cut leaves a part shorter than this share of a character; {@code reach}: a thin
     * row is a link where its ink is the least within this share of a character above and below. With a
     * recogniser to judge the candidates, cutting more finely costs only page time: a wrong cut is joined again.
     */
    record Cuts(double splitFrom, double thinRow, double splitAbove, double minPart, double reach) {
    }

    static final Cuts BY_GEOMETRY = new Cuts(0.9, 0.3, 1.55, 0.25, 0.15);
    /**
     * Chosen leave-one-book-out over the four dev books (README "Cutting finer where the recogniser judges"): a row
     * with up to 0.9 of the typical ink is a candidate link, as two characters written in one stroke are joined by
     * more than a hairline. Parts down to 0.2 of a character read better with the grouping head fitted on all dev
     * pages, but worse with heads fitted without the book read (README, same section), so 0.25 stays.
     */
    static final Cuts WITH_RECOGNITION = new Cuts(1.0, 0.9, 1.2, 0.25, 0.1);
    /** Narrower than this a tall piece is one long stroke (a prolonged sound, a repeat mark): not split. */
    private static final double THIN = 0.4;
    /** A character this small in both directions is a speck or a reading mark, not text. */
    private static final double DUST = 0.3;
    /** Pieces taller than this many widths are runs of characters, whose wiggle would widen the estimate. */
    private static final double SQUARISH = 1.5;

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

        int height() {
            return bottom - top;
        }
    }

    /**
     * The ink-weighted median width of the columns' pieces. A kanji is often several blobs side by side
     * (若, 時), so blob widths underestimate it; a piece spans them all, and is still one character wide.
     */
    static double charWidth(List<Column> columns, double blobWidth) {
        List<double[]> widthAndInk = new ArrayList<>();
        double total = 0;
        for (Column c : columns) {
            for (Piece p : overlappingRuns(c.blobs())) {
                int w = p.right - p.left;
                if (p.height() > SQUARISH * w || w > SQUARISH * p.height()) {
                    continue;
                }
                double inkSum = p.blobs.stream().mapToInt(Blob::area).sum();
                widthAndInk.add(new double[] {p.right - p.left, inkSum});
                total += inkSum;
            }
        }
        if (widthAndInk.isEmpty()) {
            return blobWidth;
        }
        widthAndInk.sort((a, b) -> Double.compare(a[0], b[0]));
        double acc = 0;
        for (double[] wi : widthAndInk) {
            acc += wi[1];
            if (acc * 2 >= total) {
                return Math.max(blobWidth, wi[0]);
            }
        }
        return blobWidth;
    }

    /** One run of a column (the whole column, or one side of a split note) over-segmented into atoms. */
    record Atoms(List<Rect> atoms, double charSize) {
    }

    /**
     * The column's runs (split at the notes given), each cut into atoms: whole pieces, or parts of tall pieces
     * cut at likely joins.
     */
    static List<Atoms> atoms(Column column, List<SplitNotes.Note> notes, InkBlobs ink, double cw, Cuts cuts) {
        List<Atoms> runs = new ArrayList<>();
        for (SplitNotes.Run run : SplitNotes.runs(column, cw, notes)) {
            double size = run.charSize();
            List<Rect> atoms = new ArrayList<>();
            for (Piece p : overlappingRuns(run.blobs())) {
                int w = p.right - p.left;
                if (p.height() > cuts.splitFrom() * size && w >= THIN * size) {
                    atoms.addAll(split(p, ink, size, cuts));
                } else {
                    atoms.add(new Rect(p.left, p.top, w, p.height()));
                }
            }
            runs.add(new Atoms(atoms, size));
        }
        return runs;
    }

    /** A run's atoms grouped into characters; {@code recognition} adds the recogniser's say (may be null). */
    static List<Rect> group(Atoms run, CharacterGrouper.Recognition recognition) {
        List<Rect> boxes = CharacterGrouper.group(run.atoms(), run.charSize(), recognition);
        boxes.removeIf(r -> dust(r, run.charSize()));
        return boxes;
    }

    static boolean dust(Rect r, double charSize) {
        return r.height < DUST * charSize && r.width < DUST * charSize;
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

    /**
     * Cuts a piece at the rows where little ink joins its upper and lower part (a cursive link between two
     * characters); the grouper decides afterwards whether to join the parts again. A tall piece without such
     * rows is still cut where the character height says the joins are.
     */
    private static List<Rect> split(Piece p, InkBlobs ink, double cw, Cuts where) {
        int[] rows = rowInk(p, ink);
        List<Integer> cuts = thinRows(rows, cw, where);
        if (cuts.isEmpty() && p.height() > where.splitAbove() * cw) {
            cuts = evenCuts(rows, p.height(), cw);
        }
        cuts.add(0, 0);
        cuts.add(p.height());
        List<Rect> out = new ArrayList<>();
        for (int k = 0; k + 1 < cuts.size(); k++) {
            out.add(horizontalExtent(p, ink, p.top + cuts.get(k), p.top + cuts.get(k + 1)));
        }
        return out;
    }

    /** Rows at least {@code minPart} from either end whose ink is a local minimum and well below typical. */
    private static List<Integer> thinRows(int[] rows, double cw, Cuts where) {
        int[] sorted = java.util.Arrays.stream(rows).filter(v -> v > 0).sorted().toArray();
        List<Integer> cuts = new ArrayList<>();
        if (sorted.length == 0) {
            return cuts;
        }
        double limit = where.thinRow() * sorted[sorted.length / 2];
        int margin = (int) Math.ceil(where.minPart() * cw);
        int reach = Math.max(1, (int) (where.reach() * cw));
        int height = rows.length - 1;
        for (int y = margin; y < height - margin; y++) {
            if (rows[y] > limit) {
                continue;
            }
            boolean minimum = true;
            for (int d = -reach; d <= reach && minimum; d++) {
                int v = rows[Math.max(0, Math.min(height - 1, y + d))];
                minimum = v > rows[y] || (v == rows[y] && d >= 0);
            }
            if (minimum && (cuts.isEmpty() || y - cuts.get(cuts.size() - 1) >= margin)) {
                cuts.add(y);
            }
        }
        return cuts;
    }

    private static List<Integer> evenCuts(int[] rows, int height, double cw) {
        int n = Math.max(2, (int) Math.round(height / (1.05 * cw)));
        double step = (double) height / n;
        List<Integer> cuts = new ArrayList<>();
        int previous = 0;
        for (int k = 1; k < n; k++) {
            int expected = (int) Math.round(k * step);
            int from = Math.max(previous + 1, expected - (int) (0.3 * step));
            int to = Math.min(rows.length - 1, expected + (int) (0.3 * step));
            int cut = expected;
            for (int y = from; y <= to; y++) {
                if (rows[y] < rows[cut] || (rows[y] == rows[cut] && Math.abs(y - expected) < Math.abs(cut - expected))) {
                    cut = y;
                }
            }
            cuts.add(cut);
            previous = cut;
        }
        return cuts;
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
