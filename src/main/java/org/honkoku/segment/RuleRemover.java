package org.honkoku.segment;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Removes the printed frame, ruled lines and the dark edges of the leaf from the ink mask, and finds the
 * horizontal extent of the text blocks: scans often show part of the facing page, which lies beyond the
 * frame's vertical line and must not be read, and a spread scanned whole holds two framed pages, both read.
 * The straight lines found are kept ({@link Lines}) so that ruled cells can be told apart ({@link TextAreas}).
 */
final class RuleRemover {

    /** A line is at least this share of the page's height (vertical) or width (horizontal) long. */
    private static final double MIN_LINE_SHARE = 0.2;
    /** A frame line runs along most of the text block; shorter long lines are rules inside it. */
    private static final double FRAME_LINE_SHARE = 0.4;
    /** A block narrower than this share of the page is a column between rules, not a frame's inside. */
    private static final double MIN_BLOCK_SHARE = 0.35;
    /** A second framed page of a spread: this share of the scan's width at least, and this share of the main ink. */
    private static final double SPREAD_PAGE_SHARE = 0.3;
    private static final double SPREAD_INK_SHARE = 0.4;
    /** How many pixels a frame line may drift sideways over its length. */
    private static final int LEAN = 6;
    /** Beyond its found stretch a worn line may lean a few pixels more than within it (3 to 8 measure alike). */
    private static final int BAND_SLACK = 5;

    /**
     * The text block in analysis pixels: left and right edge (the whole width when no frame is found), and
     * the frame's top and bottom line (-1 and the page height when there is none). Headings may stand in
     * boxes just above the frame, so top and bottom only bound the text with a margin.
     */
    record TextBlock(int left, int right, int top, int bottom) {
    }

    /** The straight lines removed, as bounding boxes in analysis pixels. */
    record Lines(List<Rect> vertical, List<Rect> horizontal) {
    }

    /** The text blocks, right to left (one when the page is not a spread of framed pages), and the lines. */
    record Layout(List<TextBlock> blocks, Lines lines) {
    }

    private RuleRemover() {
    }

