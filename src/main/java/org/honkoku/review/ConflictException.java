package org.honkoku.review;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A reviewer acted on a box that someone changed after they loaded it: nothing was saved. */
public class ConflictException extends RuntimeException {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final transient ReviewBox current;

    ConflictException(ReviewBox current) {
        super(message(current));
        this.current = current;
    }

    public ReviewBox current() {
        return current;
    }

    private static String message(ReviewBox b) {
        String who = b.reviewedBy() == null ? "someone" : b.reviewedBy();
        String when = b.reviewedAt() == null ? "" : " at " + TIME.format(b.reviewedAt());
        String now = b.isDeleted() ? "it is now deleted as a false box"
                : b.isReviewed() ? "it now reads " + b.character() + " (reviewed)"
                : "it now reads " + b.character() + " (machine, outline changed)";
        return who + " changed this character" + when + " while you had it open: " + now
                + ". Your change was not saved; look at it again and decide.";
    }
}
