package org.honkoku.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.honkoku.ingest.PageRef;
import org.honkoku.ingest.SourceFile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Manuscripts and pages: registration by identity, status changes, and what is left to do. */
@Repository
public class PageRepository {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    private final JdbcTemplate jdbc;

    public PageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The manuscript a source file belongs to, created on first sight. */
    public long manuscriptId(SourceFile file) {
        String path = file.manuscriptPath().toString();
        List<Long> ids = jdbc.queryForList("SELECT id FROM manuscript WHERE source_path = ?", Long.class, path);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        try {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(con -> {
                var ps = con.prepareStatement(
                        "INSERT INTO manuscript (source_path, kind, name) VALUES (?, ?, ?)", new String[] {"id"});
                ps.setString(1, path);
                ps.setString(2, file.isPdf() ? "PDF" : "FOLDER");
                ps.setString(3, file.manuscriptPath().getFileName().toString());
                return ps;
            }, key);
            return key.getKey().longValue();
        } catch (DuplicateKeyException raced) {
            return jdbc.queryForObject("SELECT id FROM manuscript WHERE source_path = ?", Long.class, path);
        }
    }

    /**
     * Records a page to transcribe unless a page with the same identity (hash, page number) is known:
     * returns false for a page seen before, whatever its status, so a re-run does no work twice.
     */
    public boolean register(PageRef page) {
        return insert(page, PENDING, null);
    }

    /** Records a source file that could not even be opened as a failed page, with the reason. */
    public boolean registerFailed(PageRef page, String reason) {
        return insert(page, FAILED, reason);
    }

    private boolean insert(PageRef page, String status, String reason) {
        if (exists(page.sha256(), page.pageNo())) {
            return false;
        }
        long manuscript = manuscriptId(page.source());
        try {
            jdbc.update("""
                    INSERT INTO page (manuscript_id, source_path, image_id, sha256, page_no, byte_size, status, error,
                                      processed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    manuscript, page.source().path().toString(), page.imageId(), page.sha256(), page.pageNo(),
                    page.byteSize(), status, truncate(reason), reason == null ? null : Timestamp.from(Instant.now()));
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    public boolean exists(String sha256, int pageNo) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE sha256 = ? AND page_no = ?",
                Integer.class, sha256, pageNo);
        return n != null && n > 0;
    }

    public List<StoredPage> pending() {
        return jdbc.query("""
                SELECT id, source_path, image_id, sha256, byte_size, page_no FROM page
                WHERE status = ? ORDER BY id""",
                (rs, i) -> new StoredPage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6)),
                PENDING);
    }

    @Transactional
    public void markFailed(long pageId, String reason) {
        jdbc.update("UPDATE page SET status = ?, error = ?, processed_at = ? WHERE id = ?",
                FAILED, truncate(reason), Timestamp.from(Instant.now()), pageId);
    }

    public int countByStatus(String status) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE status = ?", Integer.class, status);
        return n == null ? 0 : n;
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
    }
}
