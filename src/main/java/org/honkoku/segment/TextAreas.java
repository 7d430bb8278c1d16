package org.honkoku.segment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.opencv.core.Rect;

/**
 * The areas of a page whose columns are found on their own and read one after another: each text block
 * ({@link RuleRemover}: the frame's inside, or each page of a framed spread), cut into the cells of its rules
 * — a horizontal rule across the block, inside its frame's top and bottom lines (headings may stand above the
 * frame, and are read with the columns below them), divides it into registers read top to bottom, a vertical
 * rule down a register into cells read right to left — so that a column never runs across a rule. A page without
 * a frame is also cut at the fold of a spread, found as an empty vertical band much wider than any gap between
 * columns:
 * two pages' worth of text on either side are both read (right first), but a narrow strip of columns at the
 * scan's edge beyond it is the facing page, shown in part, and is left out.
 */
final class TextAreas {

    /** A rule divides a block (or a register) when it runs along at least this share of it. */
    private static final double RULE_SPAN = 0.6;
    /** A rule divides only where both sides hold at least this much text (in character widths of blob height). */
    private static final double TEXT_EACH_SIDE = 2.0;
    /** A vertical rule closer than this to a block's edge (character widths) is the block's own edge. */
    private static final double EDGE = 0.5;
    /** The fold of a frameless spread: an empty band at least this many character widths wide. */
    private static final double FOLD_GAP = 3.0;
    /** A strip beyond the fold narrower than this share of the rest is the facing page's edge... */
    private static final double STRIP_SHARE = 0.3;
    /** ...when its outer side lies within this many character widths of the scan's edge. */
    private static final double STRIP_AT_EDGE = 2.5;
    /** Blobs at least this share of the character width are text that shows where text stands. */
    private static final double TEXT_WIDTH = 0.55;

    /** An area in analysis pixels, left and top inclusive, right and bottom exclusive. */
    record Area(int left, int top, int right, int bottom) {

        boolean holds(Blob b) {
            return b.centreX() >= left && b.centreX() < right && b.centreY() >= top && b.centreY() < bottom;
        }

        /** The stretch {@code from..to} of this area: of its height ({@code horizontal} cuts) or of its width. */
        Area part(int from, int to, boolean horizontal) {
            return horizontal ? new Area(left, from, right, to) : new Area(from, top, to, bottom);
        }
    }

    private TextAreas() {
    }

    /** The page's text areas in reading order. */
    static List<Area> find(RuleRemover.Layout layout, InkBlobs ink) {
        List<Area> areas = new ArrayList<>();
        for (RuleRemover.TextBlock block : layout.blocks()) {
            Area whole = new Area(block.left(), 0, block.right(), ink.height());
            boolean framed = block.left() > 0 || block.right() < ink.width() || layout.blocks().size() > 1;
            // the frame's own top and bottom lines bound the text (headings may stand above it): no register cut
            int margin = (int) Math.ceil(ink.charWidth());
            int inside0 = block.top() + margin;
            int inside1 = block.bottom() - margin;
            List<Rect> inside = layout.lines().horizontal().stream()
                    .filter(r -> r.y + r.height / 2 > inside0 && r.y + r.height / 2 < inside1).toList();
            for (Area page : framed ? List.of(whole) : pagesOfSpread(whole, ink)) {
                for (Area register : registers(page, inside, ink)) {
                    areas.addAll(cells(register, layout.lines().vertical(), ink));
                }
            }
        }
        return areas;
    }

    /** A block cut at the horizontal rules that run across it with text above and below, top to bottom. */
    static List<Area> registers(Area block, List<Rect> rules, InkBlobs ink) {
        return cut(block, rules, ink, true);
    }

    /** A register cut at the vertical rules that run down it with text on both sides, right to left. */
    static List<Area> cells(Area register, List<Rect> rules, InkBlobs ink) {
        List<Area> out = cut(register, rules, ink, false);
        Collections.reverse(out);
        return out;
    }

