package org.honkoku.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.honkoku.ingest.IiifSource;
import org.honkoku.ops.RunLauncher;
import org.honkoku.ops.RunSummary;
import org.springframework.batch.core.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku transcribe PATH...}: runs the transcribe job over files, folders and IIIF manifests (URLs or
 * {@code .json} files, see {@link IiifSource}) (resuming the last run over the same paths
 * if it crashed or failed) and sums it up in one last line; with {@code --broker}, as the manager of a
 * distributed run ({@link DistributedJobConfiguration}). Exit code 0 when every page succeeded,
 * {@link #SOME_PAGES_FAILED} when the run finished but some pages failed, 1 when the job itself failed.
 */
@Component
public class TranscribeCommand {

    public static final int SOME_PAGES_FAILED = RunSummary.SOME_PAGES_FAILED;

    private final RunLauncher runs;
    private final ObjectProvider<Job> transcribeJob;
    private final ObjectProvider<Job> distributedJob;
    private final PipelineComponents pipeline;
    private final String broker;

    TranscribeCommand(RunLauncher runs, @Qualifier("transcribeJob") ObjectProvider<Job> transcribeJob,
                      @Qualifier("distributedTranscribeJob") ObjectProvider<Job> distributedJob,
                      PipelineComponents pipeline, @Value("${honkoku.remote.broker:}") String broker) {
        this.runs = runs;
        this.transcribeJob = transcribeJob;
        this.distributedJob = distributedJob;
        this.pipeline = pipeline;
        this.broker = broker;
    }

    public int run(List<String> paths) throws Exception {
        RunSummary summary = transcribe(paths);
        System.out.println(summary.line());
        return summary.exitCode();
    }

    /**
     * The run itself, summed up instead of printed: {@link #run} and the admin page's runs in the serve process
     * (org.honkoku.runs) both come here, so a run started in the browser is the command line's.
     */
    public RunSummary transcribe(List<String> paths) throws Exception {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("transcribe needs at least one file or folder");
        }
        for (String p : paths) {
            if (IiifSource.isUrl(p)) {
                continue; // a IIIF manifest's URL, read by the ingest step: one that cannot be is a failed page
            }
            Path path = Path.of(p);
            if (!Files.exists(path) && !Files.isSymbolicLink(path)) {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
        }
        if (!broker.isEmpty()) {
            // the manager of a distributed run: the workers read the pages, with their own model
            return runs.run(distributedJob.getObject(), paths);
        }
        // A missing or broken model is the installation's fault, not the pages': say so before the run.
        pipeline.classifier();
        return runs.run(transcribeJob.getObject(), paths);
    }
}
