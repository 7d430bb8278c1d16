package org.honkoku.retry;

import java.util.List;

import org.honkoku.batch.PipelineComponents;
import org.honkoku.ops.RunLauncher;
import org.springframework.batch.core.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The commands that process pages again, under the given files or folders or all of them; exit codes as for
 * transcribe. Characters and outlines a person decided on are kept either way.
 * <ul>
 * <li>{@code ./honkoku retry-failed [PATH...]}: the failed pages, e.g. after a time limit was raised, a file
 * was made readable, or honkoku was upgraded;</li>
 * <li>{@code ./honkoku reread [PATH...]}: the done pages another model read, with the current one, e.g. after
 * a better model was installed.</li>
 * </ul>
 */
@Component
public class ReprocessCommand {

    private final RunLauncher runs;
    private final Job retryFailedJob;
    private final Job rereadJob;
    private final PipelineComponents pipeline;

    ReprocessCommand(RunLauncher runs, @Qualifier("retryFailedJob") Job retryFailedJob,
                     @Qualifier("rereadJob") Job rereadJob, PipelineComponents pipeline) {
        this.runs = runs;
        this.retryFailedJob = retryFailedJob;
        this.rereadJob = rereadJob;
        this.pipeline = pipeline;
    }

    public int retryFailed(List<String> paths) throws Exception {
        pipeline.classifier(); // a missing or broken model is the installation's fault: say so before the run
        return runs.runAndReport(retryFailedJob, paths);
    }

    public int reread(List<String> paths) throws Exception {
        pipeline.classifier();
        return runs.runAndReport(rereadJob, paths);
    }
}
