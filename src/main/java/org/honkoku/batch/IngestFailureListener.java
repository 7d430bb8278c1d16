package org.honkoku.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.honkoku.ingest.BadInputException;
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

    /** The file's hash when it can be read; otherwise one derived from its path, stable across runs. */
    private static String identity(SourceFile file) {
        try {
            if (file.problem() == null) {
                return SourceInspector.sha256(file);
            }
        } catch (BadInputException unreadable) {
            // below
        }
        try {
            byte[] path = ("unreadable:" + file.path()).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(path));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
