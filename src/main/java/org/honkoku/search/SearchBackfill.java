package org.honkoku.search;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Indexes the pages that have no index yet — an archive transcribed before search existed — when the review UI
 * starts, and before {@code ./honkoku search} searches: upgrading needs no step of its own. Pages written since are
 * indexed by their writers, so on a later start this is one query that finds nothing.
 */
@Component
public class SearchBackfill {

    private static final Logger log = LoggerFactory.getLogger(SearchBackfill.class);

    private final SearchIndex index;
    private final TransactionTemplate tx;

    SearchBackfill(SearchIndex index, PlatformTransactionManager transactions) {
        this.index = index;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The review UI's start (only there: other commands do not search). */
    @Component
    @ConditionalOnWebApplication
    static class OnServe {

        private final SearchBackfill backfill;

        OnServe(SearchBackfill backfill) {
            this.backfill = backfill;
        }

        @EventListener(ApplicationReadyEvent.class)
        void ready() {
            backfill.run();
        }
    }

    /** Indexes every page without an index; returns how many. */
    public int run() {
        int done = 0;
        long t0 = System.nanoTime();
        long after = 0;
        for (List<Long> pages = index.unindexed(after, 500); !pages.isEmpty(); pages = index.unindexed(after, 500)) {
            // a transaction per 50 pages: an upgrade's thousands of pages are not thousands of commits
            for (int from = 0; from < pages.size(); from += 50) {
                List<Long> part = pages.subList(from, Math.min(pages.size(), from + 50));
                tx.executeWithoutResult(status -> part.forEach(index::reindex));
            }
            done += pages.size();
            after = pages.get(pages.size() - 1);
            log.info("search: {} pages indexed so far", done);
        }
        if (done > 0) {
            log.info("search: indexed the {} pages transcribed before search, in {} s", done,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        }
        return done;
    }
}
