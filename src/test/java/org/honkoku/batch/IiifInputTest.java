package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.honkoku.TempFolders;
import org.honkoku.ingest.IiifServer;
import org.honkoku.store.PageRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * IIIF manifests as input, through the real transcribe job: a local HTTP server serves real scans and a
 * version 2 and a version 3 manifest; the canvases are fetched into the cache and read like files (as many
 * boxes as the same scan read from disk), the manuscript is named by the manifest's label, each canvas that
 * cannot be fetched is a failed page with its reason while the others are done, and a re-run fetches nothing it
 * has, except what failed (a server that was down may be back). The file size limit is set between the sample scans' sizes, so one of them is too large.
 */
@TestPropertySource(properties = {"honkoku.limits.max-file-bytes=1300000", "honkoku.iiif.read-timeout=2s",
        "honkoku.iiif.connect-timeout=2s"})
class IiifInputTest extends JobContextTest {

    private static final Path CACHE = TempFolders.make("honkoku-iiif-cache");
    private static final Path SMALL = Path.of("samples/hnsd001-011.jpg").toAbsolutePath();   // 0.79 MB
    private static final Path MEDIUM = Path.of("samples/100241706_00004_2.jpg").toAbsolutePath(); // 1.25 MB
    private static final Path LARGE = Path.of("samples/brsk001-009.jpg").toAbsolutePath();   // 1.38 MB

    @DynamicPropertySource
    static void cache(DynamicPropertyRegistry registry) {
        registry.add("honkoku.iiif.cache", CACHE::toString);
    }

    @Autowired
    TranscribeCommand transcribe;

    private IiifServer server;

