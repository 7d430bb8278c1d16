package org.honkoku.batch;

import org.honkoku.ingest.BadInputException;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscribedPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.SkipListener;

/** The transcribe step's skip policy made visible: a skipped page is recorded as failed, with why. */
class PageFailureListener implements SkipListener<StoredPage, TranscribedPage> {

    private static final Logger log = LoggerFactory.getLogger(PageFailureListener.class);

    private final PageRepository pages;

    PageFailureListener(PageRepository pages) {
        this.pages = pages;
    }

    @Override
    public void onSkipInProcess(StoredPage page, Throwable t) {
        fail(page, t);
    }

    @Override
    public void onSkipInWrite(TranscribedPage page, Throwable t) {
        fail(page.page(), t);
    }

    private void fail(StoredPage page, Throwable t) {
        String reason = reason(t);
        log.warn("page failed: {} (page {}): {}", page.sourcePath(), page.pageNo(), reason);
        pages.markFailed(page.id(), reason);
    }

    /** Bad input explains itself; anything else is a fault of ours, named with its type. */
    static String reason(Throwable t) {
        if (t instanceof BadInputException) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
