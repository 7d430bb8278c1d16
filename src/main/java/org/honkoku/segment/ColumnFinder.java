package org.honkoku.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the columns of main text, right to left. Only blobs about a character wide vote for where columns
 * are, weighted by their height: the small kana of readings (furigana) beside a column are narrower, so
 * they build no column of their own, and whatever has its centre outside every column is left out.
 */
final class ColumnFinder {

    /** A blob at least this share of the character width is main text rather than a reading or a dot. */
    private static final double VOTER_WIDTH = 0.55;
    /** A column needs about one character's height of voters at an x to cover it. */
    private static final double MIN_COVER = 0.9;
    private static final double MAX_GAP = 0.15;
    private static final double MIN_WIDTH = 0.3;
    /** Bands wider than this share of the character width are two columns run together. */
    private static final double SPLIT_WIDTH = 1.8;
    /** Readings are written at about half the size of the text they gloss. */
    private static final double READING_WIDTH = 0.55;
    private static final double NEIGHBOUR_RATIO = 1.35;
    /** Blobs of no column within this share of the character width of a column's band are beside it. */
    private static final double BESIDE = 0.5;

    private ColumnFinder() {
    }

    static List<Column> find(InkBlobs ink) {
        double cw = ink.charWidth();
        double[] cover = new double[ink.width() + 1];
        for (Blob b : ink.blobs()) {
            if (b.w() >= VOTER_WIDTH * cw) {
                for (int x = b.x(); x < b.right(); x++) {
                    cover[x] += b.h();
                }
            }
        }
        List<int[]> bands = bandsAbove(cover, MIN_COVER * cw, (int) Math.round(MAX_GAP * cw));
        List<int[]> split = new ArrayList<>();
        for (int[] band : bands) {
            splitWide(cover, band, cw, split);
        }
        split.removeIf(b -> b[1] - b[0] < MIN_WIDTH * cw);
        split = withoutReadings(split, cover, cw);

        split.sort(Comparator.comparingInt((int[] b) -> b[0]).reversed());
        List<List<Blob>> members = new ArrayList<>();
        List<List<Blob>> beside = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            members.add(new ArrayList<>());
            beside.add(new ArrayList<>());
        }
        for (Blob b : ink.blobs()) {
            int in = -1;
            int near = -1;
            double distance = BESIDE * cw;
            for (int i = 0; i < split.size() && in < 0; i++) {
                int[] band = split.get(i);
                double d = Math.max(band[0] - b.centreX(), b.centreX() - band[1]);
                if (b.centreX() >= band[0] && b.centreX() < band[1]) {
                    in = i;
                } else if (d < distance) {
                    distance = d;
                    near = i;
                }
            }
            if (in >= 0) {
                members.get(in).add(b);
            } else if (near >= 0) {
                beside.get(near).add(b);
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            columns.add(new Column(split.get(i)[0], split.get(i)[1], members.get(i), beside.get(i)));
        }
        return columns;
    }

    /**
     * Drops the bands of readings (furigana): much narrower than a main column, or narrower than the column
     * right beside them and carrying much less ink. The reference width is that of the bands at least a
     * character wide, so pages crowded with readings do not drag it down.
     */
    private static List<int[]> withoutReadings(List<int[]> bands, double[] cover, double cw) {
        List<Integer> wide = new ArrayList<>();
        for (int[] b : bands) {
            if (b[1] - b[0] >= cw) {
                wide.add(b[1] - b[0]);
            }
        }
        wide.sort(null);
        double ref = wide.isEmpty() ? cw : wide.get(wide.size() / 2);
        List<int[]> kept = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            int[] b = bands.get(i);
            int width = b[1] - b[0];
            if (width < READING_WIDTH * ref) {
                continue;
            }
            boolean reading = false;
            for (int j : new int[] {i - 1, i + 1}) {
                if (j < 0 || j >= bands.size()) {
                    continue;
                }
                int[] n = bands.get(j);
                int gap = Math.max(n[0] - b[1], b[0] - n[1]);
                reading |= n[1] - n[0] >= NEIGHBOUR_RATIO * width && gap < 0.5 * ref
                        && mass(cover, b) < 0.5 * mass(cover, n);
            }
            if (!reading) {
                kept.add(b);
            }
        }
        return kept;
    }

    private static double mass(double[] cover, int[] band) {
        double m = 0;
        for (int x = band[0]; x < band[1]; x++) {
            m += cover[x];
        }
        return m;
    }

    private static List<int[]> bandsAbove(double[] cover, double threshold, int maxGap) {
        List<int[]> bands = new ArrayList<>();
        int x = 0;
        while (x < cover.length) {
            if (cover[x] < threshold) {
                x++;
                continue;
            }
            int start = x;
            while (x < cover.length && cover[x] >= threshold) {
                x++;
            }
            if (!bands.isEmpty() && start - bands.get(bands.size() - 1)[1] <= maxGap) {
                bands.get(bands.size() - 1)[1] = x;
            } else {
                bands.add(new int[] {start, x});
            }
        }
        return bands;
    }

    /**
     * Cuts a too-wide band at its weakest x in the middle part, where two columns meet, until none is. Each cut
     * leaves at least a pixel on either side, so that a page of specks (a character width under 3 pixels) ends.
     */
    static void splitWide(double[] cover, int[] band, double cw, List<int[]> out) {
        int width = band[1] - band[0];
        int margin = Math.max(1, (int) (0.4 * cw));
        int lo = band[0] + margin;
        int hi = band[1] - margin;
        if (width <= SPLIT_WIDTH * cw || lo >= hi) {
            out.add(band);
            return;
        }
        int cut = lo;
        for (int x = lo; x < hi; x++) {
            if (cover[x] < cover[cut]) {
                cut = x;
            }
        }
        splitWide(cover, new int[] {band[0], cut}, cw, out);
        splitWide(cover, new int[] {cut, band[1]}, cw, out);
    }
}
