package org.honkoku.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A IIIF Presentation manifest (version 2 or 3) read for what transcription needs: its label (the
 * manuscript's name) and, per canvas in order, its label and the URL of its full image. A canvas's image is
 * the painting annotation's own resource when it names one ({@code resource.@id} in version 2,
 * {@code body.id} in version 3), else the full-size request of its IIIF Image service. Labels come as plain
 * strings, version 2's value lists or version 3's language maps; Japanese is preferred, then an unspecified
 * language, then English, then whatever comes first, since the manuscripts are Japanese.
 * (The manifests honkoku writes are {@code org.honkoku.export}'s business; this reads anyone's, either version.)
 */
public record IiifCanvases(String label, List<Canvas> canvases) {

    /** One canvas: its label (may be empty) and its image's URL (null when the canvas has none). */
    public record Canvas(String label, String imageUrl) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LANGUAGES = List.of("ja", "none", "en");

    /** Parses a manifest's bytes; anything that is not a version 2 or 3 manifest is a {@link BadInputException}. */
    public static IiifCanvases parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new BadInputException("not a IIIF manifest: not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException("not a IIIF manifest: the JSON is not an object");
        }
        String type = text(root.has("type") ? root.get("type") : root.get("@type"));
        if (type.endsWith("Collection")) {
            throw new BadInputException("a IIIF collection, not a manifest: give the manifests it lists");
        }
        if (isVersion3(root)) {
            return new IiifCanvases(label(root.get("label")), canvases3(root));
        }
        if (root.has("sequences")) {
            return new IiifCanvases(label(root.get("label")), canvases2(root));
        }
        throw new BadInputException("not a IIIF Presentation 2 or 3 manifest: neither \"items\" nor \"sequences\"");
    }

    private static boolean isVersion3(JsonNode root) {
        String context = root.path("@context").toString();
        if (context.contains("presentation/3")) {
            return true;
        }
        return !context.contains("presentation/2") && root.has("items") && !root.has("sequences");
    }

    /** Version 2: {@code sequences[0].canvases[].images[0].resource}. */
    private static List<Canvas> canvases2(JsonNode root) {
        List<Canvas> canvases = new ArrayList<>();
        for (JsonNode canvas : root.path("sequences").path(0).path("canvases")) {
            JsonNode resource = canvas.path("images").path(0).path("resource");
            if (resource.has("default")) { // an oa:Choice of images
                resource = resource.get("default");
            }
            String url = text(resource.get("@id"));
            canvases.add(new Canvas(label(canvas.get("label")),
                    !url.isEmpty() ? url : serviceImage(resource.get("service"), false)));
        }
        return canvases;
    }

    /** Version 3: canvas → {@code items[0]} annotation page → {@code items[0]} painting annotation → body. */
    private static List<Canvas> canvases3(JsonNode root) {
        List<Canvas> canvases = new ArrayList<>();
        for (JsonNode canvas : root.path("items")) {
            if (!text(canvas.get("type")).isEmpty() && !"Canvas".equals(text(canvas.get("type")))) {
                continue;
            }
            JsonNode body = canvas.path("items").path(0).path("items").path(0).path("body");
            if (body.isArray()) {
                body = body.path(0);
            }
            if ("Choice".equals(text(body.get("type")))) {
                body = body.path("items").path(0);
            }
            String url = text(body.has("id") ? body.get("id") : body.get("@id"));
            canvases.add(new Canvas(label(canvas.get("label")),
                    !url.isEmpty() ? url : serviceImage(body.get("service"), true)));
        }
        return canvases;
    }

    /**
     * The full image from a IIIF Image service: {@code {id}/full/max/0/default.jpg} for Image API 3,
     * {@code {id}/full/full/0/default.jpg} for version 2 (whose 2.0 does not know {@code max}). The service's
     * own declaration decides; without one, the manifest's version does.
     */
    static String serviceImage(JsonNode service, boolean version3) {
        if (service == null) {
            return null;
        }
        if (service.isArray()) {
            service = service.path(0);
        }
        String id = text(service.has("id") ? service.get("id") : service.get("@id"));
        if (id.isEmpty()) {
            return null;
        }
        String declared = text(service.get("type")) + " " + text(service.get("@type")) + " "
                + service.path("@context") + " " + service.path("profile");
        boolean image3 = declared.contains("ImageService3") || declared.contains("image/3")
                || !(declared.contains("ImageService2") || declared.contains("image/2")) && version3;
        String base = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        return base + (image3 ? "/full/max/0/default.jpg" : "/full/full/0/default.jpg");
    }

    /** A label as a string, a version 2 value list or a version 3 language map; "" when there is none. */
    static String label(JsonNode label) {
        if (label == null || label.isNull() || label.isMissingNode()) {
            return "";
        }
        if (label.isTextual()) {
            return label.asText().strip();
        }
        if (label.isArray()) {
            // version 2: strings, or {"@value": ..., "@language": ...}
            for (String language : LANGUAGES) {
                for (JsonNode value : label) {
                    if (language.equals(text(value.get("@language"))) || "none".equals(language)
                            && value.isObject() && !value.has("@language")) {
                        return text(value.get("@value"));
                    }
                }
            }
            return label.isEmpty() ? "" : label(label.get(0).isObject() ? label.get(0).get("@value") : label.get(0));
        }
        if (label.has("@value")) {
            return text(label.get("@value"));
        }
        // version 3: {"ja": ["..."], "en": ["..."]}
        for (String language : LANGUAGES) {
            if (label.has(language)) {
                return label(label.get(language));
            }
        }
        var fields = label.fields();
        return fields.hasNext() ? label(fields.next().getValue()) : "";
    }

    private static String text(JsonNode node) {
        return node == null || !node.isValueNode() ? "" : node.asText().strip();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
