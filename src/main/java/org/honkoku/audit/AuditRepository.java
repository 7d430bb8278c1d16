package org.honkoku.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The review log (table {@code review_action}): every review action with who, when, the box and page,
 * and the box before and after. Written by the review service in the action's own transaction.
 */
@Repository
public class AuditRepository {

    private final JdbcTemplate jdbc;

    public AuditRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String action, long boxId, long pageId, String user, Instant at, String before, String after) {
        jdbc.update("""
                INSERT INTO review_action (box_id, page_id, action, username, acted_at, before_state, after_state)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", boxId, pageId, action, user, Timestamp.from(at), before, after);
    }

    /** The newest entries first, optionally only one user's, one page's or one box's. */
    public List<AuditEntry> latest(String user, Long pageId, Long boxId, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, box_id, page_id, action, username, acted_at, before_state, after_state
                FROM review_action WHERE 1 = 1""");
        List<Object> args = new ArrayList<>();
        if (user != null && !user.isBlank()) {
            sql.append(" AND username = ?");
            args.add(user);
        }
        if (pageId != null) {
            sql.append(" AND page_id = ?");
            args.add(pageId);
        }
        if (boxId != null) {
            sql.append(" AND box_id = ?");
            args.add(boxId);
        }
        sql.append(" ORDER BY acted_at DESC, id DESC FETCH FIRST ? ROWS ONLY");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                rs.getString(7), rs.getString(8)), args.toArray());
    }

    /** One line of the review log. */
    public record AuditEntry(long id, long boxId, long pageId, String action, String user, Instant at,
                             String before, String after) {
    }
}
