package org.honkoku.ops;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;

import org.honkoku.batch.DistributedJobConfiguration;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;

/**
 * What one job execution did, from Spring Batch's step executions (they are committed with every chunk,
 * so a crashed run shows how far it got): pages transcribed (the transcribe step's writes; in a distributed
 * run, those of its rounds, each the sum of its partitions), pages and files
 * failed (skips), pages new and already known (the ingest step's counts), failed pages requeued.
 */
public record RunSummary(String job, long executionId, long instanceId, BatchStatus status, String exitDescription,
                         LocalDateTime start, Duration took, int transcribed, int failed, int newPages,
                         int known, int requeued) {

    /** Exit code when the run finished but some pages failed (0: all succeeded, 1: the job failed). */
    public static final int SOME_PAGES_FAILED = 3;
    public static final String NEW_PAGES = "pages.new";
    public static final String KNOWN_PAGES = "pages.known";
    public static final String REQUEUED_PAGES = "pages.requeued";

    public static RunSummary of(JobExecution execution) {
        int transcribed = 0;
        int failed = 0;
        int added = 0;
        int known = 0;
        int requeued = 0;
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().contains(":")) {
                // a partition of a distributed run: counted in its round (transcribeManager), which sums them
                continue;
            }
            failed += (int) (step.getProcessSkipCount() + step.getWriteSkipCount());
            if (step.getStepName().equals("transcribe") || step.getStepName().equals(DistributedJobConfiguration.STEP)) {
                transcribed += (int) step.getWriteCount();
            }
            added += step.getExecutionContext().getInt(NEW_PAGES, 0);
            known += step.getExecutionContext().getInt(KNOWN_PAGES, 0);
            requeued += step.getExecutionContext().getInt(REQUEUED_PAGES, 0);
        }
        LocalDateTime start = execution.getStartTime();
        LocalDateTime end = execution.getEndTime() != null ? execution.getEndTime()
                : execution.getStatus().isRunning() ? LocalDateTime.now() : execution.getLastUpdated();
        Duration took = start == null || end == null ? Duration.ZERO : Duration.between(start, end);
        return new RunSummary(execution.getJobInstance().getJobName(), execution.getId(),
                execution.getJobInstance().getInstanceId(), execution.getStatus(),
                execution.getExitStatus().getExitDescription(), start, took, transcribed, failed, added, known,
                requeued);
    }

    /** 0 when every page succeeded, {@link #SOME_PAGES_FAILED} when some failed, 1 when the job failed. */
    public int exitCode() {
        if (status != BatchStatus.COMPLETED) {
            return 1;
        }
        return failed > 0 ? SOME_PAGES_FAILED : 0;
    }

    /** The last line a command prints. */
    public String line() {
        String how = status.name().toLowerCase(Locale.ROOT);
        if (job.equals("retryFailed") || job.equals("reread")) {
            boolean retry = job.equals("retryFailed");
            return String.format(Locale.ROOT, "%s %s: %d %s requeued, %d pages transcribed, %d failed (job execution"
                            + " %d, %.1f s)", retry ? "retry-failed" : "reread", how, requeued,
                    retry ? "failed pages" : "pages read by another model", transcribed, failed, executionId,
                    took.toMillis() / 1000.0);
        }
        return String.format(Locale.ROOT,
                "transcribe %s: %d pages transcribed, %d failed, %d already known (job execution %d, %.1f s)",
                how, transcribed, failed, known, executionId, took.toMillis() / 1000.0);
    }
}