    @BeforeEach
    void start() throws IOException {
        server = new IiifServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void canvasesAreFetchedAndTranscribedAndThoseThatCannotBeFailWithTheirReason() throws Exception {
        // copies of the scans: the same pixels, page identities of their own
        server.serveCopy("/img/1r.jpg", SMALL).stall("/img/2r.jpg", SMALL).serveCopy("/img/2v.jpg", LARGE)
                .serveCopy("/iiif/p1/full/max/0/default.jpg", MEDIUM);
        String v2 = server.url("/genji/manifest.json");
        server.serveJson("/genji/manifest.json", """
                {"@context": "http://iiif.io/api/presentation/2/context.json", "@type": "sc:Manifest",
                 "label": [{"@value": "Genji", "@language": "en"}, {"@value": "源氏物語 巻一", "@language": "ja"}],
                 "sequences": [{"canvases": [%s, %s, %s, %s]}]}""".formatted(
                canvas2("1r", server.url("/img/1r.jpg")), canvas2("1v", server.url("/img/missing.jpg")),
                canvas2("2r", server.url("/img/2r.jpg")), canvas2("2v", server.url("/img/2v.jpg"))));
        String v3 = server.url("/ise/manifest");
        server.serveJson("/ise/manifest", """
                {"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Manifest",
                 "label": {"ja": ["伊勢物語"]}, "items": [{"id": "c1", "type": "Canvas", "label": {"none": ["1オ"]},
                   "items": [{"type": "AnnotationPage", "items": [{"type": "Annotation", "motivation": "painting",
                     "body": {"type": "Image", "service": [{"id": "%s", "type": "ImageService3"}]}}]}]}]}"""
                .formatted(server.url("/iiif/p1")));
        String gone = server.url("/gone/manifest.json");
        assertThat(transcribe.run(List.of(SMALL.toString(), MEDIUM.toString()))).isZero();

        assertThat(transcribe.run(List.of(v2, v3, gone))).isEqualTo(TranscribeCommand.SOME_PAGES_FAILED);

        Path genji = folder("源氏物語_巻一-");
        Path ise = folder("伊勢物語-");
        assertThat(page(genji.resolve("0001_1r.jpg"))).containsEntry("STATUS", PageRepository.DONE)
                .containsEntry("NAME", "源氏物語 巻一").containsEntry("IMAGE_ID", "0001_1r");
        assertThat(page(ise.resolve("0001_1オ.jpg"))).containsEntry("STATUS", PageRepository.DONE)
                .containsEntry("NAME", "伊勢物語");
        // read as the same scans from disk are
        assertThat(boxesOf(genji.resolve("0001_1r.jpg"))).isEqualTo(boxesOf(SMALL)).isBetween(40, 320);
        assertThat(boxesOf(ise.resolve("0001_1オ.jpg"))).isEqualTo(boxesOf(MEDIUM)).isBetween(40, 320);

        assertFailed(genji.resolve("0002_1v.jpg"), server.url("/img/missing.jpg") + ": HTTP 404");
        assertFailed(genji.resolve("0003_2r.jpg"), server.url("/img/2r.jpg") + ": timed out");
        assertFailed(genji.resolve("0004_2v.jpg"), server.url("/img/2v.jpg") + ": too large");
        assertThat(page(genji.resolve("0004_2v.jpg")).get("ERROR").toString())
                .contains("honkoku.limits.max-file-bytes");
        // the manifest that is not there: one failed entry named by its URL
        Map<String, Object> unreadable = jdbc.queryForMap("""
                SELECT p.status, p.error, m.name FROM page p JOIN manuscript m ON m.id = p.manuscript_id
                WHERE p.error LIKE ?""", "%" + gone + "%");
        assertThat(unreadable).containsEntry("STATUS", PageRepository.FAILED).containsEntry("NAME", gone);
        assertThat(unreadable.get("ERROR").toString()).contains("HTTP 404");
        // nothing half-fetched is left in the cache
        try (Stream<Path> files = Files.walk(CACHE)) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".part"));
        }
        // the URLs are the run's input as they were given
        assertThat(count("SELECT COUNT(*) FROM job_input WHERE paths = ?", v2 + "\n" + v3 + "\n" + gone)).isOne();

        // a re-run: the fetched images are not fetched again, nothing is registered or read twice; the canvases
        // that failed are tried again (a server that was down may be back)
        int pages = count("SELECT COUNT(*) FROM page");
        int boxes = count("SELECT COUNT(*) FROM box");
        assertThat(transcribe.run(List.of(v2, v3, gone))).isEqualTo(TranscribeCommand.SOME_PAGES_FAILED);
        assertThat(count("SELECT COUNT(*) FROM page")).isEqualTo(pages);
        assertThat(count("SELECT COUNT(*) FROM box")).isEqualTo(boxes);
        assertThat(server.requests("/img/1r.jpg")).isOne();
        assertThat(server.requests("/iiif/p1/full/max/0/default.jpg")).isOne();
        assertThat(server.requests("/img/missing.jpg")).isEqualTo(2);
        assertThat(server.requests("/genji/manifest.json")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM job_input WHERE paths = ?", v2 + "\n" + v3 + "\n" + gone)).isOne();

        // the missing image appears: the next run fetches it, and its page is the next version of the failed one
        server.serveCopy("/img/missing.jpg", SMALL);
        transcribe.run(List.of(v2, v3, gone));
        List<Map<String, Object>> versions = jdbc.queryForList("""
                SELECT status, superseded_by FROM page WHERE source_path = ? ORDER BY source_version""",
                genji.resolve("0002_1v.jpg").toString());
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0)).containsEntry("STATUS", PageRepository.FAILED);
        assertThat(versions.get(0).get("SUPERSEDED_BY")).isNotNull();
        assertThat(versions.get(1)).containsEntry("STATUS", PageRepository.DONE).containsEntry("SUPERSEDED_BY", null);
    }

    @Test
    void aManifestFileWorksAndABrokenOneFailsAlone(@TempDir Path dir) throws Exception {
        server.serveCopy("/img/a.jpg", SMALL);
        Path manifest = Files.writeString(dir.resolve("kokin.json"), """
                {"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Manifest",
                 "label": {"en": ["Kokinshu"]}, "items": [{"id": "c1", "type": "Canvas", "label": {"en": ["a"]},
                   "items": [{"type": "AnnotationPage", "items": [{"type": "Annotation", "motivation": "painting",
                     "body": {"id": "%s", "type": "Image", "format": "image/jpeg"}}]}]}]}"""
                .formatted(server.url("/img/a.jpg")));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"label\": \"half a manifest\", ");

        assertThat(transcribe.run(List.of(manifest.toString(), broken.toString())))
                .isEqualTo(TranscribeCommand.SOME_PAGES_FAILED);

        Path page = folder("Kokinshu-").resolve("0001_a.jpg");
        assertThat(page(page)).containsEntry("STATUS", PageRepository.DONE).containsEntry("NAME", "Kokinshu");
        assertThat(boxesOf(page)).isEqualTo(boxesOf(SMALL));
        assertThat(jdbc.queryForMap("SELECT status, error FROM page WHERE source_path = ?", broken.toString()))
                .containsEntry("STATUS", PageRepository.FAILED)
                .hasEntrySatisfying("ERROR", e -> assertThat(e.toString()).contains("not a IIIF manifest"));
    }

    private static String canvas2(String label, String image) {
        return """
                {"@id": "%s/canvas", "@type": "sc:Canvas", "label": "%s",
                 "images": [{"@type": "oa:Annotation", "motivation": "sc:painting",
                   "resource": {"@id": "%s", "@type": "dctypes:Image", "format": "image/jpeg"}}]}"""
                .formatted(image, label, image);
    }

    private Map<String, Object> page(Path source) {
        return jdbc.queryForMap("""
                SELECT p.status, p.error, p.image_id, m.name FROM page p JOIN manuscript m ON m.id = p.manuscript_id
                WHERE p.source_path = ?""", source.toString());
    }

    private void assertFailed(Path source, String reason) {
        Map<String, Object> page = page(source);
        assertThat(page.get("STATUS")).as(source.toString()).isEqualTo(PageRepository.FAILED);
        assertThat(page.get("ERROR").toString()).as(source.toString()).contains("cannot fetch " + reason);
    }

    /** The manifest's folder in the cache: its label made safe, then a hash of where it came from. */
    private static Path folder(String prefix) throws IOException {
        try (Stream<Path> folders = Files.list(CACHE)) {
            List<Path> found = folders.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
            assertThat(found).as(prefix).hasSize(1);
            assertThat(found.get(0).getFileName().toString()).matches(".*-[0-9a-f]{8}");
            return found.get(0);
        }
    }
}
