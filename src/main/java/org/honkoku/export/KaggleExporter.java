package org.honkoku.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;

/**
 * The Kuzushiji Recognition competition's format: {@code image_id,labels}, one row per page, labels
 * being {@code U+XXXX cx cy} triples (box centres in page pixels); {@code rare} boxes are left out.
 */
final class KaggleExporter implements Exporter {

    @Override
    public void write(List<PageTranscription> pages, Writer out) throws IOException {
        out.write("image_id,labels\n");
        for (PageTranscription page : pages) {
            StringBuilder labels = new StringBuilder();
            for (StoredBox b : page.boxes()) {
                if (Labels.RARE.equals(b.label())) {
                    continue;
                }
                if (!labels.isEmpty()) {
                    labels.append(' ');
                }
                labels.append(b.label()).append(' ').append(b.centreX()).append(' ').append(b.centreY());
            }
            out.write(page.imageId() + "," + labels + "\n");
        }
    }
}
