package org.honkoku.store;

/** A stored character box: the machine's reading and, when a person has checked it, theirs. */
public record StoredBox(int column, int order, int x, int y, int w, int h,
                        String predicted, float confidence, String reviewed) {

    /**
     * The {@code reviewed} value of a box a reviewer deleted as false. The row stays (so that a re-run of
     * transcribe, which keeps reviewed boxes and adds nothing inside them, cannot bring the false box
     * back), but it is no character: readers for export and review leave it out.
     */
    public static final String DELETED = "deleted";

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
