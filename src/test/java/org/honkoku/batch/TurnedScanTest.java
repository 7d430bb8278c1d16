package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.honkoku.OpenCvLoader;
import org.honkoku.browse.PageImages;
import org.honkoku.browse.ProgressRepository;
import org.honkoku.evaluate.PredictedPoint;
import org.honkoku.evaluate.Scorer;
import org.honkoku.evaluate.TruthBox;
import org.honkoku.evaluate.TruthCsv;
import org.honkoku.segment.QuarterTurn;
import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscriptionRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A real page scanned on its side, through the whole job: read turned the right way up, its boxes stored on the
 * upright page the review UI shows, exported on the file as it lies, and a person's correction kept when the page is
 * read again another way up.
 */
class TurnedScanTest extends JobContextTest {

    private static final Path SCAN = Path.of("samples/hnsd001-011.jpg");

    @Autowired
    TranscribeCommand transcribe;
    @Autowired
    TranscriptionRepository transcriptions;
    @Autowired
    ProgressRepository progress;
    @Autowired
    PageImages images;

    @Test
    void aScanOnItsSideIsReadUprightAndExportedOnTheFile(@TempDir Path dir) throws Exception {
        OpenCvLoader.load();
        Mat upright = Imgcodecs.imread(SCAN.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        Mat sideways = QuarterTurn.turn(upright, 1);
        Path file = dir.resolve("sideways.png");
        Imgcodecs.imwrite(file.toString(), sideways, new MatOfInt());
        List<TruthBox> truth = TruthCsv.read(Path.of("samples/truth.csv")).get("hnsd001-011").stream()
                .map(t -> t.turned(upright.cols(), upright.rows(), 1)).toList();

        assertThat(transcribe.run(List.of(file.toString()))).isZero();

        long pageId = jdbc.queryForObject("SELECT id FROM page WHERE source_path = ?", Long.class, file.toString());
        assertThat(count("SELECT quarter_turns FROM page WHERE id = ?", pageId)).isEqualTo(3);
        assertThat(count("SELECT width FROM page WHERE id = ?", pageId)).isEqualTo(upright.cols());
        // the review UI's page is the upright scan
        StoredPage stored = progress.source(pageId).orElseThrow();
        Mat shown = images.page(stored);
        Mat difference = new Mat();
        Core.absdiff(shown, upright, difference);
        assertThat(Core.countNonZero(difference)).isZero();
        // while IIIF viewers are given the scan as its file lies, the canvas the exported boxes are placed on
        Mat full = Imgcodecs.imdecode(new MatOfByte(images.full(stored)), Imgcodecs.IMREAD_GRAYSCALE);
        assertThat(full.size()).isEqualTo(sideways.size());

        // exports place the boxes on the file as it lies: they find its characters there
        PageTranscription exported = transcriptions.donePage(pageId).orElseThrow();
        assertThat(exported.info().width()).isEqualTo(sideways.cols());
        assertThat(exported.info().clockwiseDegrees()).isEqualTo(-90);
        List<PredictedPoint> centres = exported.boxes().stream()
                .map(b -> new PredictedPoint(null, b.x() + b.w() / 2, b.y() + b.h() / 2)).toList();
        assertThat(Scorer.score(truth, centres, false).f1()).as("detection F1 on the sideways file").isGreaterThan(0.9);
    }

    @Test
    void aCorrectionMadeOnThePageReadAsScannedStaysOnItsCharacter(@TempDir Path dir) throws Exception {
        OpenCvLoader.load();
        // another page than the other test's: a page is known by its pixels' hash, not its file's name
        Mat upright = Imgcodecs.imread("samples/brsk001-009.jpg", Imgcodecs.IMREAD_GRAYSCALE);
        Mat sideways = QuarterTurn.turn(upright, 1);
        Path file = dir.resolve("read-before.png");
        Imgcodecs.imwrite(file.toString(), sideways, new MatOfInt());
        transcribe.run(List.of(file.toString()));
        long pageId = jdbc.queryForObject("SELECT id FROM page WHERE source_path = ?", Long.class, file.toString());
        long boxId = jdbc.queryForObject("SELECT MIN(id) FROM box WHERE page_id = ?", Long.class, pageId);
        int[] upright0 = box(boxId);
        // as if an earlier version had read the page as scanned, and a person had corrected this box there
        int[] asScanned = QuarterTurn.box(upright0[0], upright0[1], upright0[2], upright0[3], upright.cols(),
                upright.rows(), 1);
        jdbc.update("UPDATE box SET x = ?, y = ?, w = ?, h = ?, reviewed = 'U+4E00', reviewed_by = 'test' WHERE id = ?",
                asScanned[0], asScanned[1], asScanned[2], asScanned[3], boxId);
        jdbc.update("UPDATE page SET quarter_turns = 0, width = ?, height = ?, status = 'PENDING' WHERE id = ?",
                sideways.cols(), sideways.rows(), pageId);

        assertThat(transcribe.run(List.of(file.toString()))).isZero();

        assertThat(box(boxId)).as("the corrected box, on the page turned upright").isEqualTo(upright0);
        assertThat(jdbc.queryForObject("SELECT reviewed FROM box WHERE id = ?", String.class, boxId))
                .isEqualTo("U+4E00");
        // and no new box was made over it
        int[] c = {upright0[0] + upright0[2] / 2, upright0[1] + upright0[3] / 2};
        assertThat(count("SELECT COUNT(*) FROM box WHERE page_id = ? AND x <= ? AND x + w > ? AND y <= ? AND y + h > ?",
                pageId, c[0], c[0], c[1], c[1])).isEqualTo(1);
    }

    private int[] box(long id) {
        return jdbc.queryForObject("SELECT x, y, w, h FROM box WHERE id = ?",
                (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)}, id);
    }
}
