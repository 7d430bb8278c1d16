package org.honkoku.batch;

import java.util.List;

import org.honkoku.ingest.PageRef;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceInspector;
import org.springframework.batch.item.ItemProcessor;

/** Batch adapter of the ingest stage: a source file becomes its pages (hash, page numbers). */
class IngestProcessor implements ItemProcessor<SourceFile, List<PageRef>> {

    private final SourceInspector inspector;

    IngestProcessor(SourceInspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public List<PageRef> process(SourceFile file) {
        return inspector.inspect(file);
    }
}
