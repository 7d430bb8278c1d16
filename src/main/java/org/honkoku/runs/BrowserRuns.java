package org.honkoku.runs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.honkoku.DaemonTimer;
import org.honkoku.batch.TranscribeCommand;
import org.honkoku.batch.TranscribeJobConfiguration;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ops.RunRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs the admin page's transcriptions in the serve process, one at a time, on a thread of their own: each is
 * {@link TranscribeCommand#transcribe}, what {@code ./honkoku transcribe FOLDER} runs, so it is recorded, listed by
 * {@code jobs}, resumed after a crash and fails pages exactly as a command-line run does. The last run is kept
 * here until the next one starts (its result stays in the job history and the pages after a restart). When the
 * server stops, a run going is stopped after its pages in hand, as SIGTERM stops a command-line run, and the
 * next {@code ./honkoku transcribe} of its folder resumes it.
 */
@Component
class BrowserRuns implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BrowserRuns.class);
    private static final String JOB = TranscribeJobConfiguration.JOB_NAME;

    private final TranscribeCommand transcribe;
    private final RunRegistry registry;
    private final JobOperator operator;
    private final Duration patience;
    private final ExecutorService thread = DaemonTimer.named("browser-run");
    private BrowserRun current;

    BrowserRuns(TranscribeCommand transcribe, RunRegistry registry, JobOperator operator, InputLimits limits) {
        this.transcribe = transcribe;
        this.registry = registry;
        this.operator = operator;
        this.patience = limits.pageTime().plusSeconds(30);
    }

    /**
     * Saves an upload ({@code upload} returns its folder) and starts transcribing it, unless a run started here is
     * still going: then nothing is saved.
     */
    synchronized BrowserRun start(Callable<Path> upload) throws Exception {
        if (current != null && current.going()) {
            throw new IllegalStateException("The run of " + current.manuscript() + " is still going, and runs from"
                    + " this page go one at a time: wait for it to end. Nothing was uploaded.");
        }
        BrowserRun run = BrowserRun.started(upload.call());
        current = run;
        thread.execute(() -> run(run));
        return run;
    }

    private void run(BrowserRun run) {
        BrowserRun ended;
        try {
            ended = run.ended(transcribe.transcribe(List.of(run.folder().toString())));
            log.info("{} (from the admin page: {})", ended.summary().line(), run.folder());
        } catch (Exception e) {
            log.warn("the run of {} from the admin page failed: {}", run.folder(), e.toString());
            ended = run.failed(e instanceof IllegalArgumentException ? e.getMessage() : e.toString());
        }
        synchronized (this) {
            current = ended;
        }
    }

    /** The run going, or the last one that ended since the server started. */
    synchronized Optional<BrowserRun> current() {
        return Optional.ofNullable(current);
    }

    /** The run's job execution, once its job has begun (recorded with the run's input, as every run is). */
    Optional<Long> execution(BrowserRun run) {
        return registry.lastExecution(JOB, RunRegistry.inputKey(JOB, List.of(run.folder().toString())));
    }

    @Override
    public void destroy() throws InterruptedException {
        current().filter(BrowserRun::going).flatMap(this::execution).ifPresent(id -> {
            try {
                operator.stop(id);
                log.warn("stopping job execution {} (started from the admin page) after the pages in hand: the"
                        + " server is stopping", id);
            } catch (Exception e) {
                // it ended meanwhile, or a signal's StopOnSignal asked first
            }
        });
        thread.shutdown();
        if (!thread.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("the run from the admin page did not stop within {} s: the next run of its folder recovers it",
                    patience.toSeconds());
        }
    }
}
