package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/**
 * Each bad file of the hostile-input corpus is refused with a reason that names what is wrong with it,
 * whichever stage notices: the folder walk, opening it (ingest) or decoding it (load). A good page next to
 * them loads whole.
 */
class BadInputTest {

    private final InputLimits limits = InputLimits.defaults();
    private final SourceInspector inspector = new SourceInspector(limits);
    private final PageImageLoader loader = new PageImageLoader(limits);

    @Test
    void everyBadFileFailsWithItsReason(@TempDir Path dir) throws Exception {
        Map<String, String> expected = BadInputFiles.writeAll(dir);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(HostileInputFiles.ROOT ? 27 : 29);
        // as the job finds them: by walking the folder (the link loop, the pipe, the odd names included)
        Map<String, SourceFile> found = new HashMap<>();
        for (SourceFile file : new SourceScanner().scan(List.of(dir))) {
            found.put(file.path().getFileName().toString(), file);
        }
        for (var entry : expected.entrySet()) {
            SourceFile source = found.get(entry.getKey());
            assertThat(source).as("%s found by the folder walk", entry.getKey()).isNotNull();
            assertThatThrownBy(() -> inspector.inspect(source).forEach(loader::loadUnchanged))
                    .as(entry.getKey())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(entry.getValue());
        }
    }

    @Test
    void unreadableFileIsRefusedAsSuch(@TempDir Path dir) throws Exception {
        // Root reads a file whatever its mode, so this can only be shown as another user (CI as root skips it;
        // the reason is then a plain read error, which the job records the same way).
        Assumptions.assumeFalse(HostileInputFiles.ROOT, "running as root: file permissions do not apply");
        Path file = Files.copy(BadInputFiles.GOOD_PAGE, dir.resolve("locked.jpg"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(() -> inspector.inspect(new SourceFile(file, SourceKind.IMAGE, dir)))
                .hasMessageContaining("permission denied");
    }

    @Test
    void aReplacedFileIsNotTranscribedUnderItsOldIdentity(@TempDir Path dir) throws Exception {
        Path file = Files.copy(BadInputFiles.GOOD_PAGE, dir.resolve("page.jpg"));
        PageRef registered = inspector.inspect(new SourceFile(file, SourceKind.IMAGE, dir)).get(0);
        Files.write(file, BadInputFiles.samplePng());
        assertThatThrownBy(() -> loader.loadUnchanged(registered)).hasMessageContaining("changed");
    }

    @Test
    void pdfPageLimitIsConfigurable() {
        Path pdf = Path.of("samples/three-pages.pdf").toAbsolutePath();
        var tight = new SourceInspector(new InputLimits(limits.maxFileBytes(), limits.maxPixels(), 300, 2,
                limits.pageTime()));
        assertThatThrownBy(() -> tight.inspect(new SourceFile(pdf, SourceKind.PDF, pdf)))
                .hasMessageContaining("too many pages: 3, limit 2");
    }

    @Test
    void goodPageLoadsAtItsFullSize() throws Exception {
        Path file = BadInputFiles.GOOD_PAGE.toAbsolutePath();
        List<PageRef> pages = inspector.inspect(new SourceFile(file, SourceKind.IMAGE, file.getParent()));
        assertThat(pages).hasSize(1);
        assertThat(pages.get(0).sha256()).hasSize(64);
        assertThat(pages.get(0).imageId()).isEqualTo("hnsd001-011");
        Mat page = loader.load(pages.get(0));
        assertThat(page.cols()).isEqualTo(1857);
        assertThat(page.rows()).isEqualTo(2903);
        assertThat(page.channels()).isEqualTo(1);
    }

    @Test
    void pdfPagesAreRenderedAt300Dpi() {
        Path pdf = Path.of("samples/three-pages.pdf").toAbsolutePath();
        List<PageRef> pages = inspector.inspect(new SourceFile(pdf, SourceKind.PDF, pdf));
        assertThat(pages).extracting(PageRef::imageId)
                .containsExactly("three-pages_p001", "three-pages_p002", "three-pages_p003");
        Mat third = loader.load(pages.get(2));
        // the sample PDF places each scan at 300 dpi, so rendering gives back its pixel size
        assertThat(third.cols()).isBetween(1855, 1859);
        assertThat(third.rows()).isBetween(2901, 2905);
    }

    @Test
    void sizeLimitIsCheckedBeforeReading(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("page.jpg");
        Files.copy(BadInputFiles.GOOD_PAGE, file);
        var tight = new SourceInspector(new InputLimits(1000, limits.maxPixels(), 300));
        assertThatThrownBy(() -> tight.inspect(new SourceFile(file, SourceKind.IMAGE, dir)))
                .hasMessageContaining("file too large");
    }
}
