package org.honkoku.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.store.PageTranscription;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The IIIF manifest of a known page: valid against the Presentation 3 schema, with every column and character. */
class IiifManifestTest {

    private static final String BASE = "https://archive.example/iiif/book";

    static ObjectNode manifest(List<PageTranscription> pages) {
        return IiifManifest.of("book", pages, new IiifManifest.Addresses() {
            @Override
            public String manifest() {
                return BASE + "/manifest.json";
            }

            @Override
            public String base() {
                return BASE;
            }

            @Override
            public String image(PageTranscription page) {
                return BASE + "/images/" + page.imageId() + ".jpg";
            }
        });
    }

    @Test
    void manifestIsValidAndAnnotatesEveryColumnAndCharacter() {
        ObjectNode manifest = manifest(List.of(XmlExportTest.PAGE));
        IiifSchema.validate(manifest);

        JsonNode canvas = manifest.at("/items/0");
        assertThat(canvas.at("/width").asInt()).isEqualTo(300);
        assertThat(canvas.at("/height").asInt()).isEqualTo(400);
        JsonNode scan = canvas.at("/items/0/items/0");
        assertThat(scan.at("/motivation").asText()).isEqualTo("painting");
        assertThat(scan.at("/body/id").asText()).isEqualTo(BASE + "/images/page_001.jpg");
        assertThat(scan.at("/target").asText()).isEqualTo(canvas.at("/id").asText());

        JsonNode columns = canvas.at("/annotations/0/items");
        JsonNode characters = canvas.at("/annotations/1/items");
        assertThat(columns).hasSize(3);
        assertThat(characters).hasSize(XmlExportTest.BOXES.size());
        assertThat(texts(columns)).containsExactly("いろ\uD840\uDC0B", "は〓", "〓");
        assertThat(texts(characters)).containsExactly("い", "ろ", "\uD840\uDC0B", "は", "〓", "〓");
        for (JsonNode a : characters) {
            assertThat(a.at("/motivation").asText()).isEqualTo("supplementing");
        }
        // the corrected ろ: its box on the canvas, the reviewer's reading, certain
        JsonNode ro = characters.get(1);
        assertThat(ro.at("/target").asText()).isEqualTo(canvas.at("/id").asText() + "#xywh=200,70,40,50");
        assertThat(ro.at("/honkoku:reviewed").asBoolean()).isTrue();
        assertThat(ro.at("/honkoku:confidence").asDouble()).isEqualTo(1.0);
        // a machine reading keeps the classifier's probability
        assertThat(characters.get(0).at("/honkoku:confidence").asDouble()).isEqualTo(0.91);
        assertThat(characters.get(0).at("/honkoku:reviewed").asBoolean()).isFalse();
        // the first column's outline covers its three boxes
        assertThat(columns.get(0).at("/target").asText()).endsWith("#xywh=200,10,40,159");
        assertThat(manifest.at("/viewingDirection").asText()).isEqualTo("right-to-left");
    }

    @Test
    void theSchemaRefusesWhatIsNotAManifest() {
        ObjectNode manifest = manifest(List.of(XmlExportTest.PAGE));
        manifest.remove("label");
        assertThat(IiifSchema.problems(manifest)).isNotEmpty();
        ObjectNode badTarget = manifest(List.of(XmlExportTest.PAGE));
        ((ObjectNode) badTarget.at("/items/0")).remove("width");
        assertThatThrownBy(() -> IiifSchema.validate(badTarget)).isInstanceOf(AssertionError.class);
    }

    @Test
    void pagesBecomeCanvasesInOrderAndAnEmptyPageIsStillValid() {
        PageTranscription empty = new PageTranscription("book", "blank", List.of(), XmlExportTest.PAGE.info());
        ObjectNode manifest = manifest(List.of(XmlExportTest.PAGE, empty));
        IiifSchema.validate(manifest);
        assertThat(manifest.at("/items")).hasSize(2);
        assertThat(manifest.at("/items/1/label/none/0").asText()).isEqualTo("blank");
        assertThat(manifest.at("/items/1/annotations/1/items")).isEmpty();
        assertThat(manifest.at("/items/0/id").asText()).isNotEqualTo(manifest.at("/items/1/id").asText());
    }

    private static List<String> texts(JsonNode annotations) {
        List<String> out = new ArrayList<>();
        annotations.forEach(a -> out.add(a.at("/body/value").asText()));
        return out;
    }
}
