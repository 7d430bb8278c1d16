package org.honkoku.batch;

import java.util.Iterator;

import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.springframework.batch.item.ItemReader;

/**
 * Reads the pages still to transcribe, as they stand when the step starts: this run's new pages and
 * any left pending by a run that stopped early. The list is taken once, so pages whose status changes
 * while the step runs are neither skipped nor read twice (as a paging query on status would).
 */
class PendingPageReader implements ItemReader<StoredPage> {

    private final PageRepository pages;
    private Iterator<StoredPage> pending;

    PendingPageReader(PageRepository pages) {
        this.pages = pages;
    }

    @Override
    public StoredPage read() {
        if (pending == null) {
            pending = pages.pending().iterator();
        }
        return pending.hasNext() ? pending.next() : null;
    }
}
