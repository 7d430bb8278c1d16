package org.honkoku.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.honkoku.ops.RunLauncher;
import org.honkoku.ops.RunSummary;
import org.springframework.batch.core.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku transcribe PATH...}: runs the transcribe job (resuming the last run over the same paths
 * if it crashed or failed) and sums it up in one last line. Exit code 0 when every page succeeded,
 * {@link #SOME_PAGES_FAILED} when the run finished but some pages failed, 1 when the job itself failed.
 */
@Component
public class TranscribeCommand {

    public static final int SOME_PAGES_FAILED = RunSummary.SOME_PAGES_FAILED;

    private final RunLauncher runs;
    private final Job transcribeJob;
    private final PipelineComponents pipeline;

    TranscribeCommand(RunLauncher runs, @Qualifier("transcribeJob") Job transcribeJob, PipelineComponents pipeline) {
        this.runs = runs;
        this.transcribeJob = transcribeJob;
        this.pipeline = pipeline;
    }

    public int run(List<String> paths) throws Exception {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("transcribe needs at least one file or folder");
        }
        for (String p : paths) {
            Path path = Path.of(p);
            if (!Files.exists(path) && !Files.isSymbolicLink(path)) {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
        }
        // A missing or broken model is the installation's fault, not the pages': say so before the run.
        pipeline.classifier();
        return runs.runAndReport(transcribeJob, paths);
    }
}
