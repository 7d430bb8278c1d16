package org.honkoku.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.honkoku.store.PageTranscription;

/**
 * Writes transcribed pages in one format into one file. Plain Java: the pages come in, text goes out.
 * (PAGE XML and ALTO, one file per page, are {@link PageFileExporter}s.)
 */
public interface Exporter {

    void write(List<PageTranscription> pages, Writer out) throws IOException;

    static Exporter forFormat(String format) {
        return forFormat(format, false);
    }

    /**
     * @param reviewedOnly only what a person has checked: {@code text} writes every other character as
     *                     〓 (so columns keep their length and nothing unchecked passes for read text),
     *                     {@code csv} leaves their rows out
     */
    static Exporter forFormat(String format, boolean reviewedOnly) {
        if (reviewedOnly && !format.equals("text") && !format.equals("csv")) {
            throw new IllegalArgumentException("--reviewed-only applies to the text and csv formats");
        }
        return switch (format) {
            case "text" -> new TextExporter(reviewedOnly);
            case "csv" -> new CsvExporter(reviewedOnly);
            case "kaggle" -> new KaggleExporter();
            default -> throw new IllegalArgumentException(
                    "unknown export format '" + format + "' (expected text, csv, kaggle, page, alto, tei, iiif or crops)");
        };
    }
}
