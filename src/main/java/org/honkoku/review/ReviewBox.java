package org.honkoku.review;

import java.time.Instant;
import java.util.List;

import org.honkoku.classify.Candidate;
import org.honkoku.export.Labels;
import org.honkoku.store.StoredBox;

/** A character box as a reviewer sees it: the machine's readings, the reviewer's, and its version. */
public record ReviewBox(long id, long pageId, int column, int order, int x, int y, int w, int h,
                        String predicted, float confidence, List<Candidate> alternatives,
                        String reviewed, String reviewedBy, Instant reviewedAt, int version,
                        boolean geometryReviewed) {

    public boolean isReviewed() {
        return reviewed != null;
    }

    public boolean isDeleted() {
        return StoredBox.DELETED.equals(reviewed);
    }

    /** The reading that counts: the reviewer's when there is one. */
    public String label() {
        return reviewed != null ? reviewed : predicted;
    }

    /** The character to show (〓 for rare; a deleted box shows as empty). */
    public String character() {
        return isDeleted() ? "" : Labels.character(label());
    }

    public int bottom() {
        return y + h;
    }
}
