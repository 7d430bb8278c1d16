package org.honkoku.batch;

import org.honkoku.ops.Progress;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscribedPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.ItemWriteListener;
import org.springframework.batch.core.SkipListener;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ExecutionContext;

/**
 * The transcribe step's progress: shown by {@link Progress}, and counted in the step's execution context
 * inside each chunk's transaction, so that after a crash the restarted step knows how many pages its job
 * instance had finished (Spring Batch restores the context of a failed step on restart). Off a terminal it
 * also logs one line per page (characters and time per stage). Its methods are synchronized: the step's page
 * threads report to it at once.
 */
class ProgressListener implements StepExecutionListener, ItemWriteListener<TranscribedPage>,
        SkipListener<StoredPage, TranscribedPage> {

    static final String DONE = "pages.done";
    static final String FAILED = "pages.failed";
    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    private final Progress progress;
    private final PageRepository pages;
    private StepExecution step;

    ProgressListener(Progress progress, PageRepository pages) {
        this.progress = progress;
        this.pages = pages;
    }

    @Override
    public synchronized void beforeStep(StepExecution stepExecution) {
        step = stepExecution;
        ExecutionContext context = stepExecution.getExecutionContext();
        progress.start(pages.countByStatus(PageRepository.PENDING),
                context.getInt(DONE, 0) + context.getInt(FAILED, 0));
    }

    @Override
    public synchronized void afterWrite(Chunk<? extends TranscribedPage> written) {
        for (TranscribedPage page : written) {
            count(DONE);
            if (progress.mode() != Progress.Mode.TERMINAL) {
                var t = page.times();
                log.info("page {}: {} characters (load {} ms, segment {} ms, classify {} ms)", page.page().imageId(),
                        page.glyphs().size(), t.loadMs(), t.segmentMs(), t.classifyMs());
            }
            progress.pageDone();
        }
    }

    @Override
    public synchronized void onSkipInProcess(StoredPage page, Throwable t) {
        count(FAILED);
        progress.pageFailed();
    }

    @Override
    public synchronized void onSkipInWrite(TranscribedPage page, Throwable t) {
        count(FAILED);
        progress.pageFailed();
    }

    @Override
    public synchronized ExitStatus afterStep(StepExecution stepExecution) {
        progress.finish();
        return null;
    }

    private void count(String key) {
        ExecutionContext context = step.getExecutionContext();
        context.putInt(key, context.getInt(key, 0) + 1);
    }
}
