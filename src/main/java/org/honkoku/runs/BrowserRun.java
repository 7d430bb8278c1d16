package org.honkoku.runs;

import java.nio.file.Path;
import java.time.Instant;

import org.honkoku.ops.RunSummary;

/**
 * A transcription started on the admin page: going while it has neither a summary nor an error; then ended, with
 * the summary the command line prints, or with the error that kept the job from running at all (a model that
 * cannot be loaded, say; a page's failure is in the summary, not here).
 */
record BrowserRun(String manuscript, Path folder, Instant started, RunSummary summary, String error) {

    /** A run of an upload's folder, whose name is its images' manuscript's (as the batch names a folder's). */
    static BrowserRun started(Path folder) {
        return new BrowserRun(folder.getFileName().toString(), folder, Instant.now(), null, null);
    }

    public boolean going() {
        return summary == null && error == null;
    }

    BrowserRun ended(RunSummary summary) {
        return new BrowserRun(manuscript, folder, started, summary, null);
    }

    BrowserRun failed(String error) {
        return new BrowserRun(manuscript, folder, started, null, error);
    }
}
