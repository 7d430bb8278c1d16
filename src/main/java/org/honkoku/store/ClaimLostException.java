package org.honkoku.store;

/**
 * A run tried to finish a page that is no longer its own: it was taken for dead (no heartbeat within the
 * lease) and the page went back to the queue or to another run. Nothing of its work is written.
 */
public class ClaimLostException extends RuntimeException {

    public ClaimLostException(long pageId, long jobExecutionId) {
        super("page " + pageId + " is no longer claimed by job execution " + jobExecutionId
                + " (taken for dead and given to another run): its result is discarded");
    }
}
