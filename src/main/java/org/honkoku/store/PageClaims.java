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
    private final PageRepository pages;

    public PageClaims(JdbcTemplate jdbc, PlatformTransactionManager tx, FailureRepository failures,
                      PageRepository pages) {
        this.jdbc = jdbc;
        this.failures = failures;
        this.pages = pages;
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

    /**
     * Gives back the pages an execution still holds when it ends without finishing them (a fatal error, a
     * stop): not a crash, so not counted as one.
     */
    public int release(long jobExecutionId) {
        return jdbc.update("UPDATE page SET status = ? WHERE status = ? AND claimed_by = ?",
                PageRepository.PENDING, RUNNING, jobExecutionId);
    }

    /**
     * Gives the pages of dead runs back to the queue, counting the crash against each. A page whose runs died
     * with it in hand {@code maxCrashes} times (a page that crashes the process, or exhausts its memory) is
     * failed instead, so that one page cannot stop every night's run at the same place. Each page changes in
     * one conditional update, so two runs recovering at once count a crash once.
     */
    public Recovered recoverOrphans(int maxCrashes) {
        List<Long> poisoned = jdbc.queryForList("SELECT id FROM page WHERE crashes + 1 >= ? AND " + ORPHANED,
                Long.class, maxCrashes);
        int failed = 0;
        for (long pageId : poisoned) {
            String reason = "the process transcribing this page died " + maxCrashes + " times before it was done"
                    + " (crash, kill or out of memory): not claimed again (honkoku.jobs.max-crashes);"
                    + " retry-failed tries it once more";
            int changed = jdbc.update("""
                    UPDATE page SET status = ?, error = ?, crashes = crashes + 1, processed_at = ?
                    WHERE id = ? AND\s""" + ORPHANED, PageRepository.FAILED, reason, Timestamp.from(Instant.now()),
                    pageId);
            if (changed == 1) {
                long failure = failures.record(pageId, null, reason, null);
                pages.setFailure(pageId, failure);
                failed++;
            }
        }
        int requeued = jdbc.update("UPDATE page SET status = ?, crashes = crashes + 1 WHERE " + ORPHANED,
                PageRepository.PENDING);
        return new Recovered(requeued, failed);
    }

    /** What {@link #recoverOrphans} did: pages given back to the queue, pages failed as poisonous. */
    public record Recovered(int requeued, int failed) {
    }
}
