package org.honkoku.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.honkoku.DaemonTimer;
import org.honkoku.store.PageClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers the process behind each job execution and keeps its heartbeat going on a thread of its own (a
 * page may take minutes, the heartbeat must not wait for it). At the end of the job the pages it still
 * holds, if a fatal error left any, go back to the queue.
 */
@Component
public class RunHeartbeat implements JobExecutionListener, DisposableBean {

    /** The job parameter that names the run's input (a key of {@code job_input}). */
    public static final String INPUT = "input";
    private static final Logger log = LoggerFactory.getLogger(RunHeartbeat.class);

    private final RunRegistry runs;
    private final PageClaims claims;
    private final Duration every;
    private final ScheduledExecutorService timer = DaemonTimer.named("run-heartbeat");
    private final Map<Long, ScheduledFuture<?>> beats = new ConcurrentHashMap<>();

    public RunHeartbeat(RunRegistry runs, PageClaims claims, @Value("${honkoku.jobs.heartbeat:10s}") Duration every) {
        this.runs = runs;
        this.claims = claims;
        this.every = every;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        long id = execution.getId();
        runs.register(id, execution.getJobInstance().getJobName(), execution.getJobParameters().getString(INPUT));
        beats.put(id, timer.scheduleAtFixedRate(() -> beat(id), every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    @Override
    public void afterJob(JobExecution execution) {
        long id = execution.getId();
        ScheduledFuture<?> beat = beats.remove(id);
        if (beat != null) {
            beat.cancel(false);
        }
        int released = claims.release(id);
        if (released > 0) {
            log.warn("{} pages this run had claimed but not finished are pending again", released);
        }
        runs.end(id);
    }

    private void beat(long id) {
        try {
            runs.heartbeat(id);
        } catch (RuntimeException e) {
            // the next beat may get through; a lease is several beats long
            log.warn("heartbeat of job execution {} not recorded: {}", id, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
