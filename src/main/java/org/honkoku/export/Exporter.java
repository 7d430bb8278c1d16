package org.honkoku.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.honkoku.store.PageTranscription;

/** Writes transcribed pages in one format. Plain Java: the pages come in, text goes out. */
public interface Exporter {

    void write(List<PageTranscription> pages, Writer out) throws IOException;

    static Exporter forFormat(String format) {
        return switch (format) {
            case "text" -> new TextExporter();
            case "csv" -> new CsvExporter();
            case "kaggle" -> new KaggleExporter();
            default -> throw new IllegalArgumentException(
                    "unknown export format '" + format + "' (expected text, csv or kaggle)");
        };
    }
}
