package org.honkoku.review;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Characters of the review queue held for one reviewer until a moment (table {@code queue_lease}). Each
 * statement commits on its own: taking a lease is an update that succeeds only on the reviewer's own or a
 * lapsed lease, else an insert that the primary key lets only one reviewer win. A lapsed lease stays until it
 * is taken again or its box goes: the table never holds more rows than there are boxes.
 */
@Repository
class QueueLeases {

    private final JdbcTemplate jdbc;

    QueueLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds a box for {@code user} until {@code until}; false when another reviewer holds it now. */
    boolean take(long boxId, String user, Instant now, Instant until) {
        int updated = jdbc.update("UPDATE queue_lease SET username = ?, until = ? WHERE box_id = ?"
                + " AND (username = ? OR until <= ?)", user, Timestamp.from(until), boxId, user, Timestamp.from(now));
        if (updated == 1) {
            return true;
        }
        try {
            return jdbc.update("INSERT INTO queue_lease (box_id, username, until) VALUES (?, ?, ?)",
                    boxId, user, Timestamp.from(until)) == 1;
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }
}
