package org.honkoku.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FontPackagesTest {

    /** The real package from the npm registry (the smallest of them, 350 kB): fetched, unpacked, decoded, drawn. */
    @Test
    void theHentaiganaPackageIsFetchedAndItsKanaDrawn(@TempDir Path cache) throws Exception {
        assumeTrue(onPath("npm"), "npm not installed");
        List<String> notes = new ArrayList<>();
        var only = FontPackages.PACKAGES.stream().filter(p -> p.name().equals("yuji-hentaigana-akebono")).toList();
        var fetched = FontPackages.ensure(cache, notes, only);
        assumeTrue(notes.isEmpty(), "npm registry not reachable: " + notes);

        List<Path> ttfs = fetched.get(only.get(0));
        assertThat(ttfs).hasSize(1);
        assertThat(ttfs.get(0).getFileName().toString()).endsWith("-japanese-400-normal.ttf");
        Path dir = ttfs.get(0).getParent();
        assertThat(dir.resolve("package.json")).content().contains("yuji-hentaigana-akebono");
        Font font = GlyphFonts.load(ttfs).get(0);
        for (char kana : "あかさたなはまやらわ".toCharArray()) {
            assertThat(GlyphFonts.draws(font, kana)).as("draws %s", kana).isTrue();
        }
        // a second call takes the cache and asks npm nothing
        long modified = Files.getLastModifiedTime(ttfs.get(0)).toMillis();
        assertThat(FontPackages.ensure(cache, notes, only).get(only.get(0))).isEqualTo(ttfs);
        assertThat(Files.getLastModifiedTime(ttfs.get(0)).toMillis()).isEqualTo(modified);
    }

    @Test
    void aPackageThatCannotBeFetchedIsNotedAndSkipped(@TempDir Path cache) throws Exception {
        assumeTrue(onPath("npm"), "npm not installed");
        List<String> notes = new ArrayList<>();
        var missing = List.of(new FontPackages.Package("no-such-font-honkoku-test", "0.0.1", "brush"));
        assertThat(FontPackages.ensure(cache, notes, missing)).isEmpty();
        assertThat(notes).singleElement().asString().contains("no-such-font-honkoku-test").contains("skipped");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
