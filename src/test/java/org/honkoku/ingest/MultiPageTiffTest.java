package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/**
 * A multi-page TIFF is a volume: each of its pages is a page of its own, named as a PDF's are, each checked
 * against the limits before it is decoded. Read as one image (before), only its first page was transcribed.
 */
class MultiPageTiffTest {

    private final InputLimits limits = InputLimits.defaults();
    private final SourceInspector inspector = new SourceInspector(limits);
    private final PageImageLoader loader = new PageImageLoader(limits);

    @Test
    void everyPageIsReadAsItself(@TempDir Path dir) throws Exception {
        Path tiff = dir.resolve("volume.tif");
        TiffFiles.write(tiff, 0.5, Path.of("samples/hnsd001-011.jpg"), Path.of("samples/brsk001-009.jpg"),
                Path.of("samples/100241706_00004_2.jpg"));

        List<PageRef> pages = inspector.inspect(new SourceFile(tiff, SourceKind.IMAGE, dir));

        assertThat(pages).extracting(PageRef::imageId)
                .containsExactly("volume_p001", "volume_p002", "volume_p003");
        assertThat(pages).extracting(PageRef::pageNo).containsExactly(1, 2, 3);
        // each page at its own size: the three scans (1857, 2534 and 2404 pixels wide) halved
        int[][] sizes = {{928, 1452}, {1267, 1959}, {1202, 1937}};
        for (int i = 0; i < 3; i++) {
            Mat page = loader.loadUnchanged(pages.get(i));
            assertThat(new int[] {page.cols(), page.rows()}).as(pages.get(i).imageId()).containsExactly(sizes[i]);
            page.release();
        }
        assertThatThrownBy(() -> loader.load(new PageRef(pages.get(0).source(), "", 0, 4, "volume_p004")))
                .hasMessageContaining("no page 4");
    }

    /** A volume's pages are checked by the file's size (a volume is not hashed again for each of its pages). */
    @Test
    void aReplacedVolumeIsNotReadUnderItsOldIdentity(@TempDir Path dir) throws Exception {
        Path tiff = dir.resolve("volume.tif");
        TiffFiles.write(tiff, 0.1, BadInputFiles.GOOD_PAGE, BadInputFiles.GOOD_PAGE);
        List<PageRef> pages = inspector.inspect(new SourceFile(tiff, SourceKind.IMAGE, dir));
        assertThat(SourceInspector.isOneOfMany(pages.get(1))).isTrue();
        TiffFiles.write(tiff, 0.2, BadInputFiles.GOOD_PAGE, BadInputFiles.GOOD_PAGE);

        assertThatThrownBy(() -> loader.loadUnchanged(pages.get(1))).hasMessageContaining("changed");
    }

    @Test
    void aSinglePageTiffKeepsItsName(@TempDir Path dir) throws Exception {
        Path tiff = dir.resolve("leaf.tif");
        TiffFiles.write(tiff, 0.25, Path.of("samples/hnsd001-011.jpg"));

        List<PageRef> pages = inspector.inspect(new SourceFile(tiff, SourceKind.IMAGE, dir));

        assertThat(pages).extracting(PageRef::imageId).containsExactly("leaf");
        assertThat(SourceInspector.isOneOfMany(pages.get(0))).as("checked by its hash").isFalse();
    }

    @Test
    void aThumbnailIsNoPage(@TempDir Path dir) throws Exception {
        Path tiff = dir.resolve("with-thumbnail.tif");
        TiffFiles.writeWithThumbnail(tiff);

        List<PageRef> pages = inspector.inspect(new SourceFile(tiff, SourceKind.IMAGE, dir));

        assertThat(pages).extracting(PageRef::imageId).containsExactly("with-thumbnail_p001", "with-thumbnail_p002");
        Mat second = loader.loadUnchanged(pages.get(1));
        assertThat(new int[] {second.cols(), second.rows()}).containsExactly(200, 300);
        assertThat(second.get(10, 20)[0]).isEqualTo(30);
    }

    @Test
    void aPageTooLargeIsRefusedAndTheOthersRead(@TempDir Path dir) throws Exception {
        Path tiff = dir.resolve("bomb-inside.tif");
        TiffFiles.writeBombSecondPage(tiff);

        List<PageRef> pages = inspector.inspect(new SourceFile(tiff, SourceKind.IMAGE, dir));

        assertThat(pages).hasSize(2);
        assertThat(loader.loadUnchanged(pages.get(0)).cols()).isEqualTo(186);
        assertThatThrownBy(() -> loader.loadUnchanged(pages.get(1))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("too large").hasMessageContaining("100000x100000");
    }

    @Test
    void theLimitOnPagesCountsATiffsPages(@TempDir Path dir) throws Exception {
        Path tiff = dir.resolve("volume.tif");
        TiffFiles.write(tiff, 0.1, BadInputFiles.GOOD_PAGE, BadInputFiles.GOOD_PAGE, BadInputFiles.GOOD_PAGE);
        var tight = new SourceInspector(new InputLimits(limits.maxFileBytes(), limits.maxPixels(), 300, 2,
                limits.pageTime()));

        assertThatThrownBy(() -> tight.inspect(new SourceFile(tiff, SourceKind.IMAGE, dir)))
                .hasMessageContaining("too many pages");
    }
}
