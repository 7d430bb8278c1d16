package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.honkoku.OpenCvLoader;
import org.honkoku.ingest.BadInputFiles;
import org.honkoku.ingest.TiffFiles;
import org.honkoku.store.PageRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole transcribe job against a fresh H2 file database: real pages through real OpenCV, the
 * shipped DL4J model and Flyway's schema. Tests share the database and so only look at their own paths.
 */
class TranscribeJobTest extends JobContextTest {

    @Autowired
    TranscribeCommand transcribe;

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
        // the good pages: the same scan saved as PNG, TIFF and JPEG 2000 (new bytes, so new page identities), a JPEG
        // named .png, and one in a folder and file named in Japanese
        OpenCvLoader.load();
        Mat scan = Imgcodecs.imread(BadInputFiles.GOOD_PAGE.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        Imgcodecs.imwrite(dir.resolve("good.png").toString(), scan);
        Imgcodecs.imwrite(dir.resolve("good.tif").toString(), scan);
        Imgcodecs.imwrite(dir.resolve("good.jp2").toString(), scan,
                new org.opencv.core.MatOfInt(Imgcodecs.IMWRITE_JPEG2000_COMPRESSION_X1000, 1000));
        byte[] jpeg = Files.readAllBytes(BadInputFiles.GOOD_PAGE);
        Files.write(dir.resolve("jpeg-named.png"), Arrays.copyOf(jpeg, jpeg.length + 1)); // a byte after the end
        Path japanese = Files.createDirectories(dir.resolve("源氏物語 第一帖")).resolve("桐壺.jpg");
        Files.write(japanese, Arrays.copyOf(jpeg, jpeg.length + 2));
        List<Path> good = List.of(dir.resolve("good.png"), dir.resolve("good.tif"), dir.resolve("good.jp2"),
                dir.resolve("jpeg-named.png"), japanese);

        assertThat(transcribe.run(List.of(dir.toString()))).isEqualTo(TranscribeCommand.SOME_PAGES_FAILED);

        for (var bad : expected.entrySet()) {
            List<Map<String, Object>> rows = jdbc.queryForList("""
                    SELECT p.status, p.error, f.reason, f.stack_trace FROM page p
                    LEFT JOIN page_failure f ON f.id = p.failure_id WHERE p.source_path = ?""",
                    dir.resolve(bad.getKey()).toString());
            assertThat(rows).as(bad.getKey()).hasSize(1);
            assertThat(rows.get(0).get("STATUS")).as(bad.getKey()).isEqualTo(PageRepository.FAILED);
            assertThat((String) rows.get(0).get("ERROR")).as(bad.getKey()).containsIgnoringCase(bad.getValue());
            // the reference to the stack trace: the failure recorded with the page
            assertThat((String) rows.get(0).get("REASON")).as(bad.getKey()).isEqualTo(rows.get(0).get("ERROR"));
            assertThat((String) rows.get(0).get("STACK_TRACE")).as(bad.getKey()).contains("BadInputException");
        }
        for (Path page : good) {
            assertThat(jdbc.queryForObject("SELECT status FROM page WHERE source_path = ?", String.class,
                    page.toString())).as(page.toString()).isEqualTo(PageRepository.DONE);
            assertThat(boxesOf(page)).as(page.toString()).isGreaterThan(40);
        }
        // nothing else was registered: one page per bad file, one per good one
        assertThat(count("SELECT COUNT(*) FROM page WHERE source_path LIKE ?", dir + "/%"))
                .isEqualTo(expected.size() + good.size());
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

    /**
     * A volume delivered as one multi-page TIFF is transcribed page by page: each page at its own size, with about
     * as many boxes as its labelled characters (148 on hnsd, 211 on brsk; SegmenterTest's ratios), where before only
     * the first was read.
     */
    @Test
    void aMultiPageTiffIsTranscribedPageByPage(@TempDir Path dir) throws Exception {
        Path tiff = dir.resolve("volume.tif");
        TiffFiles.write(tiff, 1, Path.of("samples/hnsd001-011.jpg"), Path.of("samples/brsk001-009.jpg"));

        assertThat(transcribe.run(List.of(dir.toString()))).isZero();

        List<Map<String, Object>> pages = jdbc.queryForList("""
                SELECT p.image_id, p.page_no, p.width, p.status, COUNT(b.id) AS boxes FROM page p
                LEFT JOIN box b ON b.page_id = p.id WHERE p.source_path = ?
                GROUP BY p.image_id, p.page_no, p.width, p.status ORDER BY p.page_no""", tiff.toString());
        assertThat(pages).extracting(r -> r.get("IMAGE_ID")).containsExactly("volume_p001", "volume_p002");
        assertThat(pages).extracting(r -> r.get("STATUS")).containsOnly(PageRepository.DONE);
        assertThat(pages).extracting(r -> ((Number) r.get("WIDTH")).intValue()).containsExactly(1857, 2534);
        assertThat(((Number) pages.get(0).get("BOXES")).intValue()).isBetween(111, 192);
        assertThat(((Number) pages.get(1).get("BOXES")).intValue()).isBetween(137, 264);
    }

    private int boxes(String imageId) {
        return count("SELECT COUNT(*) FROM box b JOIN page p ON p.id = b.page_id WHERE p.image_id = ?", imageId);
    }

}
