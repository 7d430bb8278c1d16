package org.honkoku.ops;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.honkoku.batch.DistributedJobConfiguration;
import org.honkoku.batch.WorkerStepConfiguration;
import org.honkoku.remote.WorkerRegistry;
import org.honkoku.store.PageClaims;
import org.honkoku.store.PageRepository;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The job history as {@code ./honkoku jobs} shows it — the runs newest first with what each did and how it
 * ended, the pages by status, the workers that have not ended — read once here, so that the command's text
 * and the admin page's table say the same thing.
 */
@Component
public class JobHistory {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JobExplorer explorer;
    private final RunLiveness liveness;
    private final PageRepository pages;
    private final JdbcTemplate jdbc;
    private final WorkerRegistry workers;

    public JobHistory(JobExplorer explorer, RunLiveness liveness, PageRepository pages, JdbcTemplate jdbc,
                      WorkerRegistry workers) {
        this.explorer = explorer;
        this.liveness = liveness;
        this.pages = pages;
        this.jdbc = jdbc;
        this.workers = workers;
    }

    /**
     * One run: its summary, its input as recorded with it (shortened), a note on how it ended (null when there is
     * nothing to add to its status) and, for a distributed run, a line on its partitions and one per worker.
     */
    public record Run(RunSummary summary, String input, String note, List<String> distributed) {

        public String started() {
            return summary.start() == null ? "-" : TIME.format(summary.start());
        }

        public String took() {
            return Progress.duration(summary.took());
        }
    }

    /** Pages by status over the whole database, and the older versions kept of changed files. */
    public record PageCounts(int done, int failed, int pending, int running, int olderVersions) {

        public String line() {
            return String.format(Locale.ROOT, "pages: %d done, %d failed, %d pending, %d running; %d older versions"
                    + " kept", done, failed, pending, running, olderVersions);
        }
    }

    /** The latest {@code last} job executions of every job, newest first. */
    public List<Run> runs(int last) {
        List<JobExecution> executions = new ArrayList<>();
        for (String job : explorer.getJobNames()) {
            for (JobInstance instance : explorer.getJobInstances(job, 0, last)) {
                executions.addAll(explorer.getJobExecutions(instance));
            }
        }
        executions.sort(Comparator.comparing(JobExecution::getId).reversed());
        return executions.subList(0, Math.min(last, executions.size())).stream().map(this::run).toList();
    }

    private Run run(JobExecution execution) {
        RunSummary run = RunSummary.of(execution);
        String note = null;
        if (run.status().isRunning()) {
            note = liveness.whyDead(execution).map(why -> "probably crashed: " + why
                    + " (the next run marks it failed and resumes it)").orElse(null);
        } else if (run.status() == BatchStatus.STOPPED) {
            note = "stopped by a signal (SIGTERM, Ctrl-C): the next run over the same input resumes it";
        } else if (!run.exitDescription().isBlank()) {
            note = RunLauncher.firstLine(run.exitDescription());
        }
        return new Run(run, execution.getJobParameters().getString(RunLauncher.PATHS, ""), note,
                distributed(execution));
    }

    /** A distributed run's rounds and partitions, and what each worker did in it; empty for a local run. */
    private List<String> distributed(JobExecution execution) {
        long partitions = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(WorkerStepConfiguration.STEP + ":")).count();
        if (partitions == 0) {
            return List.of();
        }
        long rounds = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(DistributedJobConfiguration.STEP)).count();
        List<WorkerRegistry.WorkerShare> shares = workers.shares(execution.getId());
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "distributed: %d partitions in %d rounds, over %d workers", partitions,
                rounds, shares.size()));
        for (WorkerRegistry.WorkerShare share : shares) {
            String state = workers.find(share.worker()).map(w -> w.status().name().toLowerCase(Locale.ROOT))
                    .orElse("unknown");
            lines.add(String.format(Locale.ROOT, "worker %s (%s): %d pages%s, %.2f pages/s", share.worker(), state,
                    share.pages(), share.failed() > 0 ? " (" + share.failed() + " failed)" : "",
                    share.pagesPerSecond()));
        }
        return lines;
    }

    public PageCounts pages() {
        Integer older = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE superseded_by IS NOT NULL",
                Integer.class);
        return new PageCounts(pages.countByStatus(PageRepository.DONE), pages.countByStatus(PageRepository.FAILED),
                pages.countByStatus(PageRepository.PENDING), pages.countByStatus(PageClaims.RUNNING),
                older == null ? 0 : older);
    }

    /** The workers that have not ended, each as "ID alive, N page threads" or "ID dead: why". */
    public List<String> workers() {
        return workers.running().stream().map(w -> w.id() + " "
                + (w.status() == WorkerRegistry.Status.ALIVE ? "alive, " + w.threads() + " page threads"
                : "dead: " + w.whyDead())).toList();
    }
}
