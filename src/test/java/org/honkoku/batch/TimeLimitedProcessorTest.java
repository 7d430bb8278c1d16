package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.honkoku.classify.Classifier;
import org.honkoku.ingest.BadInputException;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceInspector;
import org.honkoku.ingest.SourceKind;
import org.honkoku.segment.Segmenter;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscribedPage;
import org.junit.jupiter.api.Test;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.support.CompositeItemProcessor;

/**
 * The per-page time limit on the real pipeline (OpenCV, the shipped model): a page over its limit fails with
 * that reason, and its work really stops (the worker ends at the pipeline's next check, it does not run the
 * page to the end in the background); with a normal limit the same page is transcribed.
 */
class TimeLimitedProcessorTest {

    private static final Path PAGE = Path.of("samples/brsk001-009.jpg").toAbsolutePath();

    @Test
    void aPageOverItsLimitFailsWithThatReasonAndStopsWorking() throws Exception {
        Classifier classifier = Classifier.load(Path.of("models", "default"));
        ItemProcessor<StoredPage, TranscribedPage> pipeline = pipeline(classifier);
        StoredPage page = registered(PAGE);
        // what the page's worker thread ended with: a result, or the exception that stopped it
        AtomicReference<Object> outcome = new AtomicReference<>();
        ItemProcessor<StoredPage, TranscribedPage> observed = item -> {
            try {
                TranscribedPage done = pipeline.process(item);
                outcome.set(done);
                return done;
            } catch (RuntimeException e) {
                outcome.set(e);
                throw e;
            }
        };

        try (var limited = new TimeLimitedProcessor<>(observed, Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> limited.process(page)).isInstanceOf(BadInputException.class)
                    .hasMessage("time limit: the page was not done after 300 ms (honkoku.limits.page-time)");
            // stopped at the pipeline's next check (or, while still reading the file, by the interrupted read)
            assertThat(outcome.get()).as("the worker was stopped, not left to finish the page")
                    .isInstanceOf(RuntimeException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TimeLimitedProcessor.GRACE);
        }
        try (var generous = new TimeLimitedProcessor<>(pipeline, InputLimits.DEFAULT_PAGE_TIME)) {
            assertThat(generous.process(page).glyphs()).hasSizeGreaterThan(100);
        }
    }

    private static ItemProcessor<StoredPage, TranscribedPage> pipeline(Classifier classifier) {
        var steps = new CompositeItemProcessor<StoredPage, TranscribedPage>();
        steps.setDelegates(List.of(new SegmentProcessor(new PageImageLoader(InputLimits.defaults()), new Segmenter(),
                classifier, 1), new ClassifyProcessor(classifier, null)));
        return steps;
    }

    private static StoredPage registered(Path file) throws Exception {
        String sha = SourceInspector.sha256(new SourceFile(file, SourceKind.IMAGE, file.getParent()));
        return new StoredPage(1, file.toString(), "brsk001-009", sha, Files.size(file), 1);
    }
}
