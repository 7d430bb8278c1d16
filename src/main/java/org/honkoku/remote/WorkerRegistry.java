package org.honkoku.remote;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.honkoku.Timestamps;
import org.honkoku.ops.RunLiveness;
import org.honkoku.ops.RunRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The worker processes of distributed runs ({@code worker}): each registers itself when it starts, keeps a
 * heartbeat while it runs and records its end. A worker that has not ended is dead when its process is gone
 * from this host (seen at once, as after {@code kill -9}) or its heartbeat is older than the lease
 * ({@code honkoku.jobs.lease}, for a worker on another machine): {@link RunLiveness} judges it as it judges runs.
 */
@Repository
public class WorkerRegistry {

    private final JdbcTemplate jdbc;
    private final RunLiveness liveness;

    public WorkerRegistry(JdbcTemplate jdbc, RunLiveness liveness) {
        this.jdbc = jdbc;
        this.liveness = liveness;
    }

    /** A new name for this process as a worker: host, pid and a random part (a pid is reused in time). */
    public static String newWorkerId() {
        return RunRegistry.HOST + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    public void register(String id, String broker, int threads) {
        Timestamp now = Timestamp.from(Instant.now());
        ProcessHandle self = ProcessHandle.current();
        jdbc.update("""
                INSERT INTO worker (id, host, pid, process_started, broker, threads, started_at, heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, RunRegistry.HOST, self.pid(),
                self.info().startInstant().map(Timestamp::from).orElse(null), broker, threads, now, now);
    }

    public void heartbeat(String id) {
        jdbc.update("UPDATE worker SET heartbeat_at = ? WHERE id = ?", Timestamp.from(Instant.now()), id);
    }

    public void end(String id) {
        jdbc.update("UPDATE worker SET ended_at = ? WHERE id = ?", Timestamp.from(Instant.now()), id);
    }

    /** Workers that have not ended, newest first, with whether each is alive. */
    public List<Worker> running() {
        return jdbc.query("""
                SELECT id, host, pid, process_started, heartbeat_at, threads FROM worker WHERE ended_at IS NULL
                ORDER BY started_at DESC""", (rs, i) -> worker(rs.getString(1), rs.getString(2), rs.getLong(3),
                Timestamps.instant(rs.getTimestamp(4)), Timestamps.instant(rs.getTimestamp(5)), rs.getInt(6)));
    }

    public Optional<Worker> find(String id) {
        return jdbc.query("""
                SELECT id, host, pid, process_started, heartbeat_at, threads, ended_at FROM worker WHERE id = ?""",
                (rs, i) -> rs.getTimestamp(7) != null
                        ? new Worker(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(6), Status.ENDED, null)
                        : worker(rs.getString(1), rs.getString(2), rs.getLong(3),
                                Timestamps.instant(rs.getTimestamp(4)), Timestamps.instant(rs.getTimestamp(5)),
                                rs.getInt(6)), id).stream().findFirst();
    }

    /** The workers that hold pages of a job execution and are dead, or ended without giving them back. */
    public List<String> deadHolding(long jobExecutionId) {
        return jdbc.queryForList("""
                SELECT DISTINCT claimed_worker FROM page
                WHERE status = 'RUNNING' AND claimed_by = ? AND claimed_worker IS NOT NULL""", String.class,
                jobExecutionId).stream()
                .filter(id -> find(id).map(w -> w.status() != Status.ALIVE).orElse(true))
                .toList();
    }

    /** Pages of a job execution each worker finished (done or failed), with its first claim and last write. */
    public List<WorkerShare> shares(long jobExecutionId) {
        return jdbc.query("""
                SELECT claimed_worker, COUNT(*), SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END),
                       MIN(claimed_at), MAX(processed_at)
                FROM page WHERE claimed_by = ? AND claimed_worker IS NOT NULL AND status IN ('DONE', 'FAILED')
                GROUP BY claimed_worker ORDER BY claimed_worker""",
                (rs, i) -> new WorkerShare(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        Timestamps.instant(rs.getTimestamp(4)), Timestamps.instant(rs.getTimestamp(5))),
                jobExecutionId);
    }

    private Worker worker(String id, String host, long pid, Instant processStarted, Instant heartbeat, int threads) {
        String why = liveness.whyDead(new RunRegistry.RunProcess(host, pid, processStarted, heartbeat, null))
                .orElse(null);
        return new Worker(id, host, pid, threads, why == null ? Status.ALIVE : Status.DEAD, why);
    }

    public enum Status { ALIVE, DEAD, ENDED }

    /** A worker as its last heartbeat shows it; {@code whyDead} only when DEAD. */
    public record Worker(String id, String host, long pid, int threads, Status status, String whyDead) {
    }

    /** What one worker did for a run: pages finished (of them failed) between its first claim and last write. */
    public record WorkerShare(String worker, int pages, int failed, Instant firstClaim, Instant lastWrite) {

        /** Pages per second over the worker's stretch of the run. */
        public double pagesPerSecond() {
            if (firstClaim == null || lastWrite == null || !lastWrite.isAfter(firstClaim)) {
                return 0;
            }
            return pages / (Duration.between(firstClaim, lastWrite).toMillis() / 1000.0);
        }
    }
}
