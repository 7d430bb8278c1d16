package org.honkoku.batch;

import org.honkoku.ingest.BadInputException;
import org.honkoku.store.FailureRepository;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscribedPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.SkipListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;

/**
 * The transcribe step's skip policy made visible: a skipped page is recorded as failed with why, and the
 * failure with its stack trace ({@code page_failure}, whose id the page and the log line refer to).
 */
class PageFailureListener implements SkipListener<StoredPage, TranscribedPage> {

    private static final Logger log = LoggerFactory.getLogger(PageFailureListener.class);

    private final PageRepository pages;
    private final FailureRepository failures;

    PageFailureListener(PageRepository pages, FailureRepository failures) {
        this.pages = pages;
        this.failures = failures;
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
        long execution = currentJobExecutionId();
        String reason = reason(t);
        // the page first: a run that lost its claim leaves no failure record pointing nowhere
        if (pages.markFailed(page.id(), execution, reason)) {
            long failure = failures.record(page.id(), execution, reason, t);
            pages.setFailure(page.id(), failure);
            log.warn("page failed: {} (page {}): {} [stack trace: ./honkoku jobs --trace {}]", page.sourcePath(),
                    page.pageNo(), reason, failure);
        }
    }

    static long currentJobExecutionId() {
        return StepSynchronizationManager.getContext().getStepExecution().getJobExecutionId();
    }

    /** Bad input explains itself; anything else is a fault of ours, named with its type. */
    static String reason(Throwable t) {
        if (t instanceof BadInputException) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
