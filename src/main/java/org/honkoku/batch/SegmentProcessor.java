package org.honkoku.batch;

import java.util.List;

import org.honkoku.ingest.PageImageLoader;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.Segmenter;
import org.honkoku.store.StoredPage;
import org.opencv.core.Mat;
import org.springframework.batch.item.ItemProcessor;

/** Batch adapter of the segment stage: reads the page image and cuts it into character boxes. */
class SegmentProcessor implements ItemProcessor<StoredPage, SegmentedPage> {

    private final PageImageLoader loader;
    private final Segmenter segmenter;

    SegmentProcessor(PageImageLoader loader, Segmenter segmenter) {
        this.loader = loader;
        this.segmenter = segmenter;
    }

    @Override
    public SegmentedPage process(StoredPage page) {
        long start = System.nanoTime();
        Mat image = loader.load(page.toPageRef());
        long loaded = System.nanoTime();
        try {
            List<CharBox> boxes = segmenter.segment(image);
            return new SegmentedPage(page, image, boxes, millis(loaded - start), millis(System.nanoTime() - loaded));
        } catch (RuntimeException e) {
            image.release();
            throw e;
        }
    }

    static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
