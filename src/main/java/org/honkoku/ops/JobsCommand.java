package org.honkoku.ops;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.honkoku.CommandLine;
import org.honkoku.batch.DistributedJobConfiguration;
import org.honkoku.batch.WorkerStepConfiguration;
import org.honkoku.remote.WorkerRegistry;
import org.honkoku.store.FailureRepository;
import org.honkoku.store.PageClaims;
import org.honkoku.store.PageRepository;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku jobs}: the runs, newest first, with what each did, how long it took and how it ended
 * (from Spring Batch's job repository; a distributed run with each worker's pages and rate), and the pages by
 * status and the workers that have not ended; {@code --failed} lists the failed pages
 * with their reasons and failure references, {@code --trace ID} prints one failure's stack trace.
 */
@Component
public class JobsCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String ROW = "%9s %8s  %-11s  %-19s  %11s  %-9s %6s %6s %6s %6s  %s%n";

    private final JobExplorer explorer;
    private final RunLiveness liveness;
    private final FailureRepository failures;
    private final PageRepository pages;
    private final JdbcTemplate jdbc;
    private final WorkerRegistry workers;

    public JobsCommand(JobExplorer explorer, RunLiveness liveness, FailureRepository failures, PageRepository pages,
                       JdbcTemplate jdbc, WorkerRegistry workers) {
        this.explorer = explorer;
        this.workers = workers;
        this.liveness = liveness;
        this.failures = failures;
        this.pages = pages;
        this.jdbc = jdbc;
    }

    public int run(CommandLine line, PrintStream out) {
        int last = Integer.parseInt(line.option("last", "20"));
        if (line.options().containsKey("trace")) {
            return trace(Long.parseLong(line.required("trace")), out);
        }
        if (line.flag("failed")) {
            return failed(last, out);
        }
        return runs(last, out);
    }

    private int runs(int last, PrintStream out) {
        List<JobExecution> executions = new ArrayList<>();
        for (String job : explorer.getJobNames()) {
            for (JobInstance instance : explorer.getJobInstances(job, 0, last)) {
                executions.addAll(explorer.getJobExecutions(instance));
            }
        }
        executions.sort(Comparator.comparing(JobExecution::getId).reversed());
        out.printf(ROW, "execution", "instance", "job", "started", "took", "status", "done", "failed", "new",
                "known", "input");
        for (JobExecution execution : executions.subList(0, Math.min(last, executions.size()))) {
            RunSummary run = RunSummary.of(execution);
            String status = run.status().name();
            String note = null;
            if (run.status().isRunning()) {
                note = liveness.whyDead(execution).map(why -> "probably crashed: " + why
                        + " (the next run marks it failed and resumes it)").orElse(null);
            } else if (run.status() == org.springframework.batch.core.BatchStatus.STOPPED) {
                note = "stopped by a signal (SIGTERM, Ctrl-C): the next run over the same input resumes it";
            } else if (!run.exitDescription().isBlank()) {
                note = RunLauncher.firstLine(run.exitDescription());
            }
            String input = execution.getJobParameters().getString(RunLauncher.PATHS, "");
            out.printf(ROW, run.executionId(), run.instanceId(), run.job(),
                    run.start() == null ? "-" : TIME.format(run.start()), Progress.duration(run.took()), status,
                    run.transcribed(), run.failed(), run.newPages(), run.known(), input);
            if (note != null) {
                out.println("          " + note);
            }
            distributed(execution, out);
        }
        if (executions.isEmpty()) {
            out.println("(no runs yet)");
        }
        out.printf(Locale.ROOT, "pages: %d done, %d failed, %d pending, %d running; %d older versions kept%n",
                pages.countByStatus(PageRepository.DONE), pages.countByStatus(PageRepository.FAILED),
                pages.countByStatus(PageRepository.PENDING), pages.countByStatus(PageClaims.RUNNING),
                count("SELECT COUNT(*) FROM page WHERE superseded_by IS NOT NULL"));
        List<WorkerRegistry.Worker> running = workers.running();
        if (!running.isEmpty()) {
            out.println("workers: " + String.join(", ", running.stream().map(w -> w.id() + " "
                    + (w.status() == WorkerRegistry.Status.ALIVE ? "alive, " + w.threads() + " page threads"
                    : "dead: " + w.whyDead())).toList()));
        }
        return 0;
    }

    /** A distributed run's rounds and partitions, and what each worker did in it. */
    private void distributed(JobExecution execution, PrintStream out) {
        long partitions = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(WorkerStepConfiguration.STEP + ":")).count();
        if (partitions == 0) {
            return;
        }
        long rounds = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(DistributedJobConfiguration.STEP)).count();
        List<WorkerRegistry.WorkerShare> shares = workers.shares(execution.getId());
        out.printf(Locale.ROOT, "          distributed: %d partitions in %d rounds, over %d workers%n", partitions,
                rounds, shares.size());
        for (WorkerRegistry.WorkerShare share : shares) {
            String state = workers.find(share.worker()).map(w -> w.status().name().toLowerCase(Locale.ROOT))
                    .orElse("unknown");
            out.printf(Locale.ROOT, "          worker %s (%s): %d pages%s, %.2f pages/s%n", share.worker(), state,
                    share.pages(), share.failed() > 0 ? " (" + share.failed() + " failed)" : "",
                    share.pagesPerSecond());
        }
    }

    private int failed(int last, PrintStream out) {
        List<FailureRepository.Failure> failed = failures.failedPages(last);
        out.printf("%7s %7s  %-19s  %s%n", "trace", "page", "failed", "source (page): reason");
        for (FailureRepository.Failure f : failed) {
            out.printf("%7s %7d  %-19s  %s%s: %s%n", f.id() == null ? "-" : f.id(), f.pageId(),
                    f.failedAt() == null ? "-" : TIME.format(f.failedAt().atZone(java.time.ZoneId.systemDefault())),
                    f.sourcePath(), f.pageNo() > 1 || f.sourcePath().toLowerCase(Locale.ROOT).endsWith(".pdf")
                            ? " (page " + f.pageNo() + ")" : "", f.reason());
        }
        int total = pages.countByStatus(PageRepository.FAILED);
        out.printf("%d failed pages%s; ./honkoku jobs --trace ID prints a stack trace, ./honkoku retry-failed"
                + " tries them again%n", total,
                failed.size() < total ? " (the latest " + failed.size() + " shown, --last N for more)" : "");
        return 0;
    }

    private int trace(long id, PrintStream out) {
        FailureRepository.Failure f = failures.find(id)
                .orElseThrow(() -> new IllegalArgumentException("no failure " + id + " (see ./honkoku jobs --failed)"));
        out.printf("failure %d: page %d, %s page %d%n", f.id(), f.pageId(), f.sourcePath(), f.pageNo());
        out.printf("at %s in job execution %s%n", f.failedAt(), f.jobExecutionId() == null ? "-" : f.jobExecutionId());
        out.println("reason: " + f.reason());
        out.println(f.stackTrace() == null ? "(no stack trace: " + (f.exception() == null
                ? "nothing was thrown, the process died" : f.exception()) + ")" : f.stackTrace());
        return 0;
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
