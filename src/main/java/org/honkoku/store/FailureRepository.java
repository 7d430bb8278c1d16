package org.honkoku.store;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.honkoku.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Every failure of a page with its stack trace ({@code page_failure}): the page row carries the reason an
 * archivist reads, and the failure's id as the reference to what a developer needs. Kept across retries.
 */
@Repository
public class FailureRepository {

    static final int MAX_TRACE = 16000;

    private final JdbcTemplate jdbc;

    public FailureRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param error what was thrown, or null when nothing was (the process died) */
    public long record(long pageId, Long jobExecutionId, String reason, Throwable error) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO page_failure (page_id, job_execution_id, failed_at, reason, exception, stack_trace)
                    VALUES (?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            ps.setLong(1, pageId);
            ps.setObject(2, jobExecutionId);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.setString(4, PageRepository.truncate(reason));
            ps.setString(5, error == null ? null : cut(error.getClass().getName(), 512));
            ps.setString(6, error == null ? null : cut(stackTrace(error), MAX_TRACE));
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    public Optional<Failure> find(long id) {
        return jdbc.query("""
                SELECT f.id, f.page_id, p.source_path, p.page_no, f.job_execution_id, f.failed_at, f.reason,
                       f.exception, f.stack_trace
                FROM page_failure f JOIN page p ON p.id = f.page_id WHERE f.id = ?""", FailureRepository::failure, id)
                .stream().findFirst();
    }

    /** The failed pages of the current versions, newest failure first. */
    public List<Failure> failedPages(int limit) {
        return jdbc.query("""
                SELECT f.id, p.id, p.source_path, p.page_no, f.job_execution_id, COALESCE(f.failed_at, p.processed_at),
                       p.error, f.exception, NULL
                FROM page p LEFT JOIN page_failure f ON f.id = p.failure_id
                WHERE p.status = ? AND p.superseded_by IS NULL
                ORDER BY COALESCE(f.failed_at, p.processed_at) DESC, p.id DESC FETCH FIRST ? ROWS ONLY""",
                FailureRepository::failure, PageRepository.FAILED, limit);
    }

    private static Failure failure(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp at = rs.getTimestamp(6);
        return new Failure(rs.getObject(1) == null ? null : rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getInt(4), rs.getObject(5) == null ? null : rs.getLong(5), Timestamps.instant(at),
                rs.getString(7), rs.getString(8), rs.getString(9));
    }

    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** One failure; {@code id} is null for a page failed before failures were recorded (schema V2). */
    public record Failure(Long id, long pageId, String sourcePath, int pageNo, Long jobExecutionId, Instant failedAt,
                          String reason, String exception, String stackTrace) {
    }
}
