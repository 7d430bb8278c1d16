package org.honkoku;

import org.opencv.core.Rect;

/** Rectangle arithmetic the stages share. */
public final class Rects {

    private Rects() {
    }

    /** The overlap of two rectangles; zero width or height when they do not overlap. */
    public static Rect intersect(Rect a, Rect b) {
        int x = Math.max(a.x, b.x);
        int y = Math.max(a.y, b.y);
        int r = Math.min(a.x + a.width, b.x + b.width);
        int d = Math.min(a.y + a.height, b.y + b.height);
        return new Rect(x, y, Math.max(0, r - x), Math.max(0, d - y));
    }

    /** Intersection over union of two rectangles: 1 for the same, 0 when they do not overlap. */
    public static double overUnion(Rect a, Rect b) {
        Rect i = intersect(a, b);
        double inter = (double) i.width * i.height;
        return inter / ((double) a.width * a.height + (double) b.width * b.height - inter);
    }

    /**
     * {@code r} clipped to {@code bounds}, never smaller than one pixel (boxes sometimes reach past the page's
     * edge by a pixel or two, and a crop needs at least one).
     */
    public static Rect clip(Rect r, Rect bounds) {
        Rect c = intersect(r, bounds);
        int x = Math.min(c.x, bounds.x + bounds.width - 1);
        int y = Math.min(c.y, bounds.y + bounds.height - 1);
        return new Rect(x, y, Math.max(1, c.width), Math.max(1, c.height));
    }
}
