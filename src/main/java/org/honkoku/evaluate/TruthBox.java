package org.honkoku.evaluate;

/** One labelled character of a page: its Unicode label ({@code U+XXXX}) and its box in page pixels. */
public record TruthBox(String imageId, String unicode, int x, int y, int w, int h) {

    /** Half-open on the right and bottom so that two touching boxes never both contain a point. */
    public boolean contains(int px, int py) {
        return px >= x && px < x + w && py >= y && py < y + h;
    }
}
