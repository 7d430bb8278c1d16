package org.honkoku.batch;

import java.util.List;

import org.honkoku.ingest.PageRef;
import org.honkoku.ops.RunSummary;
import org.honkoku.store.PageRepository;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/**
 * Records new pages as pending and counts those already known (done, failed or pending from
 * before): the counts go to the step's context for the run's summary line.
 */
class PageRegistrar implements ItemWriter<List<PageRef>> {

    static final String NEW_PAGES = RunSummary.NEW_PAGES;
    static final String KNOWN_PAGES = RunSummary.KNOWN_PAGES;

    private final PageRepository pages;
    private final StepExecution step;

    PageRegistrar(PageRepository pages, StepExecution step) {
        this.pages = pages;
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends List<PageRef>> files) {
        for (List<PageRef> filePages : files) {
            for (PageRef page : filePages) {
                increment(pages.register(page) ? NEW_PAGES : KNOWN_PAGES);
            }
        }
    }

    private void increment(String key) {
        var context = step.getExecutionContext();
        context.putInt(key, context.getInt(key, 0) + 1);
    }
}
