package org.honkoku.retry;

import java.util.List;

import org.honkoku.batch.PipelineComponents;
import org.honkoku.ops.RunLauncher;
import org.springframework.batch.core.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku retry-failed [PATH...]}: processes the failed pages again (those under the given files or
 * folders, or all), e.g. after a time limit was raised, a file was made readable, or honkoku was upgraded.
 * Exit codes as for transcribe.
 */
@Component
public class RetryFailedCommand {

    private final RunLauncher runs;
    private final Job retryFailedJob;
    private final PipelineComponents pipeline;

    RetryFailedCommand(RunLauncher runs, @Qualifier("retryFailedJob") Job retryFailedJob,
                       PipelineComponents pipeline) {
        this.runs = runs;
        this.retryFailedJob = retryFailedJob;
        this.pipeline = pipeline;
    }

    public int run(List<String> paths) throws Exception {
        pipeline.classifier();
        return runs.runAndReport(retryFailedJob, paths);
    }
}
