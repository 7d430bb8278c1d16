package org.honkoku.batch;

import org.honkoku.classify.Classifier;
import org.honkoku.classify.Nd4jRuntime;
import org.honkoku.classify.PageOrientation;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.segment.GlyphScorer;
import org.honkoku.segment.Segmenter;
import org.honkoku.store.StoredPage;
import org.opencv.core.Mat;
import org.springframework.batch.item.ItemProcessor;

/**
 * Batch adapter of the segment stage: reads the page image (refusing a file replaced since the page was
 * registered) and cuts it into character boxes, with the classifier reading the candidate boxes.
 */
class SegmentProcessor implements ItemProcessor<StoredPage, SegmentedPage> {

    private final PageImageLoader loader;
    private final Segmenter segmenter;
    private final Classifier classifier;
    private final int networkThreads;

    /**
     * @param classifier     reads the segmenter's candidate boxes (recognition in the loop), or null for geometry only
     * @param networkThreads the CPU threads the network may use for this page (its thread's setting, made per page)
     */
    SegmentProcessor(PageImageLoader loader, Segmenter segmenter, Classifier classifier, int networkThreads) {
        this.loader = loader;
        this.segmenter = segmenter;
        this.classifier = classifier;
        this.networkThreads = networkThreads;
    }

    @Override
    public SegmentedPage process(StoredPage stored) {
        if (classifier != null) {
            Nd4jRuntime.threadsForThisThread(networkThreads);
        }
        long start = System.nanoTime();
        Mat scan = loader.loadUnchanged(stored.toPageRef());
        long loaded = System.nanoTime();
        try {
            TimeLimitedProcessor.checkInterrupted();
            // a scan on its side or upside down is read turned upright (and stored so: the boxes are the upright page's)
            PageOrientation.Oriented page = PageOrientation.cut(scan, classifier, (image, reader) -> {
                // the segmenter's loop calls the recogniser over and over: where a page past its time limit stops
                GlyphScorer scorer = reader == null ? null : boxes -> {
                    TimeLimitedProcessor.checkInterrupted();
                    return reader.confidence(boxes);
                };
                return segmenter.segment(image, scorer);
            });
            if (page.page() != scan) {
                scan.release();
            }
            return new SegmentedPage(stored, page.page(), page.turns(), page.boxes(), page.reader(),
                    millis(loaded - start), millis(System.nanoTime() - loaded));
        } catch (RuntimeException e) {
            scan.release();
            throw e;
        }
    }

    static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
