package org.honkoku.batch;

import org.honkoku.store.BoxRepository;
import org.honkoku.store.TranscribedPage;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/**
 * Batch adapter of the store stage: a page's boxes and its status go in the chunk's transaction, together
 * with Spring Batch's record of the chunk, and only while the page is still claimed by this execution.
 */
class StoreWriter implements ItemWriter<TranscribedPage> {

    private final BoxRepository boxes;
    private final long jobExecutionId;

    StoreWriter(BoxRepository boxes, long jobExecutionId) {
        this.boxes = boxes;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends TranscribedPage> pages) {
        for (TranscribedPage page : pages) {
            boxes.save(page, jobExecutionId);
        }
    }
}