    /** Clears lines from {@code ink} in place and returns where the text blocks lie. */
    static Layout removeRules(Mat ink) {
        int w = ink.cols();
        int h = ink.rows();
        Mat vertical = longRuns(ink, 1, Math.max(3, (int) (h * MIN_LINE_SHARE)));
        Mat horizontal = longRuns(ink, Math.max(3, (int) (w * MIN_LINE_SHARE)), 1);
        List<Integer> frameLines = linePositions(vertical, 0, (int) (h * FRAME_LINE_SHARE));
        List<Integer> rules = linePositions(horizontal, 1, (int) (w * FRAME_LINE_SHARE));
        int top = -1;
        int bottom = h;
        for (int y : rules) {
            if (y < h * 0.4) {
                top = Math.max(top, y);
            } else if (y > h * 0.6) {
                bottom = Math.min(bottom, y);
            }
        }

        Lines segments = new Lines(segments(vertical, false, (int) (h * MIN_LINE_SHARE)),
                segments(horizontal, true, (int) (w * MIN_LINE_SHARE)));
        Mat lines = new Mat();
        Core.bitwise_or(vertical, horizontal, lines);
        // lines blur into the paper over a pixel or two; leaving that fringe behind would leave specks
        Imgproc.dilate(lines, lines, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5)));
        Core.subtract(ink, lines, ink);
        clearWornStretches(ink, segments);
        vertical.release();
        horizontal.release();
        lines.release();
        return new Layout(chooseBlocks(ink, frameLines, top, bottom), segments);
    }

    /**
     * A worn frame line breaks into pieces shorter than a line must be to be found, and those left over beside
     * the found stretch read as flat "characters" at the frame's edge. Ink lying wholly within the bands of the
     * found lines (a line's bounding box, {@link #BAND_SLACK} pixels either side, drawn along the whole page; a
     * corner where two meet lies in both) is what is left of them: a character crossing a band reaches out of
     * it and is kept.
     */
    private static void clearWornStretches(Mat ink, Lines lines) {
        if (lines.vertical().isEmpty() && lines.horizontal().isEmpty()) {
            return;
        }
        int w = ink.cols();
        int h = ink.rows();
        boolean[] rowInBand = new boolean[h];
        boolean[] colInBand = new boolean[w];
        for (Rect line : lines.horizontal()) {
            mark(rowInBand, line.y, line.y + line.height);
        }
        for (Rect line : lines.vertical()) {
            mark(colInBand, line.x, line.x + line.width);
        }
        Mat labelMat = new Mat();
        int n = Imgproc.connectedComponents(ink, labelMat, 8, CvType.CV_32S);
        int[] labels = new int[w * h];
        labelMat.get(0, 0, labels);
        labelMat.release();
        boolean[] reachesOut = new boolean[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!rowInBand[y] && !colInBand[x]) {
                    reachesOut[labels[y * w + x]] = true;
                }
            }
        }
        byte[] pixels = new byte[w * h];
        ink.get(0, 0, pixels);
        boolean cleared = false;
        for (int i = 0; i < pixels.length; i++) {
            if (labels[i] != 0 && !reachesOut[labels[i]]) {
                pixels[i] = 0;
                cleared = true;
            }
        }
        if (cleared) {
            ink.put(0, 0, pixels);
        }
    }

    private static void mark(boolean[] band, int from, int to) {
        for (int i = Math.max(0, from - BAND_SLACK); i < Math.min(band.length, to + BAND_SLACK); i++) {
            band[i] = true;
        }
    }

    /**
     * The bounding boxes of a line mask's pieces at least {@code minLength} long. Pieces of one line broken by a
     * gap of a few pixels (a faded stretch) are joined first by a closing along the line.
     */
    private static List<Rect> segments(Mat mask, boolean horizontal, int minLength) {
        Mat joined = new Mat();
        Size along = horizontal ? new Size(15, 3) : new Size(3, 15);
        Imgproc.morphologyEx(mask, joined, Imgproc.MORPH_CLOSE, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, along));
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int n = Imgproc.connectedComponentsWithStats(joined, labels, stats, centroids, 8, CvType.CV_32S);
        int[] st = new int[n * 5];
        stats.get(0, 0, st);
        joined.release();
        labels.release();
        stats.release();
        centroids.release();
        List<Rect> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            Rect r = new Rect(st[i * 5], st[i * 5 + 1], st[i * 5 + 2], st[i * 5 + 3]);
            if ((horizontal ? r.width : r.height) >= minLength) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Opening with a long thin kernel keeps only straight runs at least that long. The mask is first widened
     * across the run so a line that leans by a pixel or two over its length still survives the opening.
     */
    private static Mat longRuns(Mat ink, int kw, int kh) {
        Mat widened = new Mat();
        Size across = kw == 1 ? new Size(5, 1) : new Size(1, 5);
        Imgproc.dilate(ink, widened, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, across));
        Mat runs = new Mat();
        Imgproc.morphologyEx(widened, runs, Imgproc.MORPH_OPEN,
                Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(kw, kh)));
        Core.bitwise_and(runs, ink, runs);
        widened.release();
        return runs;
    }

    /**
     * Where the lines of a mask lie across them ({@code dim} 0: x of vertical lines, 1: y of horizontal
     * ones) that have at least {@code minLength} ink pixels. Counts are summed over a few neighbouring
     * positions because a line that leans spreads its pixels over several of them.
     */
    private static List<Integer> linePositions(Mat mask, int dim, int minLength) {
        Mat counts = new Mat();
        Core.reduce(mask, counts, dim, Core.REDUCE_SUM, CvType.CV_32S);
        int[] c = new int[(int) counts.total()];
        counts.get(0, 0, c);
        counts.release();
        int[] near = new int[c.length];
        for (int x = 0; x < c.length; x++) {
            for (int d = -LEAN; d <= LEAN; d++) {
                if (x + d >= 0 && x + d < c.length) {
                    near[x] += c[x + d] / 255;
                }
            }
        }
        List<Integer> xs = new ArrayList<>();
        int x = 0;
        while (x < near.length) {
            if (near[x] >= minLength) {
                int start = x;
                while (x < near.length && near[x] >= minLength) {
                    x++;
                }
                xs.add((start + x) / 2);
            } else {
                x++;
            }
        }
        return xs;
    }

    /**
     * The text block is the stretch between neighbouring frame lines (or the page's edges) holding the most
     * ink. A book ruled between every column would give stretches a column wide; then no frame is assumed.
     * A spread scanned whole gives two wide stretches of much ink, one per page: both are blocks, right first.
     */
    private static List<TextBlock> chooseBlocks(Mat ink, List<Integer> lines, int top, int bottom) {
        int w = ink.cols();
        Mat counts = new Mat();
        Core.reduce(ink, counts, 0, Core.REDUCE_SUM, CvType.CV_32S);
        int[] c = new int[w];
        counts.get(0, 0, c);
        counts.release();
        List<Integer> edges = new ArrayList<>();
        edges.add(0);
        edges.addAll(lines);
        edges.add(w);
        long best = -1;
        long[] sums = new long[edges.size() - 1];
        TextBlock block = new TextBlock(0, w, top, bottom);
        for (int i = 0; i + 1 < edges.size(); i++) {
            long sum = 0;
            for (int x = edges.get(i); x < edges.get(i + 1); x++) {
                sum += c[x];
            }
            sums[i] = sum;
            if (sum > best) {
                best = sum;
                block = new TextBlock(edges.get(i), edges.get(i + 1), top, bottom);
            }
        }
        if (block.right() - block.left() < w * MIN_BLOCK_SHARE) {
            return List.of(new TextBlock(0, w, top, bottom));
        }
        List<TextBlock> blocks = new ArrayList<>();
        for (int i = sums.length - 1; i >= 0; i--) {
            int width = edges.get(i + 1) - edges.get(i);
            boolean main = edges.get(i) == block.left();
            if (main || width >= w * SPREAD_PAGE_SHARE && sums[i] >= SPREAD_INK_SHARE * best) {
                blocks.add(new TextBlock(edges.get(i), edges.get(i + 1), top, bottom));
            }
        }
        return blocks;
    }
}
