package org.honkoku.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlyphFontsTest {

    @TempDir
    Path dir;

    @Test
    void theFontsThatAreNotInstalledAreNamedWithThePackagesToInstall() throws Exception {
        Path installed = Files.createFile(dir.resolve("installed.ttf"));
        Path absent = dir.resolve("absent.ttf");
        Path alsoAbsent = dir.resolve("also-absent.ttf");

        List<Path> missing = GlyphFonts.missing(List.of(absent, installed, alsoAbsent));

        assertThat(missing).containsExactly(absent, alsoAbsent);
        String warning = GlyphFonts.missingWarning(List.of(absent, installed, alsoAbsent));
        assertThat(warning).startsWith("WARNING: 2 of the 3 fonts are not installed")
                .contains("absent.ttf, also-absent.ttf").doesNotContain("installed.ttf")
                .contains("apt-get install " + GlyphFonts.DEBIAN_PACKAGES);
        assertThat(GlyphFonts.missingWarning(List.of(installed))).isEmpty();
    }

    @Test
    void everyFontTrainingDrawsFromIsLookedFor() {
        List<Path> all = GlyphFonts.all();

        assertThat(all).doesNotHaveDuplicates().contains(GlyphFonts.VALIDATION)
                .containsAll(GlyphFonts.HANDWRITING).containsAll(GlyphFonts.PRINT).containsAll(GlyphFonts.HENTAIGANA)
                .hasSize(GlyphFonts.HANDWRITING.size() + GlyphFonts.PRINT.size() + GlyphFonts.HENTAIGANA.size() + 1);
        // each font's Debian package is in the line the warning gives
        for (String folder : List.of("kouzan-mouhitsu", "aoyagi-soseki", "aoyagi-kouzan-t", "seto", "kiloji", "klee",
                "ipamj", "hanazono", "dejima-mincho", "oradano-mincho")) {
            assertThat(all).anyMatch(p -> p.getParent().getFileName().toString().equals(folder));
            assertThat(GlyphFonts.DEBIAN_PACKAGES).contains("fonts-" + folder);
        }
    }
}
