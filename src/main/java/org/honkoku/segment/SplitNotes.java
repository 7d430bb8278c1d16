package org.honkoku.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds split notes (warichu): stretches of a column written as two narrow sub-columns of small characters
 * side by side. They are read right sub-column first, then left, before the column goes on below; cut as
 * one column they would give one box for two characters. Hands the column back as runs of blobs in reading
 * order, each to be cut on its own.
 *
 * <p>Notes are found two ways among the column's own blobs. {@link #SURE}: a clear blank between the
 * sub-columns, both narrow: split by geometry alone. {@link #LOOSE}: the sub-columns may nearly touch, be a
 * little wider, and a stroke may cross between them for longer; such a stretch is as often a column of narrow
 * characters with readings beside it, or a kanji whose parts stand apart, so it is only a candidate, which the
 * recogniser decides ({@link NoteChoice}). A candidate's sub-columns also take the blobs {@link Column#beside()}
 * the column that lie within a sub-column's width of the split (a note written wider than the text reaches past
 * the column's band), but not readings further out.
 */
final class SplitNotes {

    /**
     * @param minGap    the blank between the sub-columns is at least this share of the character width
     * @param sideMax   neither sub-column is wider than this share of the character width
     * @param breakRows a stroke that reaches across the blank for up to this share of the character width of
     *                  rows does not end the note
     */
    record Criteria(double minGap, double sideMax, double breakRows) {
    }

    static final Criteria SURE = new Criteria(0.12, 0.75, 0.25);
    static final Criteria LOOSE = new Criteria(0.05, 0.85, 0.4);

    /** Shorter stretches are a kanji whose left and right parts stand apart (時, 仁), not a note. */
    private static final double MIN_HEIGHT = 2.0;
    /** How far the blank between the sub-columns may wander, as a share of the character width. */
    private static final double DRIFT = 0.2;
    private static final int MIN_BLOBS_PER_SIDE = 2;
    /** The part of a loose note beyond a sure one is a candidate when at least this many characters tall. */
    private static final double EXTENSION = 1.0;

    /** Blobs to be cut as one column, in reading order, and the size of their characters. */
    record Run(List<Blob> blobs, double charSize) {
    }

    /**
     * A note: rows {@code [top, bottom)} of analysis pixels read as two sub-columns either side of x
     * {@code split}; {@code sure} when found by {@link #SURE} (otherwise by {@link #LOOSE} alone).
     */
    record Note(int top, int bottom, int split, boolean sure) {

        boolean holds(double y) {
            return y >= top && y < bottom;
        }
    }

    private SplitNotes() {
    }

    /**
     * The column's notes, top to bottom: the sure ones, and as candidates the loose ones, less the rows of the sure
     * ones they overlap (what is left beside a sure note only when at least {@link #EXTENSION} characters tall).
     */
    static List<Note> find(Column column, double cw) {
        List<Blob> own = sortedByTop(column.blobs());
        List<Note> notes = new ArrayList<>(findNotes(own, column, cw, SURE));
        List<Note> sure = List.copyOf(notes);
        for (Note loose : findNotes(own, column, cw, LOOSE)) {
            // where a sure note continues less clearly, the stretch beyond it is a candidate of its own
            int top = loose.top();
            for (Note n : sure) {
                if (n.top() < loose.bottom() && top < n.bottom()) {
                    if (n.top() - top >= EXTENSION * cw) {
                        notes.add(new Note(top, n.top(), loose.split(), false));
                    }
                    top = Math.max(top, n.bottom());
                }
            }
            boolean trimmed = top != loose.top();
            if (!trimmed || loose.bottom() - top >= EXTENSION * cw) {
                notes.add(new Note(top, loose.bottom(), loose.split(), false));
            }
        }
        notes.sort(Comparator.comparingInt(Note::top));
        return notes;
    }

    /** The column as runs to cut: split at the notes given (some or all of {@link #find}'s). */
    static List<Run> runs(Column column, double cw, List<Note> notes) {
        List<Blob> blobs = sortedByTop(column.blobs());
        List<Run> runs = new ArrayList<>();
        List<Blob> rest = new ArrayList<>(blobs);
        List<Blob> before = new ArrayList<>();
        for (Note note : notes) {
            List<Blob> right = new ArrayList<>();
            List<Blob> left = new ArrayList<>();
            for (Blob b : note.sure() ? blobs : withBeside(column, note.split(), LOOSE.sideMax() * cw)) {
                double cy = b.centreY();
                // a stroke reaching across the blank goes with the side holding its centre
                if (note.holds(cy)) {
                    (b.centreX() >= note.split() ? right : left).add(b);
                }
            }
            before.clear();
            for (Blob b : rest) {
                if (b.centreY() < note.top() && !right.contains(b) && !left.contains(b)) {
                    before.add(b);
                }
            }
            rest.removeAll(before);
            rest.removeAll(right);
            rest.removeAll(left);
            if (!before.isEmpty()) {
                runs.add(new Run(new ArrayList<>(before), cw));
            }
            runs.add(new Run(right, subColumnSize(right, cw)));
            runs.add(new Run(left, subColumnSize(left, cw)));
        }
        if (!rest.isEmpty()) {
            runs.add(new Run(rest, cw));
        }
        return runs;
    }

    private static List<Blob> sortedByTop(List<Blob> blobs) {
        List<Blob> sorted = new ArrayList<>(blobs);
        sorted.sort(Comparator.comparingInt(Blob::y));
        return sorted;
    }

    /** The column's blobs and those beside it whose centre lies within {@code reach} of x {@code split}. */
    private static List<Blob> withBeside(Column column, int split, double reach) {
        List<Blob> all = new ArrayList<>(column.blobs());
        column.beside().stream().filter(b -> Math.abs(b.centreX() - split) <= reach).forEach(all::add);
        return sortedByTop(all);
    }

    /** Notes are written small, but as wide as their sub-column; never larger than the main text. */
    private static double subColumnSize(List<Blob> side, double cw) {
        int left = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        for (Blob b : side) {
            left = Math.min(left, b.x());
            right = Math.max(right, b.right());
        }
        return Math.max(0.4 * cw, Math.min(cw, right - left));
    }

    /** The notes among the column's {@code blobs} (sorted by top). */
    private static List<Note> findNotes(List<Blob> blobs, Column column, double cw, Criteria criteria) {
        List<Note> notes = new ArrayList<>();
        if (blobs.isEmpty()) {
            return notes;
        }
        int top = blobs.get(0).y();
        int bottom = 0;
        for (Blob b : blobs) {
            bottom = Math.max(bottom, b.bottom());
        }
        int lo = column.left() + column.width() / 5;
        int hi = column.right() - column.width() / 5;
        int tolerance = (int) (criteria.breakRows() * cw);
        int runStart = -1;
        int lastGood = -1;
        List<Integer> gaps = new ArrayList<>();
        for (int y = top; y < bottom; y++) {
            int gap = blankBetween(blobs, y, lo, hi, criteria.minGap() * cw);
            boolean good = gap == 0 || gap > 0 && (gaps.isEmpty() || Math.abs(gap - median(gaps)) <= DRIFT * cw);
            if (good) {
                if (runStart < 0) {
                    runStart = y;
                }
                lastGood = y;
                if (gap > 0) {
                    gaps.add(gap);
                }
            } else if (runStart >= 0 && y - lastGood > tolerance) {
                keepIfNote(blobs, runStart, lastGood + 1, gaps, cw, criteria, notes);
                runStart = -1;
                gaps.clear();
            }
        }
        if (runStart >= 0) {
            keepIfNote(blobs, runStart, lastGood + 1, gaps, cw, criteria, notes);
        }
        return notes;
    }

    /**
     * The x of the widest blank between blob boxes on row y within [lo, hi) with ink on both sides; 0 when the
     * row holds no ink at all (a gap between characters, which does not end a note); -1 when the row's ink
     * is not split in two.
     */
    private static int blankBetween(List<Blob> blobs, int y, int lo, int hi, double minGap) {
        List<int[]> spans = new ArrayList<>();
        for (Blob b : blobs) {
            if (b.y() > y) {
                break;
            }
            if (b.bottom() > y) {
                spans.add(new int[] {b.x(), b.right()});
            }
        }
        if (spans.isEmpty()) {
            return 0;
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        int reach = spans.get(0)[1];
        int bestWidth = 0;
        int best = -1;
        for (int[] s : spans) {
            if (s[0] > reach) {
                int mid = (reach + s[0]) / 2;
                if (mid >= lo && mid < hi && s[0] - reach > bestWidth) {
                    bestWidth = s[0] - reach;
                    best = mid;
                }
            }
            reach = Math.max(reach, s[1]);
        }
        return bestWidth >= Math.max(1, minGap) ? best : -1;
    }

    private static void keepIfNote(List<Blob> blobs, int top, int bottom, List<Integer> gaps, double cw,
                                   Criteria criteria, List<Note> notes) {
        if (gaps.isEmpty() || bottom - top < MIN_HEIGHT * cw) {
            return;
        }
        int split = median(gaps);
        int right = 0;
        int left = 0;
        int rightEdge = split;
        int leftEdge = split;
        for (Blob b : blobs) {
            double cy = b.centreY();
            if (cy >= top && cy < bottom && b.x() >= split) {
                right++;
                rightEdge = Math.max(rightEdge, b.right());
            } else if (cy >= top && cy < bottom && b.right() <= split) {
                left++;
                leftEdge = Math.min(leftEdge, b.x());
            }
        }
        // a main column with its readings beside it also shows a blank, but one side is a full character wide
        double sideMax = criteria.sideMax() * cw;
        boolean bothNarrow = rightEdge - split <= sideMax && split - leftEdge <= sideMax;
        if (right >= MIN_BLOBS_PER_SIDE && left >= MIN_BLOBS_PER_SIDE && bothNarrow) {
            notes.add(new Note(top, bottom, split, criteria == SURE));
        }
    }

    private static int median(List<Integer> values) {
        List<Integer> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
