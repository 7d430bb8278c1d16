package org.honkoku.batch;

import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.honkoku.store.PageClaims;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.springframework.batch.item.ItemReader;

/**
 * Reads the pages still to transcribe, as they stand when the step starts: for the transcribe step, this run's
 * new pages and any left pending by a run that stopped early ({@link #allPending}); for a worker of a distributed
 * run, the pages of its partition still pending ({@link #partition}). The list is taken once, so pages whose
 * status changes while the step runs are neither skipped nor read twice (as a paging query on status would).
 * Each page is claimed for this job execution (and, in a worker, for this worker) before it is handed on; a page
 * another run or worker claimed first is passed over. The step's position is the page table itself (a done page
 * is never pending again), so the reader keeps no state of its own for a restart. When {@code stopping} says so
 * (a worker that got a signal), no further page is handed out: the pages in hand finish, the rest stay pending.
 * Thread-safe: the step's page threads read from it in turn.
 */
class PendingPageReader implements ItemReader<StoredPage> {

    private final Supplier<List<StoredPage>> source;
    private final PageClaims claims;
    private final long jobExecutionId;
    private final BooleanSupplier stopping;
    private Iterator<StoredPage> pending;

    /** Not private: a step-scoped reader is proxied by a subclass. */
    PendingPageReader(Supplier<List<StoredPage>> source, PageClaims claims, long jobExecutionId,
                      BooleanSupplier stopping) {
        this.source = source;
        this.claims = claims;
        this.jobExecutionId = jobExecutionId;
        this.stopping = stopping;
    }

    /** Every pending page of the database. */
    static PendingPageReader allPending(PageRepository pages, PageClaims claims, long jobExecutionId) {
        return new PendingPageReader(pages::pending, claims, jobExecutionId, () -> false);
    }

    /** The pending pages among a partition's ({@code ids}), until the worker stops. */
    static PendingPageReader partition(PageRepository pages, PageClaims claims, long jobExecutionId, List<Long> ids,
                                       BooleanSupplier stopping) {
        return new PendingPageReader(() -> pages.pendingAmong(ids), claims, jobExecutionId, stopping);
    }

    @Override
    public synchronized StoredPage read() {
        if (pending == null) {
            pending = source.get().iterator();
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
