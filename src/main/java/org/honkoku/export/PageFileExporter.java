package org.honkoku.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

import org.honkoku.store.PageTranscription;

/** Formats with one file per page (PAGE XML, ALTO). Plain Java: a page comes in, a document goes out. */
public interface PageFileExporter {

    void write(PageTranscription page, OutputStream out) throws IOException;

    /** The formats with one file per page, by their name on the command line. */
    static Optional<PageFileExporter> forFormat(String format) {
        return switch (format) {
            case "page" -> Optional.of(new PageXmlExporter());
            case "alto" -> Optional.of(new AltoExporter());
            default -> Optional.empty();
        };
    }
}
