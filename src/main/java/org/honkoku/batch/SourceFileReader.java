package org.honkoku.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.honkoku.ingest.IiifSource;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceScanner;
import org.springframework.batch.item.ItemReader;

/**
 * The ingest step's reader: the run's inputs as source files. Files and folders are walked at once by
 * {@link SourceScanner} (all together, as before, so a file named twice is taken once); each IIIF manifest
 * (a URL or a {@code .json} file) is read when the step starts and its canvases' images are fetched one by one
 * as the step reads them, so that pages are registered while the rest download, and a run stopped in the
 * middle keeps what it fetched.
 */
class SourceFileReader implements ItemReader<SourceFile> {

    private final Iterator<Supplier<SourceFile>> sources;

    SourceFileReader(List<String> inputs, SourceScanner scanner, IiifSource iiif) {
        List<Path> paths = new ArrayList<>();
        List<String> manifests = new ArrayList<>();
        for (String input : inputs) {
            if (IiifSource.isManifest(input)) {
                manifests.add(input);
            } else {
                paths.add(Path.of(input));
            }
        }
        List<Supplier<SourceFile>> all = new ArrayList<>();
        if (!paths.isEmpty()) {
            scanner.scan(paths).forEach(file -> all.add(() -> file));
        }
        manifests.forEach(manifest -> all.addAll(iiif.pages(manifest)));
        this.sources = all.iterator();
    }

    @Override
    public SourceFile read() {
        return sources.hasNext() ? sources.next().get() : null;
    }
}
