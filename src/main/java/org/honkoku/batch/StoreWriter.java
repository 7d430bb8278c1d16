package org.honkoku.batch;

import org.honkoku.store.BoxRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.honkoku.store.TranscribedPage;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/** Batch adapter of the store stage: a page's boxes and its status go in the chunk's transaction. */
class StoreWriter implements ItemWriter<TranscribedPage> {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    private final BoxRepository boxes;

    StoreWriter(BoxRepository boxes) {
        this.boxes = boxes;
    }

    @Override
    public void write(Chunk<? extends TranscribedPage> pages) {
        for (TranscribedPage page : pages) {
            boxes.save(page);
            var t = page.times();
            log.info("page {}: {} characters (load {} ms, segment {} ms, classify {} ms)", page.page().imageId(),
                    page.glyphs().size(), t.loadMs(), t.segmentMs(), t.classifyMs());
        }
    }
}
