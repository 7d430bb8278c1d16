package org.honkoku.evaluate;

/** One labelled character of a page: its Unicode label ({@code U+XXXX}) and its box in page pixels. */
public record TruthBox(String imageId, String unicode, int x, int y, int w, int h) {

    /** This box on its page turned by {@code turns} quarter turns clockwise ({@code width} × {@code height} as scanned). */
    public TruthBox turned(int width, int height, int turns) {
        int[] b = org.honkoku.segment.QuarterTurn.box(x, y, w, h, width, height, turns);
        return new TruthBox(imageId, unicode, b[0], b[1], b[2], b[3]);
    }

    /** The box as a rectangle in page pixels. */
    public org.opencv.core.Rect rect() {
        return new org.opencv.core.Rect(x, y, w, h);
    }

    /** Half-open on the right and bottom so that two touching boxes never both contain a point. */
    public boolean contains(int px, int py) {
        return px >= x && px < x + w && py >= y && py < y + h;
    }
}
