package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;
import org.honkoku.store.TranscriptionRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A watched folder over several nights: a new file is picked up by the next run, an unchanged one is not
 * touched again, and a file replaced at the same path (new bytes, new hash) is transcribed as a new version
 * while the old version keeps its boxes and its reviews; exports hold the current version.
 */
class IncrementalRunTest extends JobContextTest {

    @Autowired
    TranscribeCommand transcribe;
    @Autowired
    TranscriptionRepository transcriptions;

    @Test
    void newFilesAreTakenAndAChangedFileBecomesANewVersionBesideTheReviewedOld(@TempDir Path dir) throws Exception {
        List<Path> bands = ChildJvm.pages(dir.resolve("bands"), 2);
        Path book = Files.createDirectories(dir.resolve("book"));
        Path first = Files.copy(bands.get(0), book.resolve("p1.png"));
        Path stays = Files.copy(bands.get(2), book.resolve("p2.png"));
        assertThat(transcribe.run(List.of(book.toString()))).isZero();
        long oldVersion = pageId(first);
        Map<String, Object> staysBefore = jdbc.queryForMap("SELECT processed_at, attempts FROM page WHERE id = ?",
                pageId(stays));
        // a reviewer reads one character and deletes a false box on the first page
        List<Long> oldBoxes = jdbc.queryForList("SELECT id FROM box WHERE page_id = ? ORDER BY id", Long.class,
                oldVersion);
        jdbc.update("UPDATE box SET reviewed = 'U+3042', reviewed_by = 'alice' WHERE id = ?", oldBoxes.get(0));
        jdbc.update("UPDATE box SET reviewed = ?, reviewed_by = 'alice' WHERE id = ?", StoredBox.DELETED,
                oldBoxes.get(1));

        // the next night: the first scan was replaced by a better one, and a new scan arrived
        Mat rescan = Imgcodecs.imread(bands.get(1).toString(), Imgcodecs.IMREAD_GRAYSCALE);
        Imgcodecs.imwrite(first.toString(), rescan, new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 9));
        Path added = Files.copy(bands.get(4), book.resolve("p3.png"));
        assertThat(transcribe.run(List.of(book.toString()))).isZero();

        List<Map<String, Object>> versions = jdbc.queryForList("""
                SELECT id, source_version, superseded_by, status FROM page WHERE source_path = ? ORDER BY source_version""",
                first.toString());
        assertThat(versions).hasSize(2);
        long newVersion = ((Number) versions.get(1).get("ID")).longValue();
        assertThat(versions.get(0).get("ID")).isEqualTo(oldVersion);
        assertThat(((Number) versions.get(0).get("SUPERSEDED_BY")).longValue()).isEqualTo(newVersion);
        assertThat(versions.get(0).get("STATUS")).isEqualTo("DONE");
        assertThat(((Number) versions.get(1).get("SOURCE_VERSION")).intValue()).isEqualTo(2);
        assertThat(versions.get(1).get("SUPERSEDED_BY")).isNull();
        assertThat(versions.get(1).get("STATUS")).isEqualTo("DONE");
        // the old version is history, untouched: every box, the reading and the deletion of its reviewer
        assertThat(jdbc.queryForList("SELECT id FROM box WHERE page_id = ? ORDER BY id", Long.class, oldVersion))
                .isEqualTo(oldBoxes);
        assertThat(jdbc.queryForObject("SELECT reviewed FROM box WHERE id = ?", String.class, oldBoxes.get(0)))
                .isEqualTo("U+3042");
        assertThat(jdbc.queryForObject("SELECT reviewed FROM box WHERE id = ?", String.class, oldBoxes.get(1)))
                .isEqualTo(StoredBox.DELETED);
        assertThat(count("SELECT COUNT(*) FROM box WHERE page_id = ?", newVersion)).isPositive();
        assertThat(jdbc.queryForObject("SELECT status FROM page WHERE source_path = ?", String.class,
                added.toString())).isEqualTo("DONE");
        // the unchanged page was not done again
        assertThat(jdbc.queryForMap("SELECT processed_at, attempts FROM page WHERE id = ?", pageId(stays)))
                .isEqualTo(staysBefore);

        // exports hold each page once, in its current version
        long manuscript = jdbc.queryForObject("SELECT manuscript_id FROM page WHERE id = ?", Long.class, newVersion);
        assertThat(transcriptions.donePages(manuscript)).extracting(p -> p.info().pageId())
                .containsExactlyInAnyOrder(newVersion, pageId(stays), pageId(added));
        assertThat(transcriptions.donePage(oldVersion)).map(PageTranscription::imageId).contains("p1");

        // a third night with nothing new does nothing: no page added or done again, not a box written
        String everyPage = "SELECT id, status, processed_at, attempts, superseded_by FROM page ORDER BY id";
        String everyBox = "SELECT id, page_id, predicted, reviewed FROM box ORDER BY id";
        List<Map<String, Object>> pagesBefore = jdbc.queryForList(everyPage);
        List<Map<String, Object>> boxesBefore = jdbc.queryForList(everyBox);
        assertThat(transcribe.run(List.of(book.toString()))).isZero();
        assertThat(jdbc.queryForList(everyPage)).isEqualTo(pagesBefore);
        assertThat(jdbc.queryForList(everyBox)).isEqualTo(boxesBefore);
    }

    private long pageId(Path source) {
        return jdbc.queryForObject("SELECT id FROM page WHERE source_path = ? AND superseded_by IS NULL", Long.class,
                source.toString());
    }
}
