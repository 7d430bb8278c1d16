package org.honkoku.browse;

import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;

/**
 * A page with its review progress: characters (deleted false boxes not counted), how many a person has
 * checked, the mean machine confidence, and for a failed page its reason.
 */
public record PageSummary(long id, long manuscriptId, String manuscript, String imageId, int pageNo,
                          String status, String error, int width, int height, int characters, int reviewed,
                          double meanConfidence, StoredPage source) {

    public boolean isDone() {
        return PageRepository.DONE.equals(status);
    }

    public boolean isFailed() {
        return PageRepository.FAILED.equals(status);
    }
}
