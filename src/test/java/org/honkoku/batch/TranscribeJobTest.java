package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.honkoku.OpenCvLoader;
import org.honkoku.ingest.BadInputFiles;
import org.honkoku.store.PageRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole transcribe job against a fresh H2 file database: real pages through real OpenCV, the
 * shipped DL4J model and Flyway's schema. Tests share the database and so only look at their own paths.
 */
@SpringBootTest
class TranscribeJobTest {

    private static final Path DB_DIR = tempDir();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DB_DIR.resolve("honkoku"));
    }

    @Autowired
    TranscribeCommand transcribe;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void samplesAreTranscribedAndARerunAddsNothing() throws Exception {
        Path samples = Path.of("samples").toAbsolutePath();

        assertThat(transcribe.run(List.of(samples.toString()))).isZero();

        // three scans and the three pages of the PDF made from them
        assertThat(count("SELECT COUNT(*) FROM page WHERE source_path LIKE ?", samples + "%")).isEqualTo(6);
        assertThat(count("SELECT COUNT(*) FROM page WHERE source_path LIKE ? AND status = 'DONE'"
                + " AND model_version IS NOT NULL AND segment_ms IS NOT NULL AND width > 0", samples + "%"))
                .isEqualTo(6);
        assertThat(count("SELECT COUNT(*) FROM manuscript WHERE source_path LIKE ?", samples + "%")).isEqualTo(2);
        // each page holds 67-211 labelled characters; the segmenter finds roughly as many
        for (Map<String, Object> page : jdbc.queryForList("""
                SELECT p.image_id, COUNT(b.id) AS boxes FROM page p JOIN box b ON b.page_id = p.id
                WHERE p.source_path LIKE ? GROUP BY p.image_id""", samples + "%")) {
            assertThat(((Number) page.get("BOXES")).intValue()).as("boxes of %s", page.get("IMAGE_ID"))
                    .isBetween(40, 320);
        }
        // the PDF's pages are the same scans (re-rendered by PDFBox, so not to the pixel): about as many boxes
        assertThat(boxes("three-pages_p003")).isCloseTo(boxes("hnsd001-011"), withinPercentage(15));
        assertThat(boxes("three-pages_p002")).isCloseTo(boxes("brsk001-009"), withinPercentage(15));
        assertThat(count("SELECT COUNT(*) FROM box WHERE confidence < 0 OR confidence > 1"
                + " OR alternatives NOT LIKE '%|%|%|%|%'")).isZero();

        int pages = count("SELECT COUNT(*) FROM page");
        int boxes = count("SELECT COUNT(*) FROM box");
        assertThat(transcribe.run(List.of(samples.toString()))).isZero();
        assertThat(count("SELECT COUNT(*) FROM page")).isEqualTo(pages);
        assertThat(count("SELECT COUNT(*) FROM box")).isEqualTo(boxes);
    }

    @Test
    void badFilesFailWithTheirReasonAndGoodPagesSucceed(@TempDir Path dir) throws Exception {
        Map<String, String> expected = BadInputFiles.writeAll(dir);
        // the good pages: the same scan saved as PNG and TIFF (new bytes, so new page identities)
        OpenCvLoader.load();
        Mat scan = Imgcodecs.imread(BadInputFiles.GOOD_PAGE.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        Imgcodecs.imwrite(dir.resolve("good.png").toString(), scan);
        Imgcodecs.imwrite(dir.resolve("good.tif").toString(), scan);

        assertThat(transcribe.run(List.of(dir.toString()))).isEqualTo(TranscribeCommand.SOME_PAGES_FAILED);

        for (var bad : expected.entrySet()) {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT status, error FROM page WHERE source_path = ?", dir.resolve(bad.getKey()).toString());
            assertThat(rows).as(bad.getKey()).hasSize(1);
            assertThat(rows.get(0).get("STATUS")).as(bad.getKey()).isEqualTo(PageRepository.FAILED);
            assertThat((String) rows.get(0).get("ERROR")).as(bad.getKey()).containsIgnoringCase(bad.getValue());
        }
        for (String good : List.of("good.png", "good.tif")) {
            assertThat(jdbc.queryForObject("SELECT status FROM page WHERE source_path = ?", String.class,
                    dir.resolve(good).toString())).as(good).isEqualTo(PageRepository.DONE);
            assertThat(count("SELECT COUNT(*) FROM box b JOIN page p ON p.id = b.page_id WHERE p.source_path = ?",
                    dir.resolve(good).toString())).as(good).isGreaterThan(40);
        }
    }

    @Test
    void aReviewedCharacterSurvivesAReprocessedPage() throws Exception {
        Path page = Path.of("samples/100241706_00004_2.jpg").toAbsolutePath();
        transcribe.run(List.of(page.toString()));
        long boxId = jdbc.queryForObject("""
                SELECT MIN(b.id) FROM box b JOIN page p ON p.id = b.page_id WHERE p.source_path = ?""",
                Long.class, page.toString());
        jdbc.update("UPDATE box SET reviewed = 'U+4E00', reviewed_by = 'test' WHERE id = ?", boxId);
        int before = count("SELECT COUNT(*) FROM box b JOIN page p ON p.id = b.page_id WHERE p.source_path = ?",
                page.toString());
        // as when a page is processed again (a retry, or a new model)
        jdbc.update("UPDATE page SET status = 'PENDING' WHERE source_path = ?", page.toString());

        assertThat(transcribe.run(List.of(page.toString()))).isZero();

        assertThat(jdbc.queryForObject("SELECT reviewed FROM box WHERE id = ?", String.class, boxId))
                .isEqualTo("U+4E00");
        assertThat(count("SELECT COUNT(*) FROM box b JOIN page p ON p.id = b.page_id WHERE p.source_path = ?",
                page.toString())).isEqualTo(before);
    }

    private int boxes(String imageId) {
        return count("SELECT COUNT(*) FROM box b JOIN page p ON p.id = b.page_id WHERE p.image_id = ?", imageId);
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("honkoku-job-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
