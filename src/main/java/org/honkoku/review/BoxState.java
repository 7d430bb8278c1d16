package org.honkoku.review;

import java.util.Locale;

/**
 * A box as one line of the audit log: its reading and whose it is, and its outline, e.g.
 * {@code U+308D reviewed; box 200,70 40x50} or {@code U+308B machine 0.4012; box 200,70 40x50}.
 */
final class BoxState {

    private BoxState() {
    }

    static String of(ReviewBox b) {
        String reading = b.isReviewed() ? b.reviewed() + " reviewed"
                : String.format(Locale.ROOT, "%s machine %.4f", b.predicted(), b.confidence());
        return reading + "; " + outline(b.x(), b.y(), b.w(), b.h());
    }

    static String outline(int x, int y, int w, int h) {
        return "box " + x + "," + y + " " + w + "x" + h;
    }
}
