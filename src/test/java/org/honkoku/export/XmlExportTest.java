package org.honkoku.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.honkoku.store.PageInfo;
import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;
import org.junit.jupiter.api.Test;

/** PAGE XML and ALTO of a known page: valid against the official schemas, and read back intact. */
class XmlExportTest {

    private static final Instant PROCESSED = Instant.parse("2026-11-21T10:15:30Z");
    private static final Instant REVIEWED = Instant.parse("2026-11-22T08:00:00Z");

    /**
     * Three columns, right to left. A reviewer corrected ろ (the machine read る), typed a character from
     * outside the BMP (𠀋), and confirmed a rare one; the rest are machine readings.
     */
    static final List<StoredBox> BOXES = List.of(
            new StoredBox(0, 0, 200, 10, 40, 50, "U+3044", 0.91f, null),
            new StoredBox(0, 1, 200, 70, 40, 50, "U+308B", 0.40f, "U+308D"),
            new StoredBox(0, 2, 201, 125, 38, 44, "U+4E00", 0.12f, "U+2000B"),
            new StoredBox(1, 0, 100, 12, 41, 51, "U+306F", 0.77f, null),
            new StoredBox(1, 1, 100, 80, 40, 40, "rare", 0.55f, "rare"),
            new StoredBox(2, 0, 10, 15, 45, 45, "rare", 0.30f, null));
    static final PageTranscription PAGE = new PageTranscription("book", "page_001", BOXES,
            new PageInfo(7, "/scans/book/page_001.jpg", 1, "ab".repeat(32), 300, 400, "honkoku-cnn-test",
                    PROCESSED, List.of("alice", "bob"), REVIEWED));

