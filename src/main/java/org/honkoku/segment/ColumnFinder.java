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

        List<Column> columns = new ArrayList<>();
        for (int[] band : split) {
            List<Blob> members = new ArrayList<>();
            for (Blob b : ink.blobs()) {
                if (b.centreX() >= band[0] && b.centreX() < band[1]) {
                    members.add(b);
                }
            }
            columns.add(new Column(band[0], band[1], members));
        }
        columns.sort(Comparator.comparingInt(Column::left).reversed());
        return columns;
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

    /** Cuts a too-wide band at its weakest x in the middle part, where two columns meet, until none is. */
    private static void splitWide(double[] cover, int[] band, double cw, List<int[]> out) {
        int width = band[1] - band[0];
        if (width <= SPLIT_WIDTH * cw) {
            out.add(band);
            return;
        }
        int lo = band[0] + (int) (0.4 * cw);
        int hi = band[1] - (int) (0.4 * cw);
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
