package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.honkoku.OpenCvLoader;
import org.honkoku.retry.ReprocessCommand;
import org.honkoku.store.StoredBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code reread}: the done pages another model read are read again by the current one; what a person decided
 * (a reading, a deleted false box) stays, with its id, and takes its place in the new reading order; pages the
 * current model read are not touched, and a second reread has nothing to do.
 */
class RereadTest extends JobContextTest {

    private static final String BOXES = "SELECT id, column_no, order_no, x, y, w, h, reviewed FROM box WHERE page_id = ?"
            + " ORDER BY column_no, order_no";

    @Autowired
    TranscribeCommand transcribe;
    @Autowired
    ReprocessCommand reprocess;
    @Autowired
    PipelineComponents pipeline;

    @Test
    void pagesAnotherModelReadAreReadAgainAndTheReviewsStayInTheirPlaces(@TempDir Path dir) throws Exception {
        Path book = Files.createDirectories(dir.resolve("book"));
        Path old = ownCopy("100241706_00004_2.jpg", book.resolve("p1.png"));
        Path current = ownCopy("brsk001-009.jpg", book.resolve("p2.png"));
        assertThat(transcribe.run(List.of(book.toString()))).isZero();
        long oldPage = pageId(old);
        long currentPage = pageId(current);

        // p1 was read by an older model; a reviewer read one character of it and deleted a false box
        jdbc.update("UPDATE page SET model_version = 'honkoku-cnn-older' WHERE id = ?", oldPage);
        List<Map<String, Object>> before = jdbc.queryForList(BOXES, oldPage);
        long readBox = id(before.get(5));
        long deletedBox = id(before.get(12));
        jdbc.update("UPDATE box SET reviewed = 'U+3042', reviewed_by = 'alice' WHERE id = ?", readBox);
        jdbc.update("UPDATE box SET reviewed = ?, reviewed_by = 'alice' WHERE id = ?", StoredBox.DELETED, deletedBox);
        before = jdbc.queryForList(BOXES, oldPage);
        // and the older model's segmentation numbered its columns otherwise: the reviewed boxes' places are not
        // the new segmentation's
        jdbc.update("UPDATE box SET column_no = column_no + 7, order_no = 0 WHERE id IN (?, ?)", readBox, deletedBox);
        Map<String, Object> currentBefore = jdbc.queryForMap("SELECT processed_at, attempts FROM page WHERE id = ?",
                currentPage);

        assertThat(reprocess.reread(List.of(book.toString()))).isZero();

        Map<String, Object> page = jdbc.queryForMap("SELECT status, model_version, attempts FROM page WHERE id = ?",
                oldPage);
        assertThat(page.get("STATUS")).isEqualTo("DONE");
        assertThat(page.get("MODEL_VERSION")).isEqualTo(pipeline.classifier().readingVersion());
        assertThat(((Number) page.get("ATTEMPTS")).intValue()).isEqualTo(2);
        List<Map<String, Object>> after = jdbc.queryForList(BOXES, oldPage);
        // the machine's boxes are new rows; the reviewed two are the same rows, as the reviewer left them
        List<Long> oldIds = before.stream().map(RereadTest::id).toList();
        assertThat(after.stream().map(RereadTest::id).filter(oldIds::contains)).containsExactlyInAnyOrder(readBox,
                deletedBox);
        assertThat(jdbc.queryForObject("SELECT reviewed FROM box WHERE id = ?", String.class, readBox))
                .isEqualTo("U+3042");
        assertThat(jdbc.queryForObject("SELECT reviewed FROM box WHERE id = ?", String.class, deletedBox))
                .isEqualTo(StoredBox.DELETED);
        // the same model finds the same boxes, so the page reads as before: every box in its place, the
        // reviewed ones among them (none added beside them, no two boxes at one place)
        assertThat(after.stream().map(RereadTest::place).toList())
                .isEqualTo(before.stream().map(RereadTest::place).toList());
        assertThat(after.stream().map(b -> b.get("COLUMN_NO") + ":" + b.get("ORDER_NO"))).doesNotHaveDuplicates();
        // the page the current model read was left alone
        assertThat(jdbc.queryForMap("SELECT processed_at, attempts FROM page WHERE id = ?", currentPage))
                .isEqualTo(currentBefore);

        // nothing is left to read again
        List<Map<String, Object>> all = jdbc.queryForList("SELECT id, page_id, predicted, reviewed FROM box ORDER BY id");
        assertThat(reprocess.reread(List.of(book.toString()))).isZero();
        assertThat(jdbc.queryForList("SELECT id, page_id, predicted, reviewed FROM box ORDER BY id")).isEqualTo(all);
    }

    private static long id(Map<String, Object> box) {
        return ((Number) box.get("ID")).longValue();
    }

    /** A box's place in reading order and its outline. */
    private static String place(Map<String, Object> b) {
        return b.get("COLUMN_NO") + ":" + b.get("ORDER_NO") + " " + b.get("X") + "," + b.get("Y") + " " + b.get("W")
                + "x" + b.get("H");
    }

    /**
     * A sample scan less a pixel at each edge, as a PNG: the same page to the segmenter, but bytes of its own
     * (a page is known by its hash, and the other tests of this database transcribe the samples themselves).
     */
    private static Path ownCopy(String sample, Path to) {
        OpenCvLoader.load();
        Mat scan = Imgcodecs.imread(Path.of("samples", sample).toString(), Imgcodecs.IMREAD_GRAYSCALE);
        Imgcodecs.imwrite(to.toString(), scan.submat(new Rect(1, 1, scan.cols() - 2, scan.rows() - 2)));
        return to;
    }

    private long pageId(Path source) {
        return jdbc.queryForObject("SELECT id FROM page WHERE source_path = ?", Long.class, source.toString());
    }
}
