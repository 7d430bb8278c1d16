package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The manifest parser on the two Presentation versions as libraries publish them: the image named by the
 * painting annotation, or only an Image API service; labels as strings, value lists and language maps.
 */
class IiifCanvasesTest {

    @Test
    void version2TakesEachCanvasResourceInOrder() {
        IiifCanvases m = parse("""
                {"@context": "http://iiif.io/api/presentation/2/context.json", "@type": "sc:Manifest",
                 "@id": "https://example.org/iiif/book/manifest", "label": "Genji monogatari",
                 "sequences": [{"canvases": [
                   {"@id": "c1", "label": "1r", "images": [{"resource":
                     {"@id": "https://example.org/img/1r.jpg", "format": "image/jpeg",
                      "service": {"@id": "https://example.org/iiif/1r", "@context": "http://iiif.io/api/image/2/context.json"}}}]},
                   {"@id": "c2", "label": "1v", "images": [{"resource": {"@id": "https://example.org/img/1v.jpg"}}]}
                 ]}]}""");
        assertThat(m.label()).isEqualTo("Genji monogatari");
        assertThat(m.canvases()).containsExactly(
                new IiifCanvases.Canvas("1r", "https://example.org/img/1r.jpg"),
                new IiifCanvases.Canvas("1v", "https://example.org/img/1v.jpg"));
    }

    @Test
    void version2WithOnlyAnImageServiceAsksForTheFullImage() {
        IiifCanvases m = parse("""
                {"@context": "http://iiif.io/api/presentation/2/context.json",
                 "label": [{"@value": "Genji", "@language": "en"}, {"@value": "源氏物語", "@language": "ja"}],
                 "sequences": [{"canvases": [
                   {"label": [{"@value": "表紙"}], "images": [{"resource": {"service":
                     {"@id": "https://example.org/iiif/cover/", "profile": "http://iiif.io/api/image/2/level1.json"}}}]}
                 ]}]}""");
        assertThat(m.label()).isEqualTo("源氏物語");
        assertThat(m.canvases()).containsExactly(
                new IiifCanvases.Canvas("表紙", "https://example.org/iiif/cover/full/full/0/default.jpg"));
    }

    @Test
    void version3FollowsCanvasAnnotationPageAnnotationBody() {
        IiifCanvases m = parse("""
                {"@context": "http://iiif.io/api/presentation/3/context.json", "id": "https://example.org/m3",
                 "type": "Manifest", "label": {"en": ["Tale of Ise"], "ja": ["伊勢物語"]},
                 "items": [
                   {"id": "c1", "type": "Canvas", "label": {"none": ["1オ"]}, "items": [{"type": "AnnotationPage",
                     "items": [{"type": "Annotation", "motivation": "painting",
                       "body": {"id": "https://example.org/img/p1.png", "type": "Image", "format": "image/png"}}]}]},
                   {"id": "c2", "type": "Canvas", "label": {"en": ["folio 1 verso"]}, "items": [{"type": "AnnotationPage",
                     "items": [{"type": "Annotation", "motivation": "painting",
                       "body": {"type": "Image", "service": [{"id": "https://example.org/iiif/p2", "type": "ImageService3"}]}}]}]},
                   {"id": "c3", "type": "Canvas", "items": [{"type": "AnnotationPage",
                     "items": [{"type": "Annotation", "motivation": "painting",
                       "body": {"type": "Image", "service": [{"@id": "https://example.org/iiif2/p3", "@type": "ImageService2"}]}}]}]},
                   {"id": "c4", "type": "Canvas", "label": "no image"}
                 ]}""");
        assertThat(m.label()).isEqualTo("伊勢物語");
        assertThat(m.canvases()).containsExactly(
                new IiifCanvases.Canvas("1オ", "https://example.org/img/p1.png"),
                new IiifCanvases.Canvas("folio 1 verso", "https://example.org/iiif/p2/full/max/0/default.jpg"),
                new IiifCanvases.Canvas("", "https://example.org/iiif2/p3/full/full/0/default.jpg"),
                new IiifCanvases.Canvas("no image", null));
    }

    @Test
    void whatIsNotAManifestIsRefusedWithItsReason() {
        assertThatThrownBy(() -> parse("<html>not found</html>")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("""
                {"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Collection", "items": []}"""))
                .hasMessageContaining("collection");
        assertThatThrownBy(() -> parse("{\"label\": \"x\"}")).hasMessageContaining("neither");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessageContaining("not an object");
    }

    @Test
    void cacheNamesAreSafeAndTheExtensionFollowsTheContentType() {
        assertThat(IiifSource.safe("源氏物語 巻一", 60)).isEqualTo("源氏物語_巻一");
        assertThat(IiifSource.safe("../etc/passwd: a*b?", 60)).isEqualTo("etc_passwd__a_b_");
        assertThat(IiifSource.safe("あ".repeat(100), 60)).hasSize(60);
        assertThat(IiifSource.extension("image/png", "https://x/full/max/0/default.jpg")).isEqualTo("png");
        assertThat(IiifSource.extension("application/octet-stream", "https://x/a.TIFF?x=1")).isEqualTo("tif");
        assertThat(IiifSource.extension("", "https://x/image")).isEqualTo("jpg");
    }

    private static IiifCanvases parse(String json) {
        return IiifCanvases.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
