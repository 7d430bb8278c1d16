package org.honkoku.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import org.honkoku.store.PageInfo;
import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;
import org.w3c.dom.Element;

/**
 * PAGE XML 2019-07-15, one document per page: one text region holding a text line per column (in
 * reading order: the rightmost column first), each line one word of glyphs top to bottom. A glyph's
 * first TextEquiv (index 0) is the reading to use, with its confidence; for a reviewed glyph that is
 * the reviewer's reading (conf 1, {@code custom="review {status:reviewed;}"}) and the machine's follows
 * as index 1. The processing steps are MetadataItems of type processingStep.
 */
final class PageXmlExporter implements PageFileExporter {

    static final String NAMESPACE = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15";
    static final String REVIEWED = "review {status:reviewed;}";

    @Override
    public void write(PageTranscription page, OutputStream out) throws IOException {
        PageInfo info = page.info();
        Xml xml = Xml.document(NAMESPACE);
        Element root = xml.root("PcGts", NAMESPACE + "/pagecontent.xsd");
        root.setAttribute("pcGtsId", "page_" + info.pageId());

        List<ProcessingStep> steps = ProcessingStep.of(page);
        Element metadata = xml.add(root, "Metadata");
        String version = ProcessingStep.softwareVersion();
        xml.text(metadata, "Creator", ProcessingStep.SOFTWARE + (version == null ? "" : " " + version));
        Instant created = info.processedAt() == null ? Instant.now() : info.processedAt();
        Instant changed = info.lastReviewedAt() != null && info.lastReviewedAt().isAfter(created)
                ? info.lastReviewedAt() : created;
        xml.text(metadata, "Created", Xml.dateTime(created));
        xml.text(metadata, "LastChange", Xml.dateTime(changed));
        xml.text(metadata, "Comments", "manuscript " + page.manuscript() + ", image " + page.imageId()
                + "; vertical text: columns right to left, characters top to bottom; \u3013 marks a character"
                + " read as rare (outside the model's 513 classes) or illegible");
        for (ProcessingStep step : steps) {
            xml.add(metadata, "MetadataItem", "type", "processingStep", "name", step.name(),
                    "value", step.description(), "date", step.at() == null ? null : Xml.dateTime(step.at()));
        }

        Element pageElement = xml.add(root, "Page", "imageFilename", info.imageFilename(),
                "imageWidth", info.width(), "imageHeight", info.height(),
                "readingDirection", "top-to-bottom", "textLineOrder", "right-to-left",
                "primaryLanguage", "Japanese", "primaryScript", "Jpan - Japanese",
                "orientation", info.clockwiseDegrees());
        List<Column> columns = Column.of(page.boxes());
        if (columns.isEmpty()) {
            xml.write(out);
            return;
        }
        Element order = xml.add(xml.add(pageElement, "ReadingOrder"), "OrderedGroup", "id", "ro_1");
        xml.add(order, "RegionRefIndexed", "index", 0, "regionRef", "r_1");

        Element region = xml.add(pageElement, "TextRegion", "id", "r_1", "type", "paragraph",
                "readingDirection", "top-to-bottom", "textLineOrder", "right-to-left");
        coords(xml, region, columns.stream().mapToInt(Column::x).min().orElse(0),
                columns.stream().mapToInt(Column::y).min().orElse(0),
                columns.stream().mapToInt(Column::right).max().orElse(0),
                columns.stream().mapToInt(Column::bottom).max().orElse(0));
        StringBuilder regionText = new StringBuilder();
        for (int l = 0; l < columns.size(); l++) {
            Column column = columns.get(l);
            String lineId = "l_" + (l + 1);
            Element line = xml.add(region, "TextLine", "id", lineId, "readingDirection", "top-to-bottom",
                    "index", l);
            coords(xml, line, column.x(), column.y(), column.right(), column.bottom());
            Element word = xml.add(line, "Word", "id", "w_" + (l + 1), "readingDirection", "top-to-bottom");
            coords(xml, word, column.x(), column.y(), column.right(), column.bottom());
            for (int g = 0; g < column.boxes().size(); g++) {
                glyph(xml, word, "g_" + (l + 1) + "_" + (g + 1), column.boxes().get(g));
            }
            textEquiv(xml, word, null, Confidence.format(column.confidence()), column.text());
            textEquiv(xml, line, null, Confidence.format(column.confidence()), column.text());
            regionText.append(l == 0 ? "" : "\n").append(column.text());
        }
        textEquiv(xml, region, null, null, regionText.toString());
        xml.write(out);
    }

    private static void glyph(Xml xml, Element word, String id, StoredBox box) {
        Element glyph = xml.add(word, "Glyph", "id", id, "custom", box.isReviewed() ? REVIEWED : null);
        coords(xml, glyph, box.x(), box.y(), box.x() + box.w(), box.y() + box.h());
        textEquiv(xml, glyph, 0, Confidence.format(Confidence.of(box)), Labels.character(box.label()));
        if (box.isReviewed()) {
            textEquiv(xml, glyph, 1, Confidence.format(Confidence.clamp(box.confidence())),
                    Labels.character(box.predicted()));
        }
    }

    private static void textEquiv(Xml xml, Element parent, Integer index, String conf, String text) {
        xml.text(xml.add(parent, "TextEquiv", "index", index, "conf", conf), "Unicode", text);
    }

    /** A rectangle as PAGE's polygon: corners clockwise from the top left, edges between pixels. */
    private static void coords(Xml xml, Element parent, int left, int top, int right, int bottom) {
        xml.add(parent, "Coords", "points",
                left + "," + top + " " + right + "," + top + " " + right + "," + bottom + " " + left + "," + bottom);
    }
}
