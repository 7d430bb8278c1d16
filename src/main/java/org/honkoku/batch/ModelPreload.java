package org.honkoku.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.honkoku.OpenCvLoader;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.Nd4jRuntime;
import org.slf4j.LoggerFactory;

/**
 * Loads OpenCV and the model on a thread of its own while Spring starts, for the commands that will read pages:
 * the two take seconds of a command's start-up that would otherwise come one after the other.
 * {@link PipelineComponents} takes the loaded model when it is the one its settings name (a settings file
 * may name another, which is then loaded as usual).
 */
public final class ModelPreload {

    private static Path modelDir;
    private static CompletableFuture<Classifier> loading;

    private ModelPreload() {
    }

    /** Starts loading OpenCV and the model in {@code dir} (once per process). */
    public static synchronized void start(Path dir) {
        if (loading != null) {
            return;
        }
        modelDir = dir.toAbsolutePath().normalize();
        loading = new CompletableFuture<>();
        // logging set up here first: two threads starting SLF4J at once make it warn on the console
        LoggerFactory.getILoggerFactory();
        Thread t = new Thread(() -> {
            try {
                OpenCvLoader.load();
                Classifier classifier = Classifier.load(modelDir);
                // warmed up with the threads a page's network calls will have (one page per core by default):
                // oneDNN's kernels are made for a thread count, and a team of threads left from the warm-up would
                // spin beside the pages
                Nd4jRuntime.threadsForThisThread(1);
                classifier.warmUp();
                loading.complete(classifier);
            } catch (Throwable e) {
                loading.completeExceptionally(e);
            }
        }, "model-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The model of {@code dir} when it was preloaded (waiting for it to finish), else null. */
    static Classifier take(Path dir) {
        CompletableFuture<Classifier> future;
        synchronized (ModelPreload.class) {
            if (loading == null || !modelDir.equals(dir.toAbsolutePath().normalize())) {
                return null;
            }
            future = loading;
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the model was loading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException("cannot load the model in " + dir, io);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot load the model in " + dir, e.getCause());
        }
    }
}
