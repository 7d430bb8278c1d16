package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A real page kept as JPEG 2000, as archives keep their masters: a JP2 file and a raw codestream are read as the
 * scan they hold; cut short, or claiming a size beyond the limit in their codestream, they fail with the reason.
 */
class Jpeg2000Test {

    private final InputLimits limits = InputLimits.defaults();
    private final PageImageLoader loader = new PageImageLoader(limits);
    private static Mat scan;

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
        scan = Imgcodecs.imread(BadInputFiles.GOOD_PAGE.toString(), Imgcodecs.IMREAD_GRAYSCALE);
    }

    @ParameterizedTest
    @ValueSource(strings = {".jp2", ".j2k"})
    void aPageKeptAsJpeg2000IsReadAsItsScan(String extension, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("master" + extension);
        Files.write(file, Jpeg2000Files.encode(extension));

        List<PageRef> pages = new SourceInspector(limits).inspect(file(file));
        Mat page = loader.loadUnchanged(pages.get(0));

        assertThat(pages).hasSize(1);
        assertThat(page.size()).isEqualTo(scan.size());
        Mat difference = new Mat();
        Core.absdiff(page, scan, difference);
        assertThat(Core.countNonZero(difference)).as("lossless JPEG 2000 gives the scan back").isZero();
        ImageHeader header = ImageHeader.read(Files.readAllBytes(file));
        assertThat(header.format()).isEqualTo(extension.equals(".jp2") ? "JP2" : "J2K");
        assertThat(header.isTruncated(Files.readAllBytes(file))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {".jp2", ".j2k"})
    void aFileCutShortFails(String extension, @TempDir Path dir) throws Exception {
        byte[] whole = Jpeg2000Files.encode(extension);
        for (int length : new int[] {whole.length / 2, whole.length - 2}) {
            Path file = dir.resolve("cut-" + length + extension);
            Files.write(file, Arrays.copyOf(whole, length));
            assertThatThrownBy(() -> loader.loadUnchanged(new SourceInspector(limits).inspect(file(file)).get(0)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void aCodestreamClaimingAHugeImageIsRefusedBeforeDecoding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bomb.jp2");
        Files.write(file, Jpeg2000Files.bomb(Jpeg2000Files.encode(".jp2")));

        assertThatThrownBy(() -> loader.loadUnchanged(new SourceInspector(limits).inspect(file(file)).get(0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("too large")
                .hasMessageContaining("100000x100000");
    }

    private static SourceFile file(Path file) {
        return new SourceFile(file, SourceKind.of(file).orElseThrow(), file.getParent());
    }
}
