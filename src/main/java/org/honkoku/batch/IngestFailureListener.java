package org.honkoku.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;

import org.honkoku.ingest.PageRef;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceInspector;
import org.honkoku.store.FailureRepository;
import org.honkoku.store.PageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.SkipListener;

/**
 * A file that cannot even be opened (empty, unreadable, encrypted or broken PDF, a link loop) is recorded
 * as one failed page, so the archivist sees it among the pages instead of in a log only.
 */
class IngestFailureListener implements SkipListener<SourceFile, List<PageRef>> {

    private static final Logger log = LoggerFactory.getLogger(IngestFailureListener.class);

    private final PageRepository pages;
    private final FailureRepository failures;

    IngestFailureListener(PageRepository pages, FailureRepository failures) {
        this.pages = pages;
        this.failures = failures;
    }

    @Override
    public void onSkipInProcess(SourceFile file, Throwable t) {
        String reason = PageFailureListener.reason(t);
        long size = file.path().toFile().length();
        long execution = PageFailureListener.currentJobExecutionId();
        Long page = pages.registerFailed(new PageRef(file, identity(file), size, 1, file.baseName()), reason,
                execution);
        if (page != null) {
            long failure = failures.record(page, execution, reason, t);
            pages.setFailure(page, failure);
            log.warn("file failed: {}: {} [stack trace: ./honkoku jobs --trace {}]", file.path(), reason, failure);
        }
    }

    /**
     * A refused file is identified by its path, size and modification time, not by hashing it: hashing a
     * huge or unreadable file every night would cost what its refusal saves. The same file refused again is
     * known; a file changed in place (a fixed scan) gets a new identity and is taken as a new version.
     */
    private static String identity(SourceFile file) {
        long modified = 0;
        try {
            modified = Files.getLastModifiedTime(file.path(), LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException e) {
            // no time to be had (a broken link's target, a vanished file): path and size identify it
        }
        String key = "refused:" + file.path() + ":" + file.path().toFile().length() + ":" + modified;
        return SourceInspector.sha256(key.getBytes(StandardCharsets.UTF_8));
    }
}
