package org.honkoku.segment;

/**
 * One character's box on a page, in the original page's pixels, with its place in reading order:
 * {@code column} counts columns from the right (0 = rightmost), {@code order} counts characters from the
 * top within that column.
 */
public record CharBox(int column, int order, int x, int y, int w, int h) {

    public int centreX() {
        return x + w / 2;
    }

    public int centreY() {
        return y + h / 2;
    }

    public org.opencv.core.Rect rect() {
        return new org.opencv.core.Rect(x, y, w, h);
    }
}
