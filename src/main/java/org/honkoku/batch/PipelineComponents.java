package org.honkoku.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.honkoku.Defaults;
import org.honkoku.classify.Classifier;
import org.honkoku.segment.Segmenter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The segmenter and the classifier, made once per process on first use: loading the network takes
 * seconds and its weights hundreds of megabytes, so neither happens for commands that do not need it.
 */
@Component
public class PipelineComponents {

    private final Path modelDir;
    private volatile Classifier classifier;
    private final Segmenter segmenter = new Segmenter();
    private final boolean recognitionInTheLoop;
    private final int pageThreads;

    /** @param pageThreads pages transcribed at once; 0 for one per CPU core */
    public PipelineComponents(@Value("${honkoku.model:}") String modelDir,
                              @Value("${honkoku.segment.recognition:true}") boolean recognitionInTheLoop,
                              @Value("${honkoku.transcribe.threads:0}") int pageThreads) {
        this.modelDir = modelDir.isBlank() ? Defaults.modelDir() : Path.of(modelDir);
        this.recognitionInTheLoop = recognitionInTheLoop;
        this.pageThreads = pageThreads > 0 ? pageThreads : Runtime.getRuntime().availableProcessors();
    }

    /** How many pages the transcribe step works on at once ({@code honkoku.transcribe.threads}). */
    public int pageThreads() {
        return pageThreads;
    }

    /** The CPU threads each page's network calls may use: the cores shared out among the pages in hand. */
    public int networkThreadsPerPage() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / pageThreads);
    }

    /** Whether the segmenter reads its candidate boxes with the classifier (see Segmenter). */
    public boolean recognitionInTheLoop() {
        return recognitionInTheLoop;
    }

    public Segmenter segmenter() {
        return segmenter;
    }

    public Classifier classifier() {
        Classifier loaded = classifier;
        if (loaded == null) {
            synchronized (this) {
                if (classifier == null) {
                    try {
                        Classifier preloaded = ModelPreload.take(modelDir);
                        classifier = preloaded != null ? preloaded : Classifier.load(modelDir);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot load the model in " + modelDir, e);
                    }
                }
                loaded = classifier;
            }
        }
        return loaded;
    }
}
