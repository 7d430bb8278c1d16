package org.honkoku.retry;

import java.util.List;

import org.honkoku.ops.RunSummary;
import org.honkoku.store.PageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * Puts failed pages back in the queue, in the step's transaction: all of them, or those under the given
 * paths. Their failures stay in {@code page_failure}; superseded versions are left alone.
 */
class RequeueFailedTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RequeueFailedTasklet.class);

    private final PageRepository pages;
    private final List<String> paths;

    RequeueFailedTasklet(PageRepository pages, List<String> paths) {
        this.pages = pages;
        this.paths = paths;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        int requeued = pages.requeueFailed(paths);
        chunk.getStepContext().getStepExecution().getExecutionContext().putInt(RunSummary.REQUEUED_PAGES, requeued);
        log.info("{} failed pages are pending again", requeued);
        return RepeatStatus.FINISHED;
    }
}
