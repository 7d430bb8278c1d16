package org.honkoku.ops;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.honkoku.CommandLine;
import org.honkoku.store.FailureRepository;
import org.honkoku.store.PageRepository;
import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku jobs}: the runs, newest first, with what each did, how long it took and how it ended
 * (from Spring Batch's job repository; a distributed run with each worker's pages and rate), and the pages by
 * status and the workers that have not ended, as {@link JobHistory} reads them for the admin page too;
 * {@code --failed} lists the failed pages with their reasons and failure references, {@code --trace ID} prints one
 * failure's stack trace.
 */
@Component
public class JobsCommand {

    private static final String ROW = "%9s %8s  %-11s  %-19s  %11s  %-9s %6s %6s %6s %6s  %s%n";
    private static final String INDENT = "          ";

    private final JobHistory history;
    private final FailureRepository failures;
    private final PageRepository pages;

    public JobsCommand(JobHistory history, FailureRepository failures, PageRepository pages) {
        this.history = history;
        this.failures = failures;
        this.pages = pages;
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
        List<JobHistory.Run> runs = history.runs(last);
        out.printf(ROW, "execution", "instance", "job", "started", "took", "status", "done", "failed", "new",
                "known", "input");
        for (JobHistory.Run run : runs) {
            RunSummary summary = run.summary();
            out.printf(ROW, summary.executionId(), summary.instanceId(), summary.job(), run.started(), run.took(),
                    summary.status().name(), summary.transcribed(), summary.failed(), summary.newPages(),
                    summary.known(), run.input());
            if (run.note() != null) {
                out.println(INDENT + run.note());
            }
            run.distributed().forEach(line -> out.println(INDENT + line));
        }
        if (runs.isEmpty()) {
            out.println("(no runs yet)");
        }
        out.println(history.pages().line());
        List<String> workers = history.workers();
        if (!workers.isEmpty()) {
            out.println("workers: " + String.join(", ", workers));
        }
        return 0;
    }

    private int failed(int last, PrintStream out) {
        List<FailureRepository.Failure> failed = failures.failedPages(last);
        out.printf("%7s %7s  %-19s  %s%n", "trace", "page", "failed", "source (page): reason");
        for (FailureRepository.Failure f : failed) {
            out.printf("%7s %7d  %-19s  %s%s: %s%n", f.id() == null ? "-" : f.id(), f.pageId(),
                    f.failedAt() == null ? "-" : JobHistory.TIME.format(f.failedAt().atZone(java.time.ZoneId.systemDefault())),
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
}
