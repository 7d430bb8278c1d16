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

    public PipelineComponents(@Value("${honkoku.model:}") String modelDir,
                              @Value("${honkoku.segment.recognition:true}") boolean recognitionInTheLoop) {
        this.modelDir = modelDir.isBlank() ? Defaults.modelDir() : Path.of(modelDir);
        this.recognitionInTheLoop = recognitionInTheLoop;
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
                        classifier = Classifier.load(modelDir);
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
