package org.honkoku.ops;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.honkoku.ingest.InputLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

/**
 * SIGTERM (systemd stopping the service, a shutdown, Ctrl-C) stops a run cleanly instead of killing it: the
 * job is asked to stop ({@link JobOperator#stop}), the page in hand is finished and committed, the job ends
 * STOPPED with its claims given back, and the next run resumes it. The process waits for that at most the
 * page time limit and half a minute; SIGKILL, a power cut or a crash are what {@link RunRecovery} is for.
 */
@Component
public class StopOnSignal implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);

    private final JobOperator operator;
    private final JobExplorer explorer;
    private final Duration patience;
    private final Map<Long, Thread> hooks = new ConcurrentHashMap<>();
    private final Set<Long> ended = ConcurrentHashMap.newKeySet();

    public StopOnSignal(JobOperator operator, JobExplorer explorer, InputLimits limits) {
        this.operator = operator;
        this.explorer = explorer;
        this.patience = limits.pageTime().plusSeconds(30);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        long id = execution.getId();
        Thread hook = new Thread(() -> stop(id), "stop-on-signal");
        hooks.put(id, hook);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void afterJob(JobExecution execution) {
        ended.add(execution.getId());
        Thread hook = hooks.remove(execution.getId());
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // this is the hook's own shutdown: it is waiting for this very moment
            }
        }
    }

    /**
     * Runs as a shutdown hook: the JVM ends when it returns, so it waits until the job's end is recorded
     * (afterJob listeners run before Spring Batch writes the final status, so it watches the repository).
     */
    private void stop(long id) {
        try {
            log.warn("stopping job execution {} after the page in hand (signal received); the next run resumes it",
                    id);
            operator.stop(id);
            long deadline = System.nanoTime() + patience.toNanos();
            while (explorer.getJobExecution(id).getStatus().isRunning()) {
                if (System.nanoTime() > deadline) {
                    log.warn("job execution {} did not stop within {} s: leaving it to the next run's recovery", id,
                            patience.toSeconds());
                    return;
                }
                Thread.sleep(200);
            }
        } catch (Exception e) {
            if (!ended.contains(id)) {
                log.warn("job execution {} could not be stopped cleanly ({}): the next run recovers it", id,
                        e.getMessage());
            }
            // otherwise the job has ended and the command closed the database after recording it
        }
    }
}
