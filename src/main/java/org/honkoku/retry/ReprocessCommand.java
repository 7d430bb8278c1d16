package org.honkoku.retry;

import java.nio.file.Path;
import java.util.List;

import org.honkoku.batch.PipelineComponents;
import org.honkoku.memory.GlyphMemoryService;
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
 * a better model was installed;</li>
 * <li>{@code ./honkoku reread --adapt [PATH...]}: the unreviewed characters of manuscripts whose glyph memory grew,
 * with it (no page is segmented again).</li>
 * </ul>
 */
@Component
public class ReprocessCommand {

    private final RunLauncher runs;
    private final Job retryFailedJob;
    private final Job rereadJob;
    private final PipelineComponents pipeline;
    private final GlyphMemoryService memory;

    ReprocessCommand(RunLauncher runs, @Qualifier("retryFailedJob") Job retryFailedJob,
                     @Qualifier("rereadJob") Job rereadJob, PipelineComponents pipeline, GlyphMemoryService memory) {
        this.runs = runs;
        this.retryFailedJob = retryFailedJob;
        this.rereadJob = rereadJob;
        this.pipeline = pipeline;
        this.memory = memory;
    }

    public int retryFailed(List<String> paths) throws Exception {
        pipeline.classifier(); // a missing or broken model is the installation's fault: say so before the run
        return runs.runAndReport(retryFailedJob, paths);
    }

    public int reread(List<String> paths) throws Exception {
        pipeline.classifier();
        return runs.runAndReport(rereadJob, paths);
    }

    /**
     * {@code reread --adapt [PATH...]}: the unreviewed characters of the manuscripts (under the paths, or all) whose
     * glyph memory grew since their pages were read, read again with it ({@link GlyphMemoryService#adapt}).
     */
    public int reread(List<String> paths, boolean adapt) throws Exception {
        if (!adapt) {
            return reread(paths);
        }
        pipeline.classifier();
        List<Long> manuscripts = paths.isEmpty() ? null : memory.manuscriptsUnder(paths.stream()
                .map(p -> Path.of(p).toAbsolutePath().normalize().toString()).toList());
        GlyphMemoryService.AdaptReport report = memory.adapt(manuscripts);
        System.err.printf("reread --adapt: %d pages read again with their manuscript's glyph memory, %d characters"
                + " read differently (%d reviewed characters embedded for model %s)%n", report.pages(),
                report.boxesChanged(), report.embedded(), pipeline.classifier().readingVersion());
        return 0;
    }
}
