package org.honkoku.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.honkoku.store.PageInfo;
import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;
import org.w3c.dom.Element;

/**
 * TEI P5, one document per manuscript. The {@code facsimile} has a {@code surface} per page (in the scan's
 * pixels) with a {@code zone} per column and per character; the {@code body} has the text in reading order: a
 * {@code pb} per page, an {@code lb} per column (a vertical column is TEI's line of writing; {@code cb} is for
 * a page set in several text columns, which the segmenter does not tell apart), and each character as a
 * {@code c} pointing at its zone. Who read a character and how sure: {@code @resp="#honkoku"} with the
 * classifier's probability as {@code @cert} for a machine reading, {@code @resp="#review" @cert="high"} for a
 * reading a person checked (the reviewers are named in the header's {@code respStmt}). 〓 marks a character
 * read as rare (outside the model's 513 classes) or illegible, as in the other exports.
 */
final class TeiExporter {

    static final String NAMESPACE = "http://www.tei-c.org/ns/1.0";

    void write(List<PageTranscription> pages, OutputStream out) throws IOException {
        Xml xml = Xml.document(NAMESPACE);
        Element tei = xml.root("TEI");
        tei.setAttribute("xml:lang", "ja");
        header(xml, tei, pages);

        Element facsimile = xml.add(tei, "facsimile");
        Element text = xml.add(xml.add(xml.add(tei, "text"), "body"), "div", "type", "transcription");
        Element p = xml.add(text, "p");
        for (int i = 0; i < pages.size(); i++) {
            PageTranscription page = pages.get(i);
            PageInfo info = page.info();
            String surfaceId = "p" + (i + 1);
            Element surface = xml.add(facsimile, "surface", "xml:id", surfaceId, "n", page.imageId(),
                    "ulx", 0, "uly", 0, "lrx", info.width(), "lry", info.height());
            xml.add(surface, "graphic", "url", info.imageFilename(), "width", info.width() + "px",
                    "height", info.height() + "px");
            xml.add(p, "pb", "n", page.imageId(), "facs", "#" + surfaceId);
            for (Column column : Column.of(page.boxes())) {
                String columnId = surfaceId + "-c" + (column.number() + 1);
                zone(xml, surface, columnId, "column", column.x(), column.y(), column.right(), column.bottom());
                xml.add(p, "lb", "n", column.number() + 1, "facs", "#" + columnId);
                for (StoredBox box : column.boxes()) {
                    String id = columnId + "-" + (box.order() + 1);
                    zone(xml, surface, id, "character", box.x(), box.y(), box.x() + box.w(), box.y() + box.h());
                    Element c = xml.text(p, "c", Labels.character(box.label()));
                    c.setAttribute("facs", "#" + id);
                    c.setAttribute("resp", box.isReviewed() ? "#review" : "#honkoku");
                    c.setAttribute("cert", box.isReviewed() ? "high" : Confidence.format(Confidence.clamp(box.confidence())));
                }
            }
        }
        xml.write(out);
    }

    private static void zone(Xml xml, Element surface, String id, String type, int left, int top, int right, int bottom) {
        xml.add(surface, "zone", "xml:id", id, "type", type, "ulx", left, "uly", top, "lrx", right, "lry", bottom);
    }

    private static void header(Xml xml, Element tei, List<PageTranscription> pages) {
        Element header = xml.add(tei, "teiHeader");
        Element fileDesc = xml.add(header, "fileDesc");
        Element titleStmt = xml.add(fileDesc, "titleStmt");
        xml.text(titleStmt, "title", pages.isEmpty() ? "" : pages.get(0).manuscript());
        Set<String> reviewers = new LinkedHashSet<>();
        pages.forEach(p -> reviewers.addAll(p.info().reviewers()));
        Element machine = xml.add(titleStmt, "respStmt");
        xml.text(machine, "resp", "machine transcription (character boxes and readings)");
        xml.text(machine, "name", "honkoku");
        Element review = xml.add(titleStmt, "respStmt", "xml:id", "review");
        xml.text(review, "resp", "review of the machine readings");
        if (reviewers.isEmpty()) {
            xml.text(review, "name", "nobody yet");
        }
        reviewers.forEach(r -> xml.text(review, "name", r));

        Element publication = xml.add(fileDesc, "publicationStmt");
        xml.text(publication, "p", "Exported by honkoku; not published.");
        Element source = xml.add(fileDesc, "sourceDesc");
        long characters = pages.stream().mapToLong(p -> p.boxes().size()).sum();
        long checked = pages.stream().flatMap(p -> p.boxes().stream()).filter(StoredBox::isReviewed).count();
        xml.text(source, "p", "Scans of " + pages.size() + " pages (" + String.join(", ",
                pages.stream().map(p -> p.info().imageFilename()).distinct().limit(20).toList())
                + (pages.size() > 20 ? ", ..." : "") + "); " + characters + " characters, " + checked
                + " checked by a person.");

        Element encoding = xml.add(header, "encodingDesc");
        String version = ProcessingStep.softwareVersion();
        Element application = xml.add(xml.add(encoding, "appInfo"), "application", "xml:id", "honkoku",
                "ident", ProcessingStep.SOFTWARE, "version", versionNumber(version));
        xml.text(application, "label", "honkoku");
        xml.text(application, "desc", "Character boxes cut with OpenCV in reading order (columns right to left,"
                + " characters top to bottom), each read by a CNN (model " + ProcessingStep.models(pages) + "); @cert of a"
                + " machine reading is the classifier's probability.");
        Element lang = xml.add(xml.add(header, "profileDesc"), "langUsage");
        xml.text(lang, "language", "Japanese").setAttribute("ident", "ja");
    }

    /** TEI's teidata.versionNumber is one to three numbers ("0.1.0"); run from classes, the version is unknown: "0". */
    static String versionNumber(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\d+(\\.\\d+){0,2}").matcher(version == null ? "" : version);
        return m.find() ? m.group() : "0";
    }
}
