package org.honkoku.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
    private final Claimant claimant;

    public PageClaims(JdbcTemplate jdbc, PlatformTransactionManager tx, FailureRepository failures,
                      PageRepository pages, Claimant claimant) {
        this.jdbc = jdbc;
        this.claimant = claimant;
        this.failures = failures;
        this.pages = pages;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Takes a pending page for a job execution; false when another run has taken it (or it is no longer pending). */
    public boolean claim(long pageId, long jobExecutionId) {
        Integer updated = ownTransaction.execute(status -> jdbc.update("""
                UPDATE page SET status = ?, claimed_by = ?, claimed_worker = ?, claimed_at = ?, attempts = attempts + 1
                WHERE id = ? AND status = ? AND superseded_by IS NULL""",
                RUNNING, jobExecutionId, claimant.column(), Timestamp.from(Instant.now()), pageId,
                PageRepository.PENDING));
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
        return recover(ORPHANED, List.of(), maxCrashes,
                "the process transcribing this page died " + maxCrashes + " times before it was done"
                        + " (crash, kill or out of memory)");
    }

    /**
     * Gives the pages that dead workers of a distributed run still hold back to the queue, counting the crash
     * against each as {@link #recoverOrphans} does: the run itself is alive (its manager is), so its claims are
     * not orphaned, but these workers will never finish them. A worker taken for dead that is only slow loses
     * its claims here, and its late writes are refused by the claim's fencing.
     */
    public Recovered recoverFromDeadWorkers(long jobExecutionId, Collection<String> deadWorkers, int maxCrashes) {
        Recovered total = new Recovered(0, 0);
        for (String worker : deadWorkers) {
            Recovered r = recover("status = 'RUNNING' AND claimed_by = ? AND claimed_worker = ?",
                    List.of(jobExecutionId, worker), maxCrashes,
                    "the worker processes transcribing this page died " + maxCrashes + " times before it was done"
                            + " (crash, kill or out of memory; last " + worker + ")");
            total = new Recovered(total.requeued() + r.requeued(), total.failed() + r.failed());
        }
        return total;
    }

    private Recovered recover(String held, List<Object> heldParameters, int maxCrashes, String why) {
        List<Object> poisonedParameters = new ArrayList<>(List.of(maxCrashes));
        poisonedParameters.addAll(heldParameters);
        List<Long> poisoned = jdbc.queryForList("SELECT id FROM page WHERE crashes + 1 >= ? AND " + held,
                Long.class, poisonedParameters.toArray());
        int failed = 0;
        for (long pageId : poisoned) {
            String reason = why + ": not claimed again (honkoku.jobs.max-crashes); retry-failed tries it once more";
            List<Object> parameters = new ArrayList<>(List.of(PageRepository.FAILED, reason,
                    Timestamp.from(Instant.now()), pageId));
            parameters.addAll(heldParameters);
            int changed = jdbc.update("""
                    UPDATE page SET status = ?, error = ?, crashes = crashes + 1, processed_at = ?
                    WHERE id = ? AND\s""" + held, parameters.toArray());
            if (changed == 1) {
                long failure = failures.record(pageId, null, reason, null);
                pages.setFailure(pageId, failure);
                failed++;
            }
        }
        List<Object> parameters = new ArrayList<>(List.of(PageRepository.PENDING));
        parameters.addAll(heldParameters);
        int requeued = jdbc.update("UPDATE page SET status = ?, crashes = crashes + 1 WHERE " + held,
                parameters.toArray());
        return new Recovered(requeued, failed);
    }

    /** What {@link #recoverOrphans} did: pages given back to the queue, pages failed as poisonous. */
    public record Recovered(int requeued, int failed) {
    }
}
