package org.honkoku.remote;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.honkoku.DaemonTimer;
import org.honkoku.ops.Progress;
import org.honkoku.ops.RunRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Watches a round of a distributed run from the manager, which otherwise waits for its partitions without
 * limit: while partitions are unfinished and no worker is alive (none started, or all stopped or died), it says
 * so, with the command that starts a worker, and after {@code timeout} without a live worker it fails the
 * unfinished partitions in the job repository, so that the round, and the run, fail with that reason (a restart
 * of the run resumes it). A partition that a worker took and that shows no progress for as long, and at least two
 * page time limits (its worker died and the broker did not deliver it again), fails the same way. A live worker that is busy is waited for.
 */
public class WorkerWatch implements StepExecutionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorkerWatch.class);
    private static final Duration EVERY = Duration.ofSeconds(2);
    private static final Duration NOTE_EVERY = Duration.ofSeconds(60);

    private final JobExplorer explorer;
    private final JobRepository repository;
    private final WorkerRegistry workers;
    private final String workerStep;
    private final BrokerAddress broker;
    private final String db;
    private final Duration timeout;
    private final Duration stalledAfter;
    private final ScheduledExecutorService timer = DaemonTimer.named("worker-watch");
    private ScheduledFuture<?> watching;
    private Instant waitingSince;
    private Instant lastNote;

    public WorkerWatch(JobExplorer explorer, JobRepository repository, WorkerRegistry workers, String workerStep,
                       BrokerAddress broker, String db, Duration timeout, Duration pageTime) {
        this.explorer = explorer;
        this.repository = repository;
        this.workers = workers;
        this.workerStep = workerStep;
        this.broker = broker;
        this.db = db;
        this.timeout = timeout;
        // a busy worker commits after every page: never less than two page time limits without a commit
        this.stalledAfter = timeout.compareTo(pageTime.multipliedBy(2)) > 0 ? timeout : pageTime.multipliedBy(2);
    }

    @Override
    public synchronized void beforeStep(StepExecution round) {
        waitingSince = null;
        long jobExecutionId = round.getJobExecutionId();
        String prefix = workerStep + ":r" + round.getId() + "-";
        watching = timer.scheduleWithFixedDelay(() -> check(jobExecutionId, prefix), EVERY.toMillis(),
                EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized ExitStatus afterStep(StepExecution round) {
        if (watching != null) {
            watching.cancel(false);
        }
        return null;
    }

    private synchronized void check(long jobExecutionId, String prefix) {
        try {
            List<StepExecution> partitions = explorer.getJobExecution(jobExecutionId).getStepExecutions().stream()
                    .filter(s -> s.getStepName().startsWith(prefix)).toList();
            List<StepExecution> unfinished = partitions.stream().filter(s -> s.getStatus().isRunning()).toList();
            LocalDateTime stalledSince = LocalDateTime.now().minus(stalledAfter);
            List<StepExecution> stalled = unfinished.stream().filter(s -> s.getStatus() == BatchStatus.STARTED
                    && s.getLastUpdated() != null && s.getLastUpdated().isBefore(stalledSince)).toList();
            if (!stalled.isEmpty()) {
                // taken by a worker that died, and not taken up again (the broker set the request aside after
                // it killed worker after worker, or lost it)
                fail(stalled, "no progress for " + Progress.duration(stalledAfter) + " after a worker took it"
                        + " (honkoku.remote.worker-timeout); the run ends, and the same command resumes it");
                unfinished = unfinished.stream().filter(s -> !stalled.contains(s)).toList();
            }
            if (unfinished.isEmpty()) {
                waitingSince = null;
                return;
            }
            boolean anyAlive = workers.running().stream().anyMatch(w -> w.status() == WorkerRegistry.Status.ALIVE);
            if (anyAlive) {
                if (waitingSince != null) {
                    log.info("a worker is here: the run goes on");
                }
                waitingSince = null;
                return;
            }
            Instant now = Instant.now();
            if (waitingSince == null) {
                waitingSince = now;
                lastNote = null;
            }
            if (now.isAfter(waitingSince.plus(timeout))) {
                giveUp(unfinished);
                return;
            }
            if (lastNote == null || now.isAfter(lastNote.plus(NOTE_EVERY))) {
                lastNote = now;
                log.warn("no worker is alive: {} of {} partitions of this round wait on the {}; start workers with"
                        + " ./honkoku worker --db {} --broker {} (the run fails at {} without one,"
                        + " honkoku.remote.worker-timeout)", unfinished.size(), partitions.size(), broker,
                        db, workerBroker(), LocalDateTime.ofInstant(waitingSince.plus(timeout), ZoneId.systemDefault())
                                .truncatedTo(ChronoUnit.SECONDS));
            }
        } catch (RuntimeException e) {
            log.warn("cannot check the workers of job execution {}: {}", jobExecutionId, e.getMessage());
        }
    }

    private void giveUp(List<StepExecution> unfinished) {
        fail(unfinished, "no live worker for " + Progress.duration(timeout) + " (honkoku.remote.worker-timeout):"
                + " start workers and run the same transcribe command again to resume");
    }

    private void fail(List<StepExecution> partitions, String why) {
        log.error("{} partitions failed: {}", partitions.size(), why);
        for (StepExecution partition : partitions) {
            try {
                partition.setStatus(BatchStatus.FAILED);
                partition.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
                partition.setEndTime(LocalDateTime.now());
                repository.update(partition);
            } catch (OptimisticLockingFailureException raced) {
                log.info("partition {} changed meanwhile (a worker took it): left to it", partition.getStepName());
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** The broker as a worker on another machine reaches it. */
    private String workerBroker() {
        return broker.embedded() ? "tcp://" + RunRegistry.HOST + ":" + broker.port() : broker.url();
    }
}
