package org.honkoku.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds split notes (warichu): stretches of a column written as two narrow sub-columns of small characters
 * side by side. They are read right sub-column first, then left, before the column goes on below; cut as
 * one column they would give one box for two characters. Hands the column back as runs of blobs in reading
 * order, each to be cut on its own.
 */
final class SplitNotes {

    /** The blank between the sub-columns is at least this share of the character width. */
    private static final double MIN_GAP = 0.12;
    /** Shorter stretches are a kanji whose left and right parts stand apart (時, 仁), not a note. */
    private static final double MIN_HEIGHT = 2.0;
    /** How far the blank between the sub-columns may wander, as a share of the character width. */
    private static final double DRIFT = 0.2;
    private static final double SIDE_MAX = 0.75;
    private static final int MIN_BLOBS_PER_SIDE = 2;
    /** A stroke that reaches across the blank for a few rows does not end the note. */
    private static final double BREAK = 0.25;

    /** Blobs to be cut as one column, in reading order, and the size of their characters. */
    record Run(List<Blob> blobs, double charSize) {
    }

    private SplitNotes() {
    }

    static List<Run> runs(Column column, double cw) {
        List<Blob> blobs = new ArrayList<>(column.blobs());
        blobs.sort(Comparator.comparingInt(Blob::y));
        List<int[]> notes = findNotes(blobs, column, cw);
        List<Run> runs = new ArrayList<>();
        List<Blob> rest = new ArrayList<>(blobs);
        List<Blob> before = new ArrayList<>();
        int restIndex = 0;
        for (int[] note : notes) {
            int top = note[0];
            int bottom = note[1];
            int split = note[2];
            List<Blob> right = new ArrayList<>();
            List<Blob> left = new ArrayList<>();
            for (Blob b : blobs) {
                double cy = b.centreY();
                if (cy >= top && cy < bottom && (b.x() >= split || b.right() <= split)) {
                    (b.x() >= split ? right : left).add(b);
                }
            }
            before.clear();
            for (Blob b : rest) {
                if (b.centreY() < top && !right.contains(b) && !left.contains(b)) {
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

    /** Each note as {top, bottom, x of the blank between its sub-columns}. */
    private static List<int[]> findNotes(List<Blob> blobs, Column column, double cw) {
        List<int[]> notes = new ArrayList<>();
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
        int tolerance = (int) (BREAK * cw);
        int runStart = -1;
        int lastGood = -1;
        List<Integer> gaps = new ArrayList<>();
        for (int y = top; y < bottom; y++) {
            int gap = blankBetween(blobs, y, lo, hi, cw);
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
                keepIfNote(blobs, runStart, lastGood + 1, gaps, cw, notes);
                runStart = -1;
                gaps.clear();
            }
        }
        if (runStart >= 0) {
            keepIfNote(blobs, runStart, lastGood + 1, gaps, cw, notes);
        }
        return notes;
    }

    /**
     * The x of the widest blank between blob boxes on row y within [lo, hi) with ink on both sides; 0 when the
     * row holds no ink at all (a gap between characters, which does not end a note); -1 when the row's ink
     * is not split in two.
     */
    private static int blankBetween(List<Blob> blobs, int y, int lo, int hi, double cw) {
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
        return bestWidth >= MIN_GAP * cw ? best : -1;
    }

    private static void keepIfNote(List<Blob> blobs, int top, int bottom, List<Integer> gaps, double cw,
                                   List<int[]> notes) {
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
        boolean bothNarrow = rightEdge - split <= SIDE_MAX * cw && split - leftEdge <= SIDE_MAX * cw;
        if (right >= MIN_BLOBS_PER_SIDE && left >= MIN_BLOBS_PER_SIDE && bothNarrow) {
            notes.add(new int[] {top, bottom, split});
        }
    }

    private static int median(List<Integer> values) {
        List<Integer> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
