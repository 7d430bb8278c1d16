package org.honkoku.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.honkoku.Timestamps;
import org.honkoku.classify.Prediction;
import org.honkoku.store.Alternatives;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredBox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Boxes for review: reading them, the queue, and the writes of review actions (callers hold the lock). */
@Repository
public class ReviewBoxRepository {

    private static final String COLUMNS = """
            b.id, b.page_id, b.column_no, b.order_no, b.x, b.y, b.w, b.h, b.predicted, b.confidence,
            b.alternatives, b.reviewed, b.reviewed_by, b.reviewed_at, b.version, b.geometry_reviewed""";
    private static final RowMapper<ReviewBox> ROW = ReviewBoxRepository::map;

    private final JdbcTemplate jdbc;

    /** A box in the review queue, with the page it is on. */
    record QueueItem(ReviewBox box, String imageId) {
    }

    public ReviewBoxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReviewBox> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM box b WHERE b.id = ?", ROW, id).stream().findFirst();
    }

    /**
     * Locks a box's row until the transaction ends and reads it: two reviewers saving the same box are
     * serialised here, so the second one sees the first one's version (on H2 and PostgreSQL alike).
     */
    Optional<ReviewBox> lock(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM box b WHERE b.id = ? FOR UPDATE", ROW, id)
                .stream().findFirst();
    }

    /** A page's boxes in reading order, deleted ones left out. */
    public List<ReviewBox> onPage(long pageId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM box b WHERE b.page_id = ?"
                + " AND (b.reviewed IS NULL OR b.reviewed <> ?) ORDER BY b.column_no, b.order_no, b.id",
                ROW, pageId, StoredBox.DELETED);
    }

    /** The next box below in the same column (for merging), deleted ones skipped. */
    Optional<ReviewBox> below(ReviewBox box) {
        return jdbc.query("SELECT " + COLUMNS + " FROM box b WHERE b.page_id = ? AND b.column_no = ?"
                + " AND (b.order_no > ? OR (b.order_no = ? AND b.id > ?)) AND (b.reviewed IS NULL OR b.reviewed <> ?)"
                + " ORDER BY b.order_no, b.id FETCH FIRST 1 ROWS ONLY",
                ROW, box.pageId(), box.column(), box.order(), box.order(), box.id(), StoredBox.DELETED)
                .stream().findFirst();
    }

    /**
     * The review queue of {@code user}: unreviewed characters of transcribed pages, least confident first,
     * after the position {@code (afterConfidence, afterId)} (keyset paging, so skipped ones stay behind),
     * leaving out those another reviewer holds at {@code now} (see {@link QueueLeases}).
     */
    List<QueueItem> queue(String user, Instant now, Long manuscriptId, Float afterConfidence, Long afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", p.image_id FROM box b"
                + " JOIN page p ON p.id = b.page_id WHERE b.reviewed IS NULL AND p.status = ?"
                // a page superseded by a changed file keeps its reviews, but is not worth new ones
                + " AND p.superseded_by IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM queue_lease l WHERE l.box_id = b.id AND l.username <> ? AND l.until > ?)");
        List<Object> args = new java.util.ArrayList<>(List.of(PageRepository.DONE, user, Timestamp.from(now)));
        if (manuscriptId != null) {
            sql.append(" AND p.manuscript_id = ?");
            args.add(manuscriptId);
        }
        if (afterConfidence != null && afterId != null) {
            sql.append(" AND (b.confidence > ? OR (b.confidence = ? AND b.id > ?))");
            args.addAll(List.of(afterConfidence, afterConfidence, afterId));
        }
        sql.append(" ORDER BY b.confidence, b.id FETCH FIRST ? ROWS ONLY");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new QueueItem(map(rs, i), rs.getString(17)), args.toArray());
    }

    /** The image id of a box's page, for labels in the UI. */
    String imageId(long pageId) {
        return jdbc.queryForObject("SELECT image_id FROM page WHERE id = ?", String.class, pageId);
    }

    /** Sets a box's reading (or {@link StoredBox#DELETED}) as a reviewer's and bumps its version. */
    void review(long id, String reviewed, boolean geometryReviewed, String user, Instant at) {
        jdbc.update("""
                UPDATE box SET reviewed = ?, reviewed_by = ?, reviewed_at = ?, version = version + 1,
                               geometry_reviewed = (geometry_reviewed OR ?)
                WHERE id = ?""", reviewed, user, Timestamp.from(at), geometryReviewed, id);
    }

    /** A reviewer's new outline for a box, read afresh by the classifier; its reading is open again. */
    void reshape(long id, int x, int y, int w, int h, Prediction prediction, String user, Instant at) {
        jdbc.update("""
                UPDATE box SET x = ?, y = ?, w = ?, h = ?, predicted = ?, confidence = ?, alternatives = ?,
                               reviewed = NULL, reviewed_by = ?, reviewed_at = ?, version = version + 1,
                               geometry_reviewed = TRUE
                WHERE id = ?""", x, y, w, h, prediction.best().label(), prediction.confidence(),
                Alternatives.format(prediction), user, Timestamp.from(at), id);
        // its embedding was of the old outline: the glyph memory makes it again from the page when needed
        jdbc.update("DELETE FROM box_reading WHERE box_id = ?", id);
    }

    /** Makes room in a column's reading order: every box after {@code order} moves one down. */
    void shiftOrder(long pageId, int column, int order) {
        jdbc.update("UPDATE box SET order_no = order_no + 1 WHERE page_id = ? AND column_no = ? AND order_no > ?",
                pageId, column, order);
    }

    /** A box a reviewer drew (by splitting one); returns its id. */
    long insert(long pageId, int column, int order, int x, int y, int w, int h, Prediction prediction,
                String user, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO box (page_id, column_no, order_no, x, y, w, h, predicted, confidence, alternatives,
                                     reviewed_by, reviewed_at, geometry_reviewed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)""", new String[] {"id"});
            Object[] values = {pageId, column, order, x, y, w, h, prediction.best().label(),
                    prediction.confidence(), Alternatives.format(prediction), user, Timestamp.from(at)};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    private static ReviewBox map(ResultSet rs, int row) throws SQLException {
        Timestamp at = rs.getTimestamp(14);
        return new ReviewBox(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getFloat(10), Alternatives.parse(rs.getString(11)),
                rs.getString(12), rs.getString(13), Timestamps.instant(at), rs.getInt(15),
                rs.getBoolean(16));
    }
}