    @Test
    void pageXmlIsValidAndKeepsEveryGlyphInReadingOrder() throws Exception {
        byte[] xml = export("page", PAGE);
        Schemas.validatePage(xml);
        assertRoundTrip(ReadBack.page(xml));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).contains("imageFilename=\"page_001.jpg\"", "imageWidth=\"300\"", "imageHeight=\"400\"",
                "textLineOrder=\"right-to-left\"", "<Created>2026-11-21T10:15:30Z</Created>",
                "<LastChange>2026-11-22T08:00:00Z</LastChange>", "name=\"classify\"", "honkoku-cnn-test",
                "name=\"review\"", "3 of 6 characters checked", "alice, bob",
                "<Unicode>いろ\uD840\uDC0B</Unicode>", "<Unicode>いろ\uD840\uDC0B\nは〓\n〓</Unicode>");
        // the machine's reading stays beside the reviewer's as the second TextEquiv
        assertThat(text).contains("<TextEquiv conf=\"0.4000\" index=\"1\">");
    }

    @Test
    void altoIsValidAndKeepsEveryGlyphInReadingOrder() throws Exception {
        byte[] xml = export("alto", PAGE);
        Schemas.validateAlto(xml);
        assertRoundTrip(ReadBack.alto(xml));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).contains("<fileName>page_001.jpg</fileName>", "ab".repeat(32),
                "<processingCategory>contentModification</processingCategory>",
                "PROCESSINGREFS=\"step_segment step_classify step_review\"", "BASEDIRECTION=\"ttb\"",
                "<ElementRef ID=\"ro_l_1\" REF=\"l_1\"/>", "<ElementRef ID=\"ro_l_3\" REF=\"l_3\"/>",
                "<Variant CONTENT=\"る\" VC=\"0.4000\"/>", "CONTENT=\"\uD840\uDC0B\"");
        // every character of the BMP has its Glyph; the one outside has only its String (see AltoExporter)
        assertThat(text.split("<Glyph ", -1)).hasSize(BOXES.size());
    }

    /** A scan read turned: both formats say how the text lies on the file, and stay valid. */
    @Test
    void aScanReadTurnedSaysSo() throws Exception {
        PageInfo turned = new PageInfo(7, "/scans/book/page_001.jpg", 1, "ab".repeat(32), 300, 400, "m", PROCESSED,
                List.of(), null, 3);
        PageTranscription page = new PageTranscription("book", "page_001", BOXES, turned);
        byte[] pageXml = export("page", page);
        byte[] alto = export("alto", page);
        Schemas.validatePage(pageXml);
        Schemas.validateAlto(alto);
        // read after three quarter turns clockwise: the file must be turned a quarter anticlockwise
        assertThat(new String(pageXml, StandardCharsets.UTF_8)).contains("orientation=\"-90\"");
        assertThat(new String(alto, StandardCharsets.UTF_8)).contains("ROTATION=\"270\"");
        assertThat(new String(export("page", PAGE), StandardCharsets.UTF_8)).doesNotContain("orientation=");
        assertThat(new String(export("alto", PAGE), StandardCharsets.UTF_8)).doesNotContain("ROTATION=");
    }

    @Test
    void aPageWithoutCharactersIsStillValid() throws Exception {
        PageTranscription empty = new PageTranscription("book", "blank", List.of(),
                new PageInfo(8, "/scans/book.pdf", 3, "cd".repeat(32), 2480, 3508, "m", PROCESSED, List.of(), null));
        byte[] page = export("page", empty);
        byte[] alto = export("alto", empty);
        Schemas.validatePage(page);
        Schemas.validateAlto(alto);
        assertThat(ReadBack.page(page)).isEmpty();
        assertThat(new String(page, StandardCharsets.UTF_8)).contains("imageFilename=\"book.pdf#page=3\"");
        assertThat(new String(alto, StandardCharsets.UTF_8)).contains("PHYSICAL_IMG_NR=\"3\"")
                .doesNotContain("step_review");
    }

    @Test
    void aMultiPageTiffsPageNamesItsPage() {
        PageInfo second = new PageInfo(9, "/scans/volume.tif", 2, "ef".repeat(32), 1000, 1500, "m", PROCESSED,
                List.of(), null);
        PageInfo first = new PageInfo(10, "/scans/volume.tif", 1, "ef".repeat(32), 1000, 1500, "m", PROCESSED,
                List.of(), null);

        assertThat(second.imageFilename()).isEqualTo("volume.tif#page=2");
        assertThat(first.imageFilename()).isEqualTo("volume.tif");
    }

    @Test
    void theSchemaCheckCatchesABrokenDocument() throws Exception {
        // guards the validation itself: a document that breaks the schema must not pass
        String broken = new String(export("alto", PAGE), StandardCharsets.UTF_8).replace("WC=\"0.9100\"", "WC=\"high\"");
        assertThatThrownBy(() -> Schemas.validateAlto(broken.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("high");
        String noSize = new String(export("page", PAGE), StandardCharsets.UTF_8).replace("imageWidth=\"300\"", "");
        assertThatThrownBy(() -> Schemas.validatePage(noSize.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("imageWidth");
    }

    private static void assertRoundTrip(List<ReadBack.Glyph> glyphs) {
        assertThat(glyphs).extracting(ReadBack.Glyph::text)
                .containsExactly("い", "ろ", "\uD840\uDC0B", "は", "〓", "〓");
        assertThat(glyphs).extracting(ReadBack.Glyph::line).containsExactly(0, 0, 0, 1, 1, 2);
        assertThat(glyphs).extracting(ReadBack.Glyph::reviewed).containsExactly(false, true, true, false, true, false);
        for (int i = 0; i < BOXES.size(); i++) {
            StoredBox b = BOXES.get(i);
            ReadBack.Glyph g = glyphs.get(i);
            assertThat(List.of(g.x(), g.y(), g.w(), g.h())).as("box %d", i).containsExactly(b.x(), b.y(), b.w(), b.h());
            assertThat(g.confidence()).as("confidence %d", i).isCloseTo(b.isReviewed() ? 1f : b.confidence(), within(1e-4f));
        }
    }

    static byte[] export(String format, PageTranscription page) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PageFileExporter.forFormat(format).orElseThrow().write(page, out);
        return out.toByteArray();
    }
}
