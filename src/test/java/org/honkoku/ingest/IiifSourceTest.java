package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache a manifest is fetched into, against a real local server: one folder per manifest, files named by
 * canvas position and label with the extension the server's content type gives, fetched when the ingest step
 * asks for them and only once, and a canvas or manifest that yields nothing becoming a source with its problem.
 */
class IiifSourceTest {

    private static final Path SCAN = Path.of("samples/hnsd001-011.jpg");

    @TempDir
    Path cache;
    private IiifServer server;
    private IiifSource source;

    @BeforeEach
    void start() throws Exception {
        server = new IiifServer();
        source = new IiifSource(new HttpFetcher(Duration.ofSeconds(5), Duration.ofSeconds(5)), cache,
                InputLimits.defaults());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void canvasesAreFetchedOnDemandIntoTheManifestsFolderAndOnlyOnce() throws Exception {
        server.serve("/iiif/p1/full/max/0/default.jpg", Files.readAllBytes(SCAN), "image/png; charset=binary");
        server.serveJson("/m", """
                {"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Manifest",
                 "label": {"none": ["Kokin wakashū: vol. 1/2"]}, "items": [
                   {"id": "c1", "type": "Canvas", "label": {"none": ["表紙"]}, "items": [{"type": "AnnotationPage",
                     "items": [{"type": "Annotation", "body": {"type": "Image", "service": [{"id": "%s"}]}}]}]},
                   {"id": "c2", "type": "Canvas", "label": {"none": ["blank"]}}]}"""
                .formatted(server.url("/iiif/p1")));

        List<Supplier<SourceFile>> pages = source.pages(server.url("/m"));
        assertThat(pages).hasSize(2);
        assertThat(server.requests("/iiif/p1/full/max/0/default.jpg")).isZero();

        SourceFile first = pages.get(0).get();
        assertThat(first.problem()).isNull();
        assertThat(first.kind()).isEqualTo(SourceKind.IMAGE);
        assertThat(first.manuscriptName()).isEqualTo("Kokin wakashū: vol. 1/2");
        assertThat(first.manuscriptPath().getParent()).isEqualTo(cache.toAbsolutePath());
        assertThat(first.manuscriptPath().getFileName().toString()).matches("Kokin_wakashū__vol._1_2-[0-9a-f]{8}");
        assertThat(first.path().getFileName().toString()).isEqualTo("0001_表紙.png");
        assertThat(Files.readAllBytes(first.path())).isEqualTo(Files.readAllBytes(SCAN));
        SourceFile blank = pages.get(1).get();
        assertThat(blank.problem()).contains("no image");
        assertThat(blank.path().getFileName().toString()).isEqualTo("0002_blank.jpg");

        assertThat(source.pages(server.url("/m")).get(0).get()).isEqualTo(first);
        assertThat(server.requests("/iiif/p1/full/max/0/default.jpg")).isOne();
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(first.path());
        }
    }

    /** An image server that hands out its JPEG 2000 masters: the canvas is kept as .jp2 and read as its scan. */
    @Test
    void aCanvasServedAsJpeg2000IsRead() throws Exception {
        server.serve("/iiif/p1/full/max/0/default.jpg", Jpeg2000Files.encode(".jp2"), "image/jp2");
        server.serveJson("/m", """
                {"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Manifest",
                 "label": {"none": ["masters"]}, "items": [
                   {"id": "c1", "type": "Canvas", "label": {"none": ["1"]}, "items": [{"type": "AnnotationPage",
                     "items": [{"type": "Annotation", "body": {"type": "Image", "service": [{"id": "%s"}]}}]}]}]}"""
                .formatted(server.url("/iiif/p1")));

        SourceFile page = source.pages(server.url("/m")).get(0).get();

        assertThat(page.problem()).isNull();
        assertThat(page.path().getFileName().toString()).isEqualTo("0001_1.jp2");
        var loaded = new PageImageLoader(InputLimits.defaults())
                .load(new SourceInspector(InputLimits.defaults()).inspect(page).get(0));
        assertThat(loaded.cols()).isEqualTo(1857);
        assertThat(loaded.rows()).isEqualTo(2903);
    }

    @Test
    void aManifestThatCannotBeReadIsOneSourceWithItsProblem(@TempDir Path dir) throws Exception {
        server.serveJson("/empty", """
                {"@context": "http://iiif.io/api/presentation/2/context.json", "label": "empty", "sequences": []}""");
        List<Supplier<SourceFile>> empty = source.pages(server.url("/empty"));
        assertThat(empty).hasSize(1);
        assertThat(empty.get(0).get().problem()).contains("has no canvases");

        List<Supplier<SourceFile>> missing = source.pages(server.url("/missing"));
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).get().problem()).isEqualTo("cannot fetch " + server.url("/missing") + ": HTTP 404");
        assertThat(missing.get(0).get().manuscriptName()).isEqualTo(server.url("/missing"));

        Path notJson = Files.writeString(dir.resolve("page.json"), "<html></html>");
        SourceFile file = source.pages(notJson.toString()).get(0).get();
        assertThat(file.path()).isEqualTo(notJson);
        assertThat(file.problem()).contains("not a IIIF manifest");
    }
}
