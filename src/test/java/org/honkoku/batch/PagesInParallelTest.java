package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.honkoku.classify.Classifier;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceInspector;
import org.honkoku.ingest.SourceKind;
import org.honkoku.segment.Segmenter;
import org.honkoku.store.Glyph;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscribedPage;
import org.junit.jupiter.api.Test;
import org.springframework.batch.item.support.CompositeItemProcessor;

/**
 * The transcribe step's page threads on the real pipeline (OpenCV, the shipped model): pages read three at a time
 * through one time-limited processor and one classifier come out exactly as they do read one after another, so
 * the network copies, the segmenter and the time limit do not mix up pages.
 */
class PagesInParallelTest {

    private static final List<String> PAGES = List.of("100241706_00004_2", "brsk001-009", "hnsd001-011");

    @Test
    void pagesReadAtOnceComeOutAsPagesReadOneAfterAnother() throws Exception {
        Classifier classifier = Classifier.load(Path.of("models", "default"));
        List<StoredPage> pages = new ArrayList<>();
        for (String id : PAGES) {
            pages.add(registered(id, pages.size() + 1));
        }
        try (var oneAtATime = limited(classifier, 2)) {
            List<TranscribedPage> expected = new ArrayList<>();
            for (StoredPage page : pages) {
                expected.add(oneAtATime.process(page));
            }
            try (var shared = limited(classifier, 1)) {
                ExecutorService threads = Executors.newFixedThreadPool(3);
                try {
                    // each page twice, six pages in flight on three threads
                    List<Future<TranscribedPage>> results = new ArrayList<>();
                    for (int round = 0; round < 2; round++) {
                        for (StoredPage page : pages) {
                            results.add(threads.submit(() -> shared.process(page)));
                        }
                    }
                    for (int k = 0; k < results.size(); k++) {
                        assertSameReading(results.get(k).get(), expected.get(k % pages.size()));
                    }
                } finally {
                    threads.shutdownNow();
                }
            }
        }
    }

    private static void assertSameReading(TranscribedPage actual, TranscribedPage expected) {
        String page = expected.page().imageId();
        assertThat(actual.page().imageId()).isEqualTo(page);
        assertThat(actual.glyphs()).as(page).hasSize(expected.glyphs().size()).hasSizeGreaterThan(50);
        for (int i = 0; i < expected.glyphs().size(); i++) {
            Glyph a = actual.glyphs().get(i);
            Glyph e = expected.glyphs().get(i);
            assertThat(a.box()).as("%s box %d", page, i).isEqualTo(e.box());
            assertThat(a.prediction().top().get(0).label()).as("%s box %d", page, i)
                    .isEqualTo(e.prediction().top().get(0).label());
            assertThat(a.prediction().top().get(0).probability()).as("%s box %d", page, i)
                    .isCloseTo(e.prediction().top().get(0).probability(), within(1e-4f));
        }
    }

    /** The step's pipeline as the job builds it, each page's network calls on {@code networkThreads} threads. */
    private static TimeLimitedProcessor<StoredPage, TranscribedPage> limited(Classifier classifier, int networkThreads) {
        var steps = new CompositeItemProcessor<StoredPage, TranscribedPage>();
        steps.setDelegates(List.of(new SegmentProcessor(new PageImageLoader(InputLimits.defaults()), new Segmenter(),
                classifier, networkThreads), new ClassifyProcessor(classifier, null)));
        return new TimeLimitedProcessor<>(steps, InputLimits.DEFAULT_PAGE_TIME);
    }

    private static StoredPage registered(String imageId, long id) throws Exception {
        Path file = Path.of("samples", imageId + ".jpg").toAbsolutePath();
        String sha = SourceInspector.sha256(new SourceFile(file, SourceKind.IMAGE, file.getParent()));
        return new StoredPage(id, file.toString(), imageId, sha, Files.size(file), 1);
    }
}
