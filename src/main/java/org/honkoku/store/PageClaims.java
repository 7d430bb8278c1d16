package org.honkoku.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which run works on which page. A run claims a pending page with a conditional update committed at once
 * (its own transaction, not the chunk's), so a second run, in this process or another, sees the page taken
 * and moves on. A claim outlives its run only when the run died: {@link #recoverOrphans} gives such pages
 * back once Spring Batch's tables no longer show their execution running (the launcher marks a crashed
 * execution FAILED first).
 */
@Repository
public class PageClaims {

    public static final String RUNNING = "RUNNING";

    /** Claims whose execution is not running any more: ended, failed, or marked failed after a crash. */
    private static final String ORPHANED = """
            status = 'RUNNING' AND (claimed_by IS NULL OR claimed_by NOT IN (
                SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')))""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final FailureRepository failures;

    public PageClaims(JdbcTemplate jdbc, PlatformTransactionManager tx, FailureRepository failures) {
        this.jdbc = jdbc;
        this.failures = failures;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Takes a pending page for a job execution; false when another run has taken it (or it is no longer pending). */
    public boolean claim(long pageId, long jobExecutionId) {
        Integer updated = ownTransaction.execute(status -> jdbc.update("""
                UPDATE page SET status = ?, claimed_by = ?, claimed_at = ?, attempts = attempts + 1
                WHERE id = ? AND status = ? AND superseded_by IS NULL""",
                RUNNING, jobExecutionId, Timestamp.from(Instant.now()), pageId, PageRepository.PENDING));
        return updated != null && updated == 1;
    }

    /** Gives back the pages an execution still holds, when it ends without finishing them (a fatal error). */
    public int release(long jobExecutionId) {
        return jdbc.update("UPDATE page SET status = ? WHERE status = ? AND claimed_by = ?",
                PageRepository.PENDING, RUNNING, jobExecutionId);
    }

    /**
     * Gives the pages of dead runs back to the queue. A page whose claimers died {@code maxAttempts} times
     * (a page that crashes the process, or exhausts its memory) is failed instead, so that one page cannot
     * stop every night's run at the same place.
     */
    public Recovered recoverOrphans(int maxAttempts) {
        List<Long> poisoned = jdbc.queryForList("SELECT id FROM page WHERE attempts >= ? AND " + ORPHANED,
                Long.class, maxAttempts);
        int failed = 0;
        for (long pageId : poisoned) {
            String reason = "the process transcribing this page stopped " + maxAttempts + " times before it was"
                    + " done (crash, kill or out of memory): not claimed again (honkoku.jobs.max-attempts);"
                    + " retry-failed tries it once more";
            long failure = failures.record(pageId, null, reason, null);
            failed += jdbc.update("UPDATE page SET status = ?, error = ?, failure_id = ?, processed_at = ? WHERE id = ? AND "
                    + ORPHANED, PageRepository.FAILED, reason, failure, Timestamp.from(Instant.now()), pageId);
        }
        int requeued = jdbc.update("UPDATE page SET status = ? WHERE " + ORPHANED, PageRepository.PENDING);
        return new Recovered(requeued, failed);
    }

    /** What {@link #recoverOrphans} did: pages given back to the queue, pages failed as poisonous. */
    public record Recovered(int requeued, int failed) {
    }
}
