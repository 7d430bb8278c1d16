package org.honkoku.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;

/**
 * One row per character box, in reading order, with the reading to use and whether a person checked it;
 * with {@code reviewedOnly}, only the rows a person checked.
 */
final class CsvExporter implements Exporter {

    static final String HEADER = "image_id,column,order,x,y,w,h,unicode,char,confidence,reviewed\n";

    private final boolean reviewedOnly;

    CsvExporter(boolean reviewedOnly) {
        this.reviewedOnly = reviewedOnly;
    }

    @Override
    public void write(List<PageTranscription> pages, Writer out) throws IOException {
        out.write(HEADER);
        for (PageTranscription page : pages) {
            for (StoredBox b : page.boxes()) {
                if (reviewedOnly && !b.isReviewed()) {
                    continue;
                }
                out.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%s,%s,%.4f,%s%n",
                        quote(page.imageId()), b.column(), b.order(), b.x(), b.y(), b.w(), b.h(),
                        b.label(), Labels.character(b.label()), b.confidence(), b.isReviewed()));
            }
        }
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
