package org.honkoku.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;

/**
 * Plain text: for each page a line {@code # image_id}, then one line per column in reading order
 * (the rightmost column first, each read top to bottom), then a blank line. With {@code reviewedOnly},
 * a character nobody has checked yet is written 〓, like one nobody could read.
 */
final class TextExporter implements Exporter {

    private final boolean reviewedOnly;

    TextExporter(boolean reviewedOnly) {
        this.reviewedOnly = reviewedOnly;
    }

    @Override
    public void write(List<PageTranscription> pages, Writer out) throws IOException {
        for (PageTranscription page : pages) {
            out.write("# " + page.imageId() + "\n");
            StringBuilder line = new StringBuilder();
            int column = -1;
            for (StoredBox box : page.boxes()) {
                if (box.column() != column && column >= 0) {
                    out.write(line.append('\n').toString());
                    line.setLength(0);
                }
                column = box.column();
                line.append(reviewedOnly && !box.isReviewed() ? Labels.RARE_MARK : Labels.character(box.label()));
            }
            if (column >= 0) {
                out.write(line.append('\n').toString());
            }
            out.write("\n");
        }
    }
}
