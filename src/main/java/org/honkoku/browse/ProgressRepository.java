package org.honkoku.browse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredBox;
import org.honkoku.store.StoredPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Manuscripts and pages with their review progress, counted in the database (never box by box). */
@Repository
public class ProgressRepository {

    /** Boxes that count as characters: a false box a reviewer deleted does not. */
    private static final String LIVE = "(b.reviewed IS NULL OR b.reviewed <> '" + StoredBox.DELETED + "')";
    /**
     * Pages that are the current version of their source: a page replaced by a newer version of its file keeps
     * its boxes and reviews, and opens by its id, but is neither listed nor counted (as in the queue and exports).
     */
    private static final String CURRENT = "p.superseded_by IS NULL";
    private static final String PAGE = """
            SELECT p.id, p.manuscript_id, m.name, p.image_id, p.page_no, p.status, p.error, p.width, p.height,
                   COUNT(b.id), COUNT(b.reviewed), AVG(b.confidence), p.source_path, p.sha256, p.byte_size,
                   p.quarter_turns
            FROM page p JOIN manuscript m ON m.id = p.manuscript_id
            LEFT JOIN box b ON b.page_id = p.id AND %s
            WHERE %s
            GROUP BY p.id, p.manuscript_id, m.name, p.image_id, p.page_no, p.status, p.error, p.width, p.height,
                     p.source_path, p.sha256, p.byte_size, p.quarter_turns
            ORDER BY p.image_id, p.page_no, p.id""";

    private final JdbcTemplate jdbc;

    public ProgressRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String MANUSCRIPT = """
            SELECT m.id, m.name, m.source_path, m.kind,
                   (SELECT COUNT(*) FROM page p WHERE p.manuscript_id = m.id AND %1$s),
                   (SELECT COUNT(*) FROM page p WHERE p.manuscript_id = m.id AND %1$s AND p.status = 'DONE'),
                   (SELECT COUNT(*) FROM page p WHERE p.manuscript_id = m.id AND %1$s AND p.status = 'FAILED'),
                   COUNT(b.id), COUNT(b.reviewed), AVG(b.confidence)
            FROM manuscript m
            LEFT JOIN page p ON p.manuscript_id = m.id AND %1$s
            LEFT JOIN box b ON b.page_id = p.id AND %2$s
            WHERE %3$s
            GROUP BY m.id, m.name, m.source_path, m.kind
            ORDER BY m.name, m.id""";

    public List<ManuscriptSummary> manuscripts() {
        return jdbc.query(MANUSCRIPT.formatted(CURRENT, LIVE, "1 = 1"), ProgressRepository::manuscript);
    }

    public Optional<ManuscriptSummary> manuscript(long id) {
        return jdbc.query(MANUSCRIPT.formatted(CURRENT, LIVE, "m.id = ?"), ProgressRepository::manuscript, id)
                .stream().findFirst();
    }

    private static ManuscriptSummary manuscript(ResultSet rs, int row) throws SQLException {
        return new ManuscriptSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getDouble(10));
    }

    public List<PageSummary> pages(long manuscriptId) {
        return jdbc.query(PAGE.formatted(LIVE, "p.manuscript_id = ? AND " + CURRENT), ProgressRepository::page, manuscriptId);
    }

    public Optional<PageSummary> page(long pageId) {
        return jdbc.query(PAGE.formatted(LIVE, "p.id = ?"), ProgressRepository::page, pageId).stream().findFirst();
    }

    private static PageSummary page(ResultSet rs, int row) throws SQLException {
        StoredPage source = new StoredPage(rs.getLong(1), rs.getString(13), rs.getString(4), rs.getString(14),
                rs.getLong(15), rs.getInt(5), rs.getInt(16));
        return new PageSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                rs.getDouble(12), source);
    }

    /** A page's source, for its images: a light lookup, without the progress counts. */
    public Optional<StoredPage> source(long pageId) {
        return sources("id = ?", pageId);
    }

    /** A transcribed (done) page's source: what the scan and crop images may show. */
    public Optional<StoredPage> transcribedSource(long pageId) {
        return sources("id = ? AND status = ?", pageId, PageRepository.DONE);
    }

    private Optional<StoredPage> sources(String where, Object... args) {
        return jdbc.query("SELECT id, source_path, image_id, sha256, byte_size, page_no, quarter_turns FROM page WHERE " + where,
                (rs, i) -> new StoredPage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getInt(7)), args).stream().findFirst();
    }

    /** Where a box is: its page and outline (for its images). */
    public Optional<int[]> outline(long boxId) {
        return jdbc.query("SELECT page_id, x, y, w, h FROM box WHERE id = ?",
                (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)}, boxId)
                .stream().findFirst();
    }
}
