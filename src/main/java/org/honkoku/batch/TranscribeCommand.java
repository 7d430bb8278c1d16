package org.honkoku.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku transcribe PATH...}: runs the transcribe job and sums it up in one last line.
 * Exit code 0 when every page succeeded, {@link #SOME_PAGES_FAILED} when the run finished but some
 * pages failed, 1 when the job itself failed.
 */
@Component
public class TranscribeCommand {

    public static final int SOME_PAGES_FAILED = 3;

    private final JobLauncher launcher;
    private final Job transcribeJob;
    private final PipelineComponents pipeline;

    TranscribeCommand(JobLauncher launcher, Job transcribeJob, PipelineComponents pipeline) {
        this.launcher = launcher;
        this.transcribeJob = transcribeJob;
        this.pipeline = pipeline;
    }

    public int run(List<String> paths) throws Exception {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("transcribe needs at least one file or folder");
        }
        for (String p : paths) {
            if (!Files.exists(Path.of(p))) {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
        }
        // A missing or broken model is the installation's fault, not the pages': say so before the run.
        pipeline.classifier();
        String joined = String.join("\n", paths.stream().map(p -> Path.of(p).toAbsolutePath().toString()).toList());
        JobExecution execution = launcher.run(transcribeJob, new JobParametersBuilder()
                .addString(TranscribeJobConfiguration.PATHS, joined)
                .addLong("run.at", System.currentTimeMillis())
                .toJobParameters());
        Summary summary = Summary.of(execution);
        System.out.println(summary.line());
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return 1;
        }
        return summary.failed() > 0 ? SOME_PAGES_FAILED : 0;
    }

    /** What a run did, from its step executions. */
    record Summary(long jobExecutionId, BatchStatus status, int transcribed, int failed, int known, Duration took) {

        static Summary of(JobExecution execution) {
            int transcribed = 0;
            int failed = 0;
            int known = 0;
            for (StepExecution step : execution.getStepExecutions()) {
                failed += (int) (step.getProcessSkipCount() + step.getWriteSkipCount());
                if (step.getStepName().equals("transcribe")) {
                    transcribed += (int) step.getWriteCount();
                } else {
                    known += step.getExecutionContext().getInt(PageRegistrar.KNOWN_PAGES, 0);
                }
            }
            Duration took = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
                    : Duration.between(execution.getStartTime(), execution.getEndTime());
            return new Summary(execution.getId(), execution.getStatus(), transcribed, failed, known, took);
        }

        String line() {
            return String.format(Locale.ROOT,
                    "transcribe %s: %d pages transcribed, %d failed, %d already known (job execution %d, %.1f s)",
                    status.name().toLowerCase(Locale.ROOT), transcribed, failed, known, jobExecutionId,
                    took.toMillis() / 1000.0);
        }
    }

}
