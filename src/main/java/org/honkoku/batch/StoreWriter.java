package org.honkoku.batch;

import org.honkoku.store.BoxRepository;
import org.honkoku.store.TranscribedPage;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/** Batch adapter of the store stage: a page's boxes and its status go in the chunk's transaction. */
class StoreWriter implements ItemWriter<TranscribedPage> {

    private final BoxRepository boxes;

    StoreWriter(BoxRepository boxes) {
        this.boxes = boxes;
    }

    @Override
    public void write(Chunk<? extends TranscribedPage> pages) {
        for (TranscribedPage page : pages) {
            boxes.save(page);
        }
    }
}
