package org.honkoku.segment;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Removes the printed frame, ruled lines and the dark edges of the leaf from the ink mask, and finds the
 * horizontal extent of the text block: scans often show part of the facing page, which lies beyond the
 * frame's vertical line and must not be read.
 */
final class RuleRemover {

    /** A line is at least this share of the page's height (vertical) or width (horizontal) long. */
    private static final double MIN_LINE_SHARE = 0.2;
    /** A frame line runs along most of the text block; shorter long lines are rules inside it. */
    private static final double FRAME_LINE_SHARE = 0.4;
    /** How many pixels a frame line may drift sideways over its length. */
    private static final int LEAN = 6;

    /**
     * The text block in analysis pixels: left and right edge (the whole width when no frame is found), and
     * the frame's top and bottom line (-1 and the page height when there is none). Headings may stand in
     * boxes just above the frame, so top and bottom only bound the text with a margin.
     */
    record TextBlock(int left, int right, int top, int bottom) {
    }

    private RuleRemover() {
    }

    /** Clears lines from {@code ink} in place and returns where the text block lies. */
    static TextBlock removeRules(Mat ink) {
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

        Mat lines = new Mat();
        Core.bitwise_or(vertical, horizontal, lines);
        // lines blur into the paper over a pixel or two; leaving that fringe behind would leave specks
        Imgproc.dilate(lines, lines, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5)));
        Core.subtract(ink, lines, ink);
        vertical.release();
        horizontal.release();
        lines.release();
        return chooseBlock(ink, frameLines, top, bottom);
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
     */
    private static TextBlock chooseBlock(Mat ink, List<Integer> lines, int top, int bottom) {
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
        TextBlock block = new TextBlock(0, w, top, bottom);
        for (int i = 0; i + 1 < edges.size(); i++) {
            long sum = 0;
            for (int x = edges.get(i); x < edges.get(i + 1); x++) {
                sum += c[x];
            }
            if (sum > best) {
                best = sum;
                block = new TextBlock(edges.get(i), edges.get(i + 1), top, bottom);
            }
        }
        return block.right() - block.left() < w * 0.35 ? new TextBlock(0, w, top, bottom) : block;
    }
}
