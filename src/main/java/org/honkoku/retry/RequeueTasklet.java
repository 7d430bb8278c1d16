package org.honkoku.retry;

import java.util.List;
import java.util.function.ToIntFunction;

import org.honkoku.ops.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * Puts pages back in the queue, in the step's transaction: those a query picks (failed ones, or those another
 * model read), of the given paths or all; the transcribe step that follows processes them. Superseded
 * versions are left alone, failure records stay.
 */
class RequeueTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RequeueTasklet.class);

    private final String which;
    private final ToIntFunction<List<String>> requeue;
    private final List<String> paths;

    /**
     * @param which   the pages, for the log ("failed pages")
     * @param requeue puts those of the paths (all when empty) back in the queue, returns how many
     */
    RequeueTasklet(String which, ToIntFunction<List<String>> requeue, List<String> paths) {
        this.which = which;
        this.requeue = requeue;
        this.paths = paths;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        int requeued = requeue.applyAsInt(paths);
        chunk.getStepContext().getStepExecution().getExecutionContext().putInt(RunSummary.REQUEUED_PAGES, requeued);
        log.info("{} {} are pending again", requeued, which);
        return RepeatStatus.FINISHED;
    }
}
