package org.honkoku.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.honkoku.ingest.IiifSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRestartException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

/**
 * Starts a job the way a nightly operator needs it: crashed runs are cleaned up first
 * ({@link RunRecovery}); then, when the last run of the same job over the same input failed or stopped
 * (a crash, a kill, a fatal error), its job instance is restarted with the same identifying parameters, so
 * Spring Batch resumes it (a completed step is not run again, a failed one restarts with its execution
 * context); otherwise a new instance starts ({@code run.at}). A run over the same input that is still alive
 * is not waited for: the new run takes the pages it has not claimed.
 */
@Component
public class RunLauncher {

    /** Identifies a new job instance together with {@link RunHeartbeat#INPUT}. */
    public static final String RUN_AT = "run.at";
    /** For people reading the job history: the input paths, shortened (not identifying). */
    public static final String PATHS = "paths";
    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);
    private static final int ATTEMPTS = 3;

    private final JobLauncher launcher;
    private final JobExplorer explorer;
    private final RunRegistry runs;
    private final RunRecovery recovery;

    public RunLauncher(JobLauncher launcher, JobExplorer explorer, RunRegistry runs, RunRecovery recovery) {
        this.launcher = launcher;
        this.explorer = explorer;
        this.runs = runs;
        this.recovery = recovery;
    }

    /**
     * Runs a job over files and folders given on the command line (as absolute paths, so that a run started
     * from another directory resumes the same input; a IIIF manifest's URL as it was given), prints its
     * one-line summary and returns the command's exit code ({@link RunSummary#exitCode}).
     */
    public int runAndReport(Job job, List<String> paths) throws Exception {
        RunSummary summary = run(job, paths);
        System.out.println(summary.line());
        return summary.exitCode();
    }

    /**
     * The same run without the printing, for a caller that shows its summary elsewhere (the admin page's runs,
     * in the serve process): what a command-line run records, this records.
     */
    public RunSummary run(Job job, List<String> paths) throws Exception {
        List<String> absolute = paths.stream()
                .map(p -> IiifSource.isUrl(p) ? p : Path.of(p).toAbsolutePath().normalize().toString()).toList();
        return RunSummary.of(launch(job, absolute));
    }

    private JobExecution launch(Job job, List<String> paths) throws Exception {
        recovery.recover();
        String input = runs.saveInput(job.getName(), paths);
        JobParameters parameters = resumeOrStart(job.getName(), input, paths);
        for (int attempt = 1; ; attempt++) {
            try {
                return launcher.run(job, parameters);
            } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException
                     | JobRestartException e) {
                // another process restarted the same instance a moment ago
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("cannot resume that run ({}): starting a new one", e.getMessage());
                parameters = fresh(input, paths);
            } catch (ConcurrencyFailureException e) {
                // two processes creating job executions at the same moment: one waits and tries again
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(ThreadLocalRandom.current().nextLong(200, 1000));
            }
        }
    }

    private JobParameters resumeOrStart(String jobName, String input, List<String> paths) {
        Optional<JobExecution> last = runs.lastExecution(jobName, input).map(explorer::getJobExecution);
        if (last.isPresent()) {
            JobExecution previous = last.get();
            BatchStatus status = previous.getStatus();
            if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
                log.info("resuming job instance {}: its last run (execution {}) {}{}",
                        previous.getJobInstance().getInstanceId(), previous.getId(),
                        status.name().toLowerCase(java.util.Locale.ROOT),
                        status == BatchStatus.STOPPED || previous.getExitStatus().getExitDescription().isEmpty() ? ""
                                : " (" + firstLine(previous.getExitStatus().getExitDescription()) + ")");
                return previous.getJobParameters();
            }
            if (status.isRunning()) {
                log.info("job execution {} over the same input is still running: this run takes the pages it has"
                        + " not claimed", previous.getId());
            }
        }
        return fresh(input, paths);
    }

    private static JobParameters fresh(String input, List<String> paths) {
        return new JobParametersBuilder()
                .addString(RunHeartbeat.INPUT, input)
                .addLong(RUN_AT, System.currentTimeMillis())
                .addString(PATHS, shortened(paths), false)
                .toJobParameters();
    }

    /** Job parameters are stored in 2,500 characters: the full list is in {@code job_input}. */
    static String shortened(List<String> paths) {
        String all = String.join(", ", paths);
        if (paths.isEmpty()) {
            return "(all)";
        }
        return all.length() <= 500 ? all : all.substring(0, 440) + "... (" + paths.size() + " paths)";
    }

    /** The first line of an exit description or message: what fits a one-line summary. */
    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
