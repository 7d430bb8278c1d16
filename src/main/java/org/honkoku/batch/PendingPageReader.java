package org.honkoku.batch;

import java.util.Iterator;

import org.honkoku.store.PageClaims;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.springframework.batch.item.ItemReader;

/**
 * Reads the pages still to transcribe, as they stand when the step starts: this run's new pages and any
 * left pending by a run that stopped early. The list is taken once, so pages whose status changes while the
 * step runs are neither skipped nor read twice (as a paging query on status would). Each page is claimed
 * for this job execution before it is handed on; a page another run claimed first is passed over. The
 * step's position is the page table itself (a done page is never pending again), so the reader keeps no
 * state of its own for a restart. Thread-safe: the step's page threads read from it in turn.
 */
class PendingPageReader implements ItemReader<StoredPage> {

    private final PageRepository pages;
    private final PageClaims claims;
    private final long jobExecutionId;
    private Iterator<StoredPage> pending;

    PendingPageReader(PageRepository pages, PageClaims claims, long jobExecutionId) {
        this.pages = pages;
        this.claims = claims;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public synchronized StoredPage read() {
        if (pending == null) {
            pending = pages.pending().iterator();
        }
        while (pending.hasNext()) {
            StoredPage page = pending.next();
            if (claims.claim(page.id(), jobExecutionId)) {
                return page;
            }
        }
        return null;
    }
}
