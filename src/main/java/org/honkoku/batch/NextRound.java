package org.honkoku.batch;

import java.time.Duration;
import java.util.List;

import org.honkoku.ops.Progress;
import org.honkoku.remote.WorkerRegistry;
import org.honkoku.store.PageClaims;
import org.honkoku.store.PageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;

/**
 * Decides, after each round of a distributed run, whether another round is needed. First the pages that dead
 * workers of this run still hold go back to the queue (a worker killed mid-partition: its partition went back to
 * the broker and another worker did the rest, but not the page in the dead worker's hands). Then, while pages are
 * pending (those, pages left by workers that stopped, pages registered meanwhile), another round; pages still held
 * by workers not yet known dead (a machine silent for less than the lease) are waited for. A run stops going
 * round when {@value #IDLE_ROUNDS} rounds in a row finished no page: the pages left are the next run's.
 */
class NextRound implements JobExecutionDecider {

    static final FlowExecutionStatus AGAIN = new FlowExecutionStatus("AGAIN");
    static final int IDLE_ROUNDS = 3;
    private static final String IDLE = "rounds.idle";
    private static final Logger log = LoggerFactory.getLogger(NextRound.class);

    private final PageRepository pages;
    private final PageClaims claims;
    private final WorkerRegistry workers;
    private final int maxCrashes;
    private final Duration timeout;
    private final Duration pollInterval;

    NextRound(PageRepository pages, PageClaims claims, WorkerRegistry workers, int maxCrashes, Duration timeout,
              Duration pollInterval) {
        this.pages = pages;
        this.claims = claims;
        this.workers = workers;
        this.maxCrashes = maxCrashes;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    @Override
    public FlowExecutionStatus decide(JobExecution run, StepExecution round) {
        long finished = round == null ? 0
                : round.getWriteCount() + round.getProcessSkipCount() + round.getWriteSkipCount();
        int idle = finished > 0 ? 0 : run.getExecutionContext().getInt(IDLE, 0) + 1;
        run.getExecutionContext().putInt(IDLE, idle);
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextNote = 0;
        while (true) {
            List<String> dead = workers.deadHolding(run.getId());
            if (!dead.isEmpty()) {
                PageClaims.Recovered r = claims.recoverFromDeadWorkers(run.getId(), dead, maxCrashes);
                log.warn("{} pages held by dead workers ({}) are pending again; {} failed after {} crashes",
                        r.requeued(), String.join(", ", dead), r.failed(), maxCrashes);
            }
            int pending = pages.countPending();
            if (pending > 0) {
                if (idle >= IDLE_ROUNDS) {
                    log.warn("{} pages are pending, but no worker finished a page in the last {} rounds: they are left"
                            + " to the next run", pending, IDLE_ROUNDS);
                    return FlowExecutionStatus.COMPLETED;
                }
                log.info("{} pages pending after round {} (left by stopped or dead workers, or new): another round",
                        pending, round == null ? "-" : round.getId());
                return AGAIN;
            }
            int held = pages.countHeldBy(run.getId());
            if (held == 0) {
                return FlowExecutionStatus.COMPLETED;
            }
            if (System.nanoTime() > deadline) {
                log.warn("{} pages are still held by workers after {}: the run ends, they go back to the queue", held,
                        Progress.duration(timeout));
                return FlowExecutionStatus.COMPLETED;
            }
            if (System.nanoTime() > nextNote) {
                log.info("{} pages are held by workers whose partitions have ended: waiting until they are done or"
                        + " their workers are found dead (honkoku.jobs.lease)", held);
                nextNote = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FlowExecutionStatus.COMPLETED;
            }
        }
    }
}
