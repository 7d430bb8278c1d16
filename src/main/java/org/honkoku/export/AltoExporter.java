package org.honkoku.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.Collectors;

import org.honkoku.store.PageInfo;
import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;
import org.w3c.dom.Element;

/**
 * ALTO v4 (4.4), one document per page: a text block holding a text line per column (rightmost first,
 * lines written top to bottom: {@code BASEDIRECTION="ttb"}), each character a String (its confidence in
 * {@code WC}, {@code CS="true"} when a person checked it) with one Glyph ({@code GC}; none for a
 * character outside the BMP, see {@link #character}). A reviewed glyph
 * keeps the machine's reading as a Variant. The reading order is also explicit ({@code ReadingOrder}),
 * and the processing steps are {@code Processing} elements the page refers to.
 */
final class AltoExporter implements PageFileExporter {

    static final String NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#";
    static final String XLINK = "http://www.w3.org/1999/xlink";

    @Override
    public void write(PageTranscription page, OutputStream out) throws IOException {
        PageInfo info = page.info();
        Xml xml = Xml.document(NAMESPACE);
        Element root = xml.root("alto", "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xlink", XLINK);
        root.setAttribute("SCHEMAVERSION", "4.4");

        Element description = xml.add(root, "Description");
        xml.text(description, "MeasurementUnit", "pixel");
        Element source = xml.add(description, "sourceImageInformation");
        xml.text(source, "fileName", info.imageFilename());
        if (!info.sha256().isEmpty()) {
            xml.add(source, "fileIdentifier", "fileIdentifierLocation", "sha256").setTextContent(info.sha256());
        }
        List<ProcessingStep> steps = ProcessingStep.of(page);
        for (ProcessingStep step : steps) {
            processing(xml, description, step);
        }

        List<Column> columns = Column.of(page.boxes());
        if (!columns.isEmpty()) {
            Element order = xml.add(xml.add(root, "ReadingOrder"), "OrderedGroup", "ID", "ro_1");
            for (int l = 0; l < columns.size(); l++) {
                xml.add(order, "ElementRef", "ID", "ro_l_" + (l + 1), "REF", "l_" + (l + 1));
            }
        }

        Element layout = xml.add(root, "Layout");
        Element pageElement = xml.add(layout, "Page", "ID", "page_" + info.pageId(),
                "PROCESSINGREFS", steps.stream().map(ProcessingStep::id).collect(Collectors.joining(" ")),
                "HEIGHT", info.height(), "WIDTH", info.width(), "PHYSICAL_IMG_NR", info.pageNo(),
                "ROTATION", info.textRotation(), "LANG", "ja");
        Element printSpace = xml.add(pageElement, "PrintSpace", "HEIGHT", info.height(), "WIDTH", info.width(),
                "HPOS", 0, "VPOS", 0);
        if (columns.isEmpty()) {
            xml.write(out);
            return;
        }
        int left = columns.stream().mapToInt(Column::x).min().orElse(0);
        int top = columns.stream().mapToInt(Column::y).min().orElse(0);
        Element block = xml.add(printSpace, "TextBlock", "ID", "b_1",
                "HEIGHT", columns.stream().mapToInt(Column::bottom).max().orElse(0) - top,
                "WIDTH", columns.stream().mapToInt(Column::right).max().orElse(0) - left,
                "HPOS", left, "VPOS", top, "LANG", "ja", "BASEDIRECTION", "ttb");
        for (int l = 0; l < columns.size(); l++) {
            Column column = columns.get(l);
            boolean allReviewed = column.boxes().stream().allMatch(StoredBox::isReviewed);
            Element line = xml.add(block, "TextLine", "ID", "l_" + (l + 1),
                    "HEIGHT", column.bottom() - column.y(), "WIDTH", column.right() - column.x(),
                    "HPOS", column.x(), "VPOS", column.y(), "CS", allReviewed, "BASEDIRECTION", "ttb");
            for (int g = 0; g < column.boxes().size(); g++) {
                character(xml, line, (l + 1) + "_" + (g + 1), column.boxes().get(g));
            }
        }
        xml.write(out);
    }

    private static void character(Xml xml, Element line, String id, StoredBox box) {
        String content = Labels.character(box.label());
        String confidence = Confidence.format(Confidence.of(box));
        Element string = xml.add(line, "String", "ID", "s_" + id, "HEIGHT", box.h(), "WIDTH", box.w(),
                "HPOS", box.x(), "VPOS", box.y(), "CONTENT", content, "WC", confidence, "CS", box.isReviewed());
        if (content.length() != 1) {
            // Glyph@CONTENT has length 1, which Xerces (the JDK's validator and many archives') counts in
            // UTF-16 units: a character outside the BMP would fail there. The String says it all anyway.
            return;
        }
        Element glyph = xml.add(string, "Glyph", "ID", "g_" + id, "CONTENT", content, "GC", confidence,
                "HEIGHT", box.h(), "WIDTH", box.w(), "HPOS", box.x(), "VPOS", box.y());
        if (box.isReviewed() && !box.reviewed().equals(box.predicted())) {
            xml.add(glyph, "Variant", "CONTENT", Labels.character(box.predicted()),
                    "VC", Confidence.format(Confidence.clamp(box.confidence())));
        }
    }

    private static void processing(Xml xml, Element description, ProcessingStep step) {
        Element p = xml.add(description, "Processing", "ID", step.id());
        xml.text(p, "processingCategory", step.altoCategory());
        if (step.at() != null) {
            xml.text(p, "processingDateTime", Xml.dateTime(step.at()));
        }
        xml.text(p, "processingStepDescription", step.name() + ": " + step.description());
        Element software = xml.add(p, "processingSoftware");
        xml.text(software, "softwareName", ProcessingStep.SOFTWARE);
        if (ProcessingStep.softwareVersion() != null) {
            xml.text(software, "softwareVersion", ProcessingStep.softwareVersion());
        }
    }
}
