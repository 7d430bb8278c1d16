package org.honkoku.batch;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.honkoku.ingest.BadInputException;
import org.springframework.batch.item.ItemProcessor;

/**
 * The per-page time limit ({@code honkoku.limits.page-time}): the page goes through the pipeline on a worker
 * thread, and when the limit passes the page fails with that reason and the run goes on.
 * <p>
 * What is guaranteed: Java cannot stop a thread, so the worker is interrupted, and the pipeline checks for
 * that between its stages and before every batch of candidate boxes the classifier reads in the segmenter's
 * loop ({@link #checkInterrupted}): a runaway page stops within one native call (an OpenCV operation, one
 * classifier batch), which the pixel limits keep short. A worker that still has not ended after
 * {@link #GRACE} is stuck inside native code: it is left behind (a daemon thread, released with its memory
 * when the process ends), the next page gets a fresh worker, and if a second page is then due while the
 * stuck one is still running, the run stops with {@link RunawayPageException} (exit code 1) rather than
 * pile up native work; the next run restarts where it stopped.
 * <p>
 * Thread-safe: the transcribe step calls it from each of its page threads at once; every page gets a worker
 * of its own from a pool.
 */
class TimeLimitedProcessor<I, O> implements ItemProcessor<I, O>, AutoCloseable {

    static final Duration GRACE = Duration.ofSeconds(30);

    private final ItemProcessor<I, O> delegate;
    private final Duration limit;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "page-worker");
        t.setDaemon(true);
        return t;
    });
    /** One latch per worker left behind after its page's time limit, counted down when it finally ends. */
    private final Set<CountDownLatch> stuck = ConcurrentHashMap.newKeySet();

    TimeLimitedProcessor(ItemProcessor<I, O> delegate, Duration limit) {
        this.delegate = delegate;
        this.limit = limit;
    }

    @Override
    public O process(I item) throws Exception {
        stuck.removeIf(latch -> latch.getCount() == 0);
        if (!stuck.isEmpty()) {
            throw new RunawayPageException("a page that ran past its time limit (" + limit.toSeconds()
                    + " s) is still running in native code; the run stops so that the process can end it");
        }
        CountDownLatch ended = new CountDownLatch(1);
        Future<O> result = workers.submit(() -> {
            try {
                return delegate.process(item);
            } finally {
                ended.countDown();
            }
        });
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            if (!ended.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                stuck.add(ended); // its thread stays busy in the pool; the next page gets another one
            }
            throw new BadInputException("time limit: the page was not done after " + seconds(limit)
                    + " (honkoku.limits.page-time)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Called by the pipeline between its steps: ends a page whose time is up. */
    static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new PageStoppedException();
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Thrown on the worker when its page's time is up; nobody waits for its result any more. */
    static final class PageStoppedException extends RuntimeException {
        PageStoppedException() {
            super("stopped: the page's time limit passed");
        }
    }

    /** Not skipped: the step fails, the job ends FAILED, and a restart resumes with a fresh process. */
    static final class RunawayPageException extends RuntimeException {
        RunawayPageException(String message) {
            super(message);
        }
    }
}
