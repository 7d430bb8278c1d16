package org.honkoku.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The connected pieces of ink on a page that can belong to characters, and the page's character width
 * estimated from them. Every size threshold later on is relative to that width, so one setting serves books
 * whose characters are 70 or 150 pixels wide.
 */
record InkBlobs(List<Blob> blobs, int[] labels, int width, int height, double charWidth) {

    /** Specks smaller than this (analysis pixels) are dust and paper texture, whatever the book. */
    private static final int MIN_AREA = 6;
    /** How far above the frame's top line (in character widths) a boxed heading may stand. */
    private static final double ABOVE_FRAME = 3.0;
    private static final double BELOW_FRAME = 0.3;
    private static final double OUTSIDE_MIN = 0.5;
    private static final double RULE_LENGTH = 1.5;
    private static final double RULE_THICKNESS = 0.15;
    /**
     * A piece of ink this many character widths wide and high at once is a drawing: a character is at most about
     * one and a half wide, and a cursive chain down a column is tall but one wide. Rules and frame corners, as
     * large, are thin lines: a drawing covers at least {@link #DRAWING_DENSITY} of its box with ink.
     */
    private static final double DRAWING_SIZE = 2.5;
    private static final double DRAWING_DENSITY = 0.06;
    /**
     * A box drawn round a heading (with its characters touching it) is as big, but it runs along at least three
     * sides of its bounding box, over most of their length ({@link #BOX_SIDE} of it, within {@link #BOX_BAND}
     * character widths of the side); a drawing's outline touches its bounding box only here and there.
     */
    private static final double BOX_BAND = 0.2;
    private static final double BOX_SIDE = 0.7;
    /** The strokes of a drawing that do not touch its main piece lie within this margin (character widths). */
    private static final double DRAWING_MARGIN = 0.3;

    /** @param blocks the text blocks ({@link RuleRemover}); ink whose centre lies in none of them is left out */
    static InkBlobs find(Mat ink, List<RuleRemover.TextBlock> blocks) {
        RuleRemover.TextBlock block = blocks.get(0);
        Mat labelMat = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int n = Imgproc.connectedComponentsWithStats(ink, labelMat, stats, centroids, 8, CvType.CV_32S);
        int w = ink.cols();
        int h = ink.rows();
        int[] s = new int[n * 5];
        stats.get(0, 0, s);
        int[] labels = new int[w * h];
        labelMat.get(0, 0, labels);
        labelMat.release();
        stats.release();
        centroids.release();

        List<Blob> blobs = new ArrayList<>();
        List<Blob> large = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            Blob b = new Blob(i, s[i * 5], s[i * 5 + 1], s[i * 5 + 2], s[i * 5 + 3], s[i * 5 + 4]);
            boolean touchesEdge = b.x() <= 1 || b.y() <= 1 || b.right() >= w - 1 || b.bottom() >= h - 1;
            boolean inBlock = blocks.stream().anyMatch(k -> b.centreX() >= k.left() && b.centreX() < k.right());
            // what is left of a frame corner or a page edge is long and thin, never character-shaped
            boolean lineLike = b.w() > w / 8 || b.h() > h / 4;
            if (b.area() >= MIN_AREA && !touchesEdge && inBlock) {
                (lineLike ? large : blobs).add(b);
            }
        }
        double cw = estimateCharWidth(blobs);
        large.addAll(blobs);
        int band = Math.max(2, (int) Math.round(BOX_BAND * cw));
        List<Blob> drawings = large.stream().filter(b -> b.w() > DRAWING_SIZE * cw && b.h() > DRAWING_SIZE * cw
                && b.area() >= DRAWING_DENSITY * b.w() * b.h()
                && !boxShaped(b, labels, w, band)).toList();
        // a drawing's own strokes, touching its main piece or not, are no characters either
        int margin = (int) Math.round(DRAWING_MARGIN * cw);
        blobs.removeIf(b -> drawings.stream().anyMatch(d -> b.centreX() >= d.x() - margin
                && b.centreX() < d.right() + margin && b.centreY() >= d.y() - margin
                && b.centreY() < d.bottom() + margin));
        // headings may stand just above the frame; nothing of the text lies far outside it
        blobs.removeIf(b -> b.bottom() < block.top() - ABOVE_FRAME * cw || b.y() > block.bottom() + BELOW_FRAME * cw);
        // outside the frame only whole characters count: specks there are the leaf's edge and dirt
        blobs.removeIf(b -> (b.bottom() <= block.top() || b.y() >= block.bottom())
                && Math.max(b.w(), b.h()) < OUTSIDE_MIN * cw);
        // a stretch of a frame line the line finder missed: wider than any character and hairline-thin
        // (vertical ones are left alone: a prolonged sound or repeat mark is a long thin stroke of its own)
        blobs.removeIf(b -> b.w() > RULE_LENGTH * cw && b.h() < RULE_THICKNESS * cw);
        return new InkBlobs(blobs, labels, w, h, estimateCharWidth(blobs));
    }

    /** Whether a blob runs along at least three sides of its bounding box, as a drawn box does. */
    private static boolean boxShaped(Blob b, int[] labels, int width, int band) {
        int[] along = new int[4]; // top, bottom, left, right: positions along the side with ink near it
        for (int x = b.x(); x < b.right(); x++) {
            along[0] += inkIn(b, labels, width, x, x + 1, b.y(), b.y() + band) ? 1 : 0;
            along[1] += inkIn(b, labels, width, x, x + 1, b.bottom() - band, b.bottom()) ? 1 : 0;
        }
        for (int y = b.y(); y < b.bottom(); y++) {
            along[2] += inkIn(b, labels, width, b.x(), b.x() + band, y, y + 1) ? 1 : 0;
            along[3] += inkIn(b, labels, width, b.right() - band, b.right(), y, y + 1) ? 1 : 0;
        }
        int sides = (along[0] >= BOX_SIDE * b.w() ? 1 : 0) + (along[1] >= BOX_SIDE * b.w() ? 1 : 0)
                + (along[2] >= BOX_SIDE * b.h() ? 1 : 0) + (along[3] >= BOX_SIDE * b.h() ? 1 : 0);
        return sides >= 3;
    }

    private static boolean inkIn(Blob b, int[] labels, int width, int x0, int x1, int y0, int y1) {
        for (int y = Math.max(b.y(), y0); y < Math.min(b.bottom(), y1); y++) {
            for (int x = Math.max(b.x(), x0); x < Math.min(b.right(), x1); x++) {
                if (labels[y * width + x] == b.label()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The same page with only the blobs whose centre lies in an area (the character width stays the page's). */
    InkBlobs within(TextAreas.Area area) {
        List<Blob> in = blobs.stream().filter(area::holds).toList();
        return new InkBlobs(in, labels, width, height, charWidth);
    }

    /**
     * The ink-weighted median blob width. Cursive characters chain together down a column, so heights say
     * little, but a chain is still one character wide; weighting by ink lets the main text outvote dust,
     * dots and the small kana of readings beside the columns.
     */
    static double estimateCharWidth(List<Blob> blobs) {
        if (blobs.isEmpty()) {
            return 1;
        }
        List<Blob> byWidth = new ArrayList<>(blobs);
        byWidth.sort(Comparator.comparingInt(Blob::w));
        long total = 0;
        for (Blob b : byWidth) {
            total += b.area();
        }
        long acc = 0;
        for (Blob b : byWidth) {
            acc += b.area();
            if (acc * 2 >= total) {
                return Math.max(1, b.w());
            }
        }
        return byWidth.get(byWidth.size() - 1).w();
    }
}
