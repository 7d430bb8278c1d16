package org.honkoku.ingest;

/**
 * A source file that cannot become a page: the message is the reason an archivist reads in the
 * page's record, so it says what is wrong with the file, not where the code noticed.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String reason) {
        super(reason);
    }

    public BadInputException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
