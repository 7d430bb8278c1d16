package org.honkoku.batch;

import org.honkoku.search.SearchIndex;
import org.honkoku.store.BoxRepository;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscribedPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/**
 * Batch adapter of the store stage: a page's boxes and its status go in the chunk's transaction, together
 * with Spring Batch's record of the chunk, and only while the page is still claimed by this execution (a page
 * another run took over is left to it, neither written nor counted as failed). The page's search index is rebuilt
 * in the same transaction.
 */
class StoreWriter implements ItemWriter<TranscribedPage> {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    private final BoxRepository boxes;
    private final SearchIndex search;
    private final long jobExecutionId;

    StoreWriter(BoxRepository boxes, SearchIndex search, long jobExecutionId) {
        this.boxes = boxes;
        this.search = search;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends TranscribedPage> pages) {
        for (TranscribedPage page : pages) {
            if (!boxes.save(page, jobExecutionId)) {
                StoredPage p = page.page();
                log.warn("page {} (page {}) is no longer claimed by this run (job execution {}; taken for dead and"
                        + " given to another run): its result is discarded", p.sourcePath(), p.pageNo(), jobExecutionId);
            } else {
                search.reindex(page.page().id());
            }
        }
    }
}
