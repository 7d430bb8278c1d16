package org.honkoku.store;

/** A stored character box: the machine's reading and, when a person has checked it, theirs. */
public record StoredBox(int column, int order, int x, int y, int w, int h,
                        String predicted, float confidence, String reviewed) {

    /** The reading to export: the reviewer's when there is one. */
    public String label() {
        return reviewed != null ? reviewed : predicted;
    }

    public boolean isReviewed() {
        return reviewed != null;
    }

    public int centreX() {
        return x + w / 2;
    }

    public int centreY() {
        return y + h / 2;
    }
}
