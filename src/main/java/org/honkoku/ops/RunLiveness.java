package org.honkoku.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells a live run from a crashed one. A killed JVM leaves its job execution STARTED for ever, and Spring
 * Batch cannot tell; so every run records its process (host, pid, start time) and a heartbeat
 * ({@link RunHeartbeat}). A running execution is dead when its process is gone from this host (checked at
 * once: a restart right after {@code kill -9} resumes without waiting), or when its heartbeat is older than
 * the lease ({@code honkoku.jobs.lease}, for a run on another machine). Machines sharing a database need
 * synchronised clocks (NTP) and distinct host names; the lease absorbs small differences.
 */
@Component
public class RunLiveness {

    private final RunRegistry runs;
    private final Duration lease;

    public RunLiveness(RunRegistry runs, @Value("${honkoku.jobs.lease:60s}") Duration lease) {
        this.runs = runs;
        this.lease = lease;
    }

    /** Why a running execution is taken for dead, or empty while it is alive (or not running at all). */
    public Optional<String> whyDead(JobExecution execution) {
        if (!execution.getStatus().isRunning()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<RunRegistry.RunProcess> process = runs.process(execution.getId());
        if (process.isEmpty()) {
            // created, but the process died before the job began (or a version without job_run started it)
            Instant created = execution.getCreateTime().atZone(ZoneId.systemDefault()).toInstant();
            return created.plus(lease).isBefore(now)
                    ? Optional.of("no process ever reported for it (created " + execution.getCreateTime() + ")")
                    : Optional.empty();
        }
        return whyDead(process.get());
    }

    /**
     * Why a process that reports a heartbeat (a run's, a worker's) is taken for dead, or empty while it is alive:
     * gone from this host, or silent for longer than the lease.
     */
    public Optional<String> whyDead(RunRegistry.RunProcess p) {
        if (p.host().equals(RunRegistry.HOST) && !alive(p.pid(), p.processStarted())) {
            return Optional.of("its process " + p.pid() + " on " + p.host() + " is gone (killed, crashed or"
                    + " the machine restarted)");
        }
        if (p.heartbeatAt().plus(lease).isBefore(Instant.now())) {
            return Optional.of("no heartbeat from process " + p.pid() + " on " + p.host() + " since "
                    + p.heartbeatAt() + " (lease " + lease.toSeconds() + " s)");
        }
        return Optional.empty();
    }

    /** The same pid, started at the same time: a pid reused by another process does not count. */
    private static boolean alive(long pid, Instant processStarted) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> {
            Optional<Instant> started = handle.info().startInstant();
            return processStarted == null || started.isEmpty()
                    || Duration.between(started.get(), processStarted).abs().toSeconds() < 2;
        }).isPresent();
    }
}
