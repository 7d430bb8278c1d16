package org.honkoku.export;

import java.util.List;
import java.util.Locale;

import org.honkoku.store.PageInfo;
import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A manuscript as a IIIF Presentation 3 manifest: one canvas per page (in the page's own pixels, so the boxes
 * need no scaling), painted with the scan at that size (Mirador does not scale a plain image to its canvas), and carrying the transcription as W3C Web Annotations with motivation
 * {@code supplementing}: one annotation page with an annotation per column (its text) and one with an
 * annotation per character (its reading, target {@code canvas#xywh=x,y,w,h}). A character's annotation also
 * says {@code honkoku:confidence} (the classifier's probability, 1 for a reviewed reading) and
 * {@code honkoku:reviewed}: Web Annotation has no confidence of its own, and viewers ignore what they do not
 * know. Mirador lists the annotations beside the scan and outlines each on it.
 *
 * <p>Plain Java: where the manifest and its images live ({@link Addresses}) is the caller's: {@code export
 * --format iiif} publishes them as static files under a base URL, {@code serve} answers them itself.
 */
public final class IiifManifest {

    public static final String CONTEXT = "http://iiif.io/api/presentation/3/context.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a manifest's parts are: the manifest's own id and the base its canvas ids are made from. */
    public interface Addresses {
        String manifest();

        /** The base URL of the canvases: {@code <base>/canvas/1} ... */
        String base();

        /** The scan to paint the page's canvas with: a JPEG at the page's own size. */
        String image(PageTranscription page);
    }

    private IiifManifest() {
    }

    public static ObjectNode of(String label, List<PageTranscription> pages, Addresses at) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("@context", CONTEXT);
        manifest.put("id", at.manifest());
        manifest.put("type", "Manifest");
        manifest.set("label", none(label));
        long characters = pages.stream().mapToLong(p -> p.boxes().size()).sum();
        long reviewed = pages.stream().flatMap(p -> p.boxes().stream()).filter(StoredBox::isReviewed).count();
        ArrayNode metadata = manifest.putArray("metadata");
        metadata.add(entry("Transcription", pages.size() + " pages, " + characters + " characters, " + reviewed
                + " of them checked by a person; machine readings by " + software(pages)));
        metadata.add(entry("Reading order", "columns right to left, characters top to bottom;"
                + " \u3013 marks a character read as rare (outside the model's 513 classes) or illegible"));
        manifest.set("summary", none("Transcribed with honkoku: the text of every column and the reading of every"
                + " character are annotations on the scans."));
        manifest.put("viewingDirection", "right-to-left");
        ArrayNode items = manifest.putArray("items");
        for (int i = 0; i < pages.size(); i++) {
            items.add(canvas(pages.get(i), at.base() + "/canvas/" + (i + 1), at.image(pages.get(i))));
        }
        return manifest;
    }

    private static ObjectNode canvas(PageTranscription page, String id, String image) {
        PageInfo info = page.info();
        ObjectNode canvas = JSON.createObjectNode();
        canvas.put("id", id);
        canvas.put("type", "Canvas");
        canvas.set("label", none(page.imageId()));
        canvas.put("width", info.width());
        canvas.put("height", info.height());

        ObjectNode body = JSON.createObjectNode();
        body.put("id", image);
        body.put("type", "Image");
        body.put("format", "image/jpeg");
        body.put("width", info.width());
        body.put("height", info.height());
        ObjectNode painting = annotation(id + "/annotation/scan", "painting", id);
        painting.set("body", body);
        canvas.putArray("items").add(page(id + "/page/scan", painting));

        ArrayNode columns = JSON.createArrayNode();
        ArrayNode characters = JSON.createArrayNode();
        for (Column column : Column.of(page.boxes())) {
            String col = "c" + (column.number() + 1);
            ObjectNode a = annotation(id + "/annotation/" + col, "supplementing",
                    target(id, column.x(), column.y(), column.right() - column.x(), column.bottom() - column.y()));
            a.set("body", text(column.text()));
            a.set("label", none("column " + (column.number() + 1)));
            columns.add(a);
            for (StoredBox box : column.boxes()) {
                ObjectNode c = annotation(id + "/annotation/" + col + "-" + (box.order() + 1), "supplementing",
                        target(id, box.x(), box.y(), box.w(), box.h()));
                c.set("body", text(Labels.character(box.label())));
                c.put("honkoku:confidence", Double.parseDouble(Confidence.format(Confidence.of(box))));
                c.put("honkoku:reviewed", box.isReviewed());
                characters.add(c);
            }
        }
        ArrayNode annotations = canvas.putArray("annotations");
        annotations.add(page(id + "/page/columns", columns));
        annotations.add(page(id + "/page/characters", characters));
        return canvas;
    }

    private static String target(String canvas, int x, int y, int w, int h) {
        return String.format(Locale.ROOT, "%s#xywh=%d,%d,%d,%d", canvas, x, y, w, h);
    }

    private static ObjectNode annotation(String id, String motivation, String target) {
        ObjectNode a = JSON.createObjectNode();
        a.put("id", id);
        a.put("type", "Annotation");
        a.put("motivation", motivation);
        a.put("target", target);
        return a;
    }

    private static ObjectNode page(String id, ObjectNode annotation) {
        return page(id, JSON.createArrayNode().add(annotation));
    }

    private static ObjectNode page(String id, ArrayNode annotations) {
        ObjectNode page = JSON.createObjectNode();
        page.put("id", id);
        page.put("type", "AnnotationPage");
        page.set("items", annotations);
        return page;
    }

    /** A TextualBody in Japanese. No id: the schema tells bodies with an id apart as external resources. */
    private static ObjectNode text(String value) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "TextualBody");
        body.put("value", value);
        body.put("format", "text/plain");
        body.put("language", "ja");
        return body;
    }

    private static ObjectNode none(String value) {
        ObjectNode map = JSON.createObjectNode();
        map.putArray("none").add(value);
        return map;
    }

    private static ObjectNode entry(String label, String value) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode l = JSON.createObjectNode();
        l.putArray("en").add(label);
        e.set("label", l);
        e.set("value", none(value));
        return e;
    }

    private static String software(List<PageTranscription> pages) {
        String version = ProcessingStep.softwareVersion();
        return ProcessingStep.SOFTWARE + (version == null ? "" : " " + version) + ", model "
                + ProcessingStep.models(pages);
    }
}