    /**
     * An area cut at the rules that run along at least {@link #RULE_SPAN} of it (horizontal ones across it, vertical
     * ones down it) with text on both sides, the pieces in order of the cuts' position (top to bottom, left to right).
     */
    private static List<Area> cut(Area area, List<Rect> rules, InkBlobs ink, boolean horizontal) {
        int from = horizontal ? area.top() : area.left();
        int to = horizontal ? area.bottom() : area.right();
        double edge = horizontal ? 0 : EDGE * ink.charWidth();
        List<Integer> cuts = new ArrayList<>();
        for (Rect r : rules) {
            int overlap = horizontal
                    ? Math.min(r.x + r.width, area.right()) - Math.max(r.x, area.left())
                    : Math.min(r.y + r.height, area.bottom()) - Math.max(r.y, area.top());
            int span = horizontal ? area.right() - area.left() : area.bottom() - area.top();
            int at = horizontal ? r.y + r.height / 2 : r.x + r.width / 2;
            if (overlap >= RULE_SPAN * span && at > from + edge && at < to - edge
                    && text(ink, area.part(from, at, horizontal)) >= TEXT_EACH_SIDE
                    && text(ink, area.part(at, to, horizontal)) >= TEXT_EACH_SIDE) {
                cuts.add(at);
            }
        }
        cuts.sort(null);
        List<Area> out = new ArrayList<>();
        int start = from;
        for (int at : cuts) {
            if (at > start) {
                out.add(area.part(start, at, horizontal));
                start = at;
            }
        }
        out.add(area.part(start, to, horizontal));
        return out;
    }

    /**
     * A frameless page cut at the widest empty vertical band if that is a fold: the pieces on either side, right
     * first, less a narrow strip at the scan's edge (the facing page).
     */
    static List<Area> pagesOfSpread(Area page, InkBlobs ink) {
        double cw = ink.charWidth();
        boolean[] covered = new boolean[ink.width() + 1];
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Blob b : textBlobs(ink, page)) {
            for (int x = b.x(); x < b.right(); x++) {
                covered[x] = true;
            }
            first = Math.min(first, b.x());
            last = Math.max(last, b.right());
        }
        if (first >= last) {
            return List.of(page);
        }
        int bestStart = -1;
        int bestLength = 0;
        int x = first;
        while (x < last) {
            if (covered[x]) {
                x++;
                continue;
            }
            int start = x;
            while (x < last && !covered[x]) {
                x++;
            }
            if (x - start > bestLength) {
                bestLength = x - start;
                bestStart = start;
            }
        }
        if (bestLength < FOLD_GAP * cw) {
            return List.of(page);
        }
        int fold = bestStart + bestLength / 2;
        Area right = new Area(fold, page.top(), page.right(), page.bottom());
        Area left = new Area(page.left(), page.top(), fold, page.bottom());
        int rightWidth = last - (bestStart + bestLength);
        int leftWidth = bestStart - first;
        double edge = STRIP_AT_EDGE * cw;
        if (leftWidth < STRIP_SHARE * rightWidth && first < edge) {
            return List.of(right);
        }
        if (rightWidth < STRIP_SHARE * leftWidth && last > ink.width() - edge) {
            return List.of(left);
        }
        return List.of(right, left);
    }

    /** How much text an area holds: the summed height of its text-wide blobs, in character widths. */
    private static double text(InkBlobs ink, Area area) {
        return textBlobs(ink, area).stream().mapToInt(Blob::h).sum() / ink.charWidth();
    }

    /** The blobs of an area wide enough to be text (not dots, specks or readings). */
    private static List<Blob> textBlobs(InkBlobs ink, Area area) {
        return ink.blobs().stream().filter(b -> b.w() >= TEXT_WIDTH * ink.charWidth() && area.holds(b)).toList();
    }
}
