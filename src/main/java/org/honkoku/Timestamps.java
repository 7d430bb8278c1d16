package org.honkoku;

import java.sql.Timestamp;
import java.time.Instant;

/** JDBC timestamps as {@link Instant}s, a null column staying null. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
