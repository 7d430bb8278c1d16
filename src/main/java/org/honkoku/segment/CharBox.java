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

    /** Each box's width and height, in the order given (what the classifier's calibration and heads measure). */
    public static java.util.List<int[]> sizes(java.util.List<CharBox> boxes) {
        return boxes.stream().map(b -> new int[]{b.w(), b.h()}).toList();
    }

    public org.opencv.core.Rect rect() {
        return new org.opencv.core.Rect(x, y, w, h);
    }
}
