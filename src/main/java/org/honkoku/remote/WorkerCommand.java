package org.honkoku.remote;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.honkoku.DaemonTimer;
import org.honkoku.ingest.InputLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.Lifecycle;

/**
 * {@code ./honkoku worker --db URL --broker URL}: takes partitions of distributed runs from the broker until the
 * process is stopped. It registers itself in the database with a heartbeat ({@link WorkerRegistry}), so that a
 * manager sees it and a dead worker's pages are given back. SIGTERM or Ctrl-C: no new partition is taken, the
 * pages in hand are finished and committed, the rest of the partition is left pending for the manager's next
 * round, and the worker records its end and exits 0.
 */
public final class WorkerCommand {

    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

    private final String id;
    private final String broker;
    private final int threads;
    private final WorkerRegistry registry;
    private final WorkerState state;
    private final Lifecycle listener;
    private final Duration heartbeat;
    private final Duration patience;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public WorkerCommand(String id, String broker, int threads, WorkerRegistry registry, WorkerState state,
                         Lifecycle listener, Duration heartbeat, InputLimits limits) {
        this.id = id;
        this.broker = broker;
        this.threads = threads;
        this.registry = registry;
        this.state = state;
        this.listener = listener;
        this.heartbeat = heartbeat;
        this.patience = limits.pageTime().plusSeconds(30);
    }

    public int run() throws InterruptedException {
        registry.register(id, broker, threads);
        ScheduledExecutorService timer = DaemonTimer.named("worker-heartbeat");
        timer.scheduleAtFixedRate(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        Thread hook = new Thread(this::stop, "worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        if (!listener.isRunning()) {
            listener.start();
        }
        System.err.println("honkoku worker " + id + ": taking partitions from " + broker + " with " + threads
                + " page threads (SIGTERM or Ctrl-C stops it after the pages in hand)");
        stopped.await();
        timer.shutdownNow();
        return 0;
    }

    /** Runs as the shutdown hook: the JVM ends when it returns. */
    private void stop() {
        log.info("worker {} stopping: no new partition; the pages in hand are finished, the rest left to another"
                + " worker", id);
        state.stop();
        try {
            listener.stop();
            if (!state.awaitIdle(patience)) {
                log.warn("the partition in hand did not end within {} s: the manager gives its pages back when it"
                        + " finds this worker gone", patience.toSeconds());
            }
            registry.end(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("worker {} could not record its end ({}): the manager finds it gone", id, e.getMessage());
        } finally {
            stopped.countDown();
        }
    }

    private void beat() {
        try {
            registry.heartbeat(id);
        } catch (RuntimeException e) {
            log.warn("heartbeat of worker {} not recorded: {}", id, e.getMessage());
        }
    }
}
