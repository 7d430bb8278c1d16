package org.honkoku.store;

import java.nio.file.Path;

import org.honkoku.ingest.PageRef;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceKind;

/** A page row as the transcribe step needs it: enough to find and read the page again. */
public record StoredPage(long id, String sourcePath, String imageId, String sha256, long byteSize, int pageNo) {

    public PageRef toPageRef() {
        Path path = Path.of(sourcePath);
        SourceFile source = new SourceFile(path, SourceKind.of(path).orElse(null), path.getParent());
        return new PageRef(source, sha256, byteSize, pageNo, imageId);
    }
}
