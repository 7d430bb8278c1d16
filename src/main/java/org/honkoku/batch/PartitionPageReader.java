package org.honkoku.batch;

import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.honkoku.store.PageClaims;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.springframework.batch.item.ItemReader;

/**
 * A worker's reader of one partition: its pages that are still pending, each claimed for the run (the manager's
 * job execution) and this worker before it is handed on, as {@link PendingPageReader} does for a run in one
 * process. A page another worker or run holds is passed over (the manager gives a dead worker's pages back to
 * the queue between rounds). When the worker is stopping, no further page is handed out: the pages in hand
 * finish, the rest stay pending for the manager's next round and another worker. Thread-safe.
 */
class PartitionPageReader implements ItemReader<StoredPage> {

    private final PageRepository pages;
    private final PageClaims claims;
    private final long jobExecutionId;
    private final List<Long> ids;
    private final BooleanSupplier stopping;
    private Iterator<StoredPage> pending;

    PartitionPageReader(PageRepository pages, PageClaims claims, long jobExecutionId, List<Long> ids,
                        BooleanSupplier stopping) {
        this.pages = pages;
        this.claims = claims;
        this.jobExecutionId = jobExecutionId;
        this.ids = ids;
        this.stopping = stopping;
    }

    @Override
    public synchronized StoredPage read() {
        if (pending == null) {
            pending = pages.pendingAmong(ids).iterator();
        }
        while (!stopping.getAsBoolean() && pending.hasNext()) {
            StoredPage page = pending.next();
            if (claims.claim(page.id(), jobExecutionId)) {
                return page;
            }
        }
        return null;
    }
}
