package org.honkoku.store;

import java.nio.file.Path;

import org.honkoku.ingest.PageRef;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceKind;

/**
 * A page row as the transcribe step needs it: enough to find and read the page again, and which way up it was read
 * ({@code turns}: quarter turns clockwise from the scan, {@link org.honkoku.classify.PageOrientation}).
 */
public record StoredPage(long id, String sourcePath, String imageId, String sha256, long byteSize, int pageNo,
                         int turns) {

    /** A page not read yet, or read as scanned. */
    public StoredPage(long id, String sourcePath, String imageId, String sha256, long byteSize, int pageNo) {
        this(id, sourcePath, imageId, sha256, byteSize, pageNo, 0);
    }

    public PageRef toPageRef() {
        Path path = Path.of(sourcePath);
        SourceFile source = new SourceFile(path, SourceKind.of(path).orElse(null), path.getParent());
        return new PageRef(source, sha256, byteSize, pageNo, imageId);
    }
}
