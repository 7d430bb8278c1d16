package org.honkoku.ingest;

/** One page of a source file: its identity (hash of the file's bytes, page number) and export id. */
public record PageRef(SourceFile source, String sha256, long byteSize, int pageNo, String imageId) {
}
