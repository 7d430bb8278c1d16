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

/**
 * Manuscripts and pages: registration by identity (a changed file becoming a new version), status changes,
 * and what is left to do. Claiming pages for a run is {@link PageClaims}.
 */
@Repository
public class PageRepository {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    private final JdbcTemplate jdbc;
    private final Claimant claimant;
    private static final org.springframework.jdbc.core.RowMapper<StoredPage> STORED_PAGE =
            (rs, i) -> new StoredPage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getLong(5), rs.getInt(6), rs.getInt(7));

    public PageRepository(JdbcTemplate jdbc, Claimant claimant) {
        this.jdbc = jdbc;
        this.claimant = claimant;
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
                ps.setString(3, file.manuscriptName());
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
        return insert(page, PENDING, null, null) != null;
    }

    /**
     * Records a source file that could not even be opened as a failed page, with the reason.
     *
     * @return the new page's id, or null when the page was known already
     */
    public Long registerFailed(PageRef page, String reason, Long jobExecutionId) {
        return insert(page, FAILED, reason, jobExecutionId);
    }

    private Long insert(PageRef page, String status, String reason, Long jobExecutionId) {
        if (exists(page.sha256(), page.pageNo())) {
            return null;
        }
        long manuscript = manuscriptId(page.source());
        String path = page.source().path().toString();
        // the same path and page with other bytes: the file changed, and this page is its next version
        List<long[]> previous = jdbc.query("""
                SELECT id, source_version FROM page WHERE source_path = ? AND page_no = ? AND superseded_by IS NULL
                ORDER BY source_version DESC""", (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
                path, page.pageNo());
        int version = previous.isEmpty() ? 1 : (int) previous.get(0)[1] + 1;
        Timestamp now = Timestamp.from(Instant.now());
        long id;
        try {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(con -> {
                var ps = con.prepareStatement("""
                        INSERT INTO page (manuscript_id, source_path, image_id, sha256, page_no, byte_size, status,
                                          error, processed_at, source_version, claimed_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
                ps.setLong(1, manuscript);
                ps.setString(2, path);
                ps.setString(3, page.imageId());
                ps.setString(4, page.sha256());
                ps.setInt(5, page.pageNo());
                ps.setLong(6, page.byteSize());
                ps.setString(7, status);
                ps.setString(8, truncate(reason));
                ps.setTimestamp(9, reason == null ? null : now);
                ps.setInt(10, version);
                ps.setObject(11, jobExecutionId);
                return ps;
            }, key);
            id = key.getKey().longValue();
        } catch (DuplicateKeyException raced) {
            return null;
        }
        for (long[] older : previous) {
            jdbc.update("UPDATE page SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL", id, older[0]);
        }
        return id;
    }

    public boolean exists(String sha256, int pageNo) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE sha256 = ? AND page_no = ?",
                Integer.class, sha256, pageNo);
        return n != null && n > 0;
    }

    /** The pages waiting for a run, oldest first; superseded versions are history, never worked on. */
    public List<StoredPage> pending() {
        return jdbc.query("""
                SELECT id, source_path, image_id, sha256, byte_size, page_no, quarter_turns FROM page
                WHERE status = ? AND superseded_by IS NULL ORDER BY id""",
                STORED_PAGE,
                PENDING);
    }

    /** Those of {@code ids} that are still pending (a partition of a distributed run), oldest first. */
    public List<StoredPage> pendingAmong(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        List<Object> parameters = new java.util.ArrayList<>(ids);
        parameters.add(PENDING);
        return jdbc.query("""
                SELECT id, source_path, image_id, sha256, byte_size, page_no, quarter_turns FROM page
                WHERE id IN (""" + marks + ") AND status = ? AND superseded_by IS NULL ORDER BY id",
                STORED_PAGE,
                parameters.toArray());
    }

    /** Pages a job execution holds (claimed, not finished). */
    public int countHeldBy(long jobExecutionId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE status = 'RUNNING' AND claimed_by = ?",
                Integer.class, jobExecutionId);
        return n == null ? 0 : n;
    }

    /** Pending pages of the current versions: what a run has still to do. */
    public int countPending() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE status = ? AND superseded_by IS NULL",
                Integer.class, PENDING);
        return n == null ? 0 : n;
    }

    /**
     * Marks a page failed with its reason, if the page is still claimed by {@code jobExecutionId}: a run that
     * lost its claim (it was taken for dead) changes nothing. The failure record with the stack trace is
     * linked after ({@link #setFailure}), so that only a page that was marked gets one.
     *
     * @return whether the page was marked
     */
    @Transactional
    public boolean markFailed(long pageId, long jobExecutionId, String reason) {
        return jdbc.update("""
                UPDATE page SET status = ?, error = ?, failure_id = NULL, processed_at = ?
                WHERE id = ? AND\s""" + Claimant.HELD,
                FAILED, truncate(reason), Timestamp.from(Instant.now()), pageId, jobExecutionId,
                claimant.worker()) == 1;
    }

    /**
     * Puts failed pages of the current versions back in the queue: all, or those whose source is one of
     * {@code paths} or lies under one of them. Their failure records stay.
     */
    public int requeueFailed(List<String> paths) {
        return requeue("status = ?", List.of(FAILED), paths);
    }

    /**
     * Puts the done pages that another model read (of the given paths, or all) back in the queue, to be read
     * again by {@code modelVersion}: the boxes a person decided on stay (see {@link BoxRepository#save}).
     * Superseded versions are left alone.
     */
    public int requeueReadByAnotherModel(List<String> paths, String modelVersion) {
        return requeue("status = ? AND (model_version IS NULL OR model_version <> ?)", List.of(DONE, modelVersion),
                paths);
    }

    private int requeue(String condition, List<Object> args, List<String> paths) {
        String sql = "UPDATE page SET status = ?, error = NULL WHERE " + condition + " AND superseded_by IS NULL";
        List<Object> all = new java.util.ArrayList<>();
        all.add(PENDING);
        all.addAll(args);
        if (paths.isEmpty()) {
            return jdbc.update(sql, all.toArray());
        }
        int requeued = 0;
        for (String path : paths) {
            String under = (path.endsWith("/") ? path : path + "/").replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            List<Object> these = new java.util.ArrayList<>(all);
            these.addAll(List.of(path, under));
            requeued += jdbc.update(sql + " AND (source_path = ? OR source_path LIKE ? ESCAPE '\\')", these.toArray());
        }
        return requeued;
    }

    /** Points a page at the failure that explains it. */
    public void setFailure(long pageId, long failureId) {
        jdbc.update("UPDATE page SET failure_id = ? WHERE id = ?", failureId, pageId);
    }

    /** Pages of the current versions (superseded ones left out) with this status. */
    public int countByStatus(String status) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE status = ? AND superseded_by IS NULL",
                Integer.class, status);
        return n == null ? 0 : n;
    }

    static String truncate(String reason) {
        return reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
    }
}
