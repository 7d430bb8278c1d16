package org.honkoku.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.honkoku.Defaults;
import org.honkoku.NpmPack;

/**
 * Brush fonts served as npm packages (Fontsource, SIL Open Font License 1.1), fetched by training's set-up with
 * {@code npm pack} into a cache folder and decoded from WOFF 1.0 ({@link Woff}) into TrueType files that
 * {@link GlyphFonts} loads. Nothing is committed: the cache is built on the machine that trains. A package ships
 * either one {@code *-japanese-400-normal.woff} or its Japanese glyphs split over numbered subsets
 * ({@code *-0-400-normal.woff} ...); the latin, cyrillic and greek files are not taken. Each package's folder in
 * the cache keeps its {@code LICENSE} (when the package has one) and its {@code package.json}.
 */
final class FontPackages {

    /** A package and how its glyphs are labelled. */
    record Package(String name, String version, String use) {
        String spec() {
            return "@fontsource/" + name + "@" + version;
        }
    }

    /**
     * Brush and brush-pen handwriting (kana and kanji as drawn), and Yuji Hentaigana Akebono, which draws a
     * hentaigana form on each modern kana code point (あ as 阿, か as 可 ...): its glyphs are labelled with the
     * kana of their code point like any other font's, which is exactly what the hentaigana are read as.
     */
    static final List<Package> PACKAGES = List.of(
            new Package("yuji-syuku", "5.3.0", "brush"),
            new Package("yuji-boku", "5.3.0", "brush"),
            new Package("yuji-mai", "5.3.0", "brush"),
            new Package("zen-kurenaido", "5.3.0", "brush pen"),
            new Package("yuji-hentaigana-akebono", "4.5.8", "hentaigana on the kana code points"));

    private static final String DONE = ".fetched";

    private FontPackages() {
    }

    /** Where the decoded fonts are kept: {@code fonts/} beside the models of the installation. */
    static Path defaultCache() {
        return Defaults.dataFolder("fonts");
    }

    /**
     * The TrueType files of every package, fetching and decoding the ones not yet in {@code cache}. A package that
     * cannot be fetched (no npm, no registry) is reported in {@code notes} and skipped, as an uninstalled Debian
     * font is.
     */
    static Map<Package, List<Path>> ensure(Path cache, List<String> notes) throws IOException {
        return ensure(cache, notes, PACKAGES);
    }

    static Map<Package, List<Path>> ensure(Path cache, List<String> notes, List<Package> packages) throws IOException {
        Map<Package, List<Path>> out = new LinkedHashMap<>();
        for (Package p : packages) {
            Path dir = cache.resolve(p.name() + "-" + p.version());
            if (!Files.exists(dir.resolve(DONE))) {
                try {
                    fetch(p, dir);
                } catch (IOException e) {
                    notes.add("font package " + p.spec() + " not fetched, skipped: " + e.getMessage());
                    continue;
                }
            }
            out.put(p, ttfs(dir));
        }
        return out;
    }

    static List<Path> ttfs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".ttf")).sorted(Comparator.naturalOrder()).toList();
        }
    }

    /** {@code npm pack} of one package, then its Japanese WOFF files decoded into {@code dir}. */
    private static void fetch(Package p, Path dir) throws IOException {
        Map<String, byte[]> files = NpmPack.fetch(p.spec());
        Files.createDirectories(dir);
        unpack(files, dir);
        Files.writeString(dir.resolve(DONE), p.spec() + "\n");
    }

    /** Decodes the package's Japanese WOFF 1.0 files into {@code dir}, with its licence and package.json. */
    static void unpack(Map<String, byte[]> files, Path dir) throws IOException {
        List<String> japanese = new ArrayList<>();
        List<String> subsets = new ArrayList<>();
        for (String name : files.keySet()) {
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (!name.startsWith("package/files/") || !base.endsWith("-400-normal.woff")) {
                continue;
            }
            if (base.endsWith("-japanese-400-normal.woff")) {
                japanese.add(name);
            } else if (base.matches(".*-\\d+-400-normal\\.woff")) {
                subsets.add(name);
            }
        }
        List<String> chosen = japanese.isEmpty() ? subsets : japanese;
        if (chosen.isEmpty()) {
            throw new IOException("the package holds no Japanese WOFF 1.0 file");
        }
        for (String name : chosen) {
            String base = name.substring(name.lastIndexOf('/') + 1);
            Path out = dir.resolve(base.replaceAll("\\.woff$", ".ttf"));
            Path part = dir.resolve(base + ".part");
            Files.write(part, Woff.toSfnt(files.get(name)));
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        for (String keep : List.of("package/LICENSE", "package/package.json")) {
            if (files.containsKey(keep)) {
                Files.write(dir.resolve(keep.substring("package/".length())), files.get(keep));
            }
        }
    }
}
