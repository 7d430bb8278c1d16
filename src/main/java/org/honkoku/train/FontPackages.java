package org.honkoku.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

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
        return Path.of(System.getProperty("honkoku.home", "."), "data", "fonts");
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

    /** {@code npm pack} of one package into a temporary folder, then its Japanese WOFF files decoded into {@code dir}. */
    private static void fetch(Package p, Path dir) throws IOException {
        Path tmp = Files.createTempDirectory("honkoku-npm-");
        try {
            Process npm = new ProcessBuilder("npm", "pack", p.spec(), "--pack-destination", tmp.toString(), "--silent")
                    .redirectErrorStream(true).start();
            String said = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IOException("npm pack " + p.spec() + " failed: " + said);
            }
            Path tgz;
            try (Stream<Path> s = Files.list(tmp)) {
                tgz = s.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack " + p.spec() + " wrote no .tgz"));
            }
            Files.createDirectories(dir);
            unpack(tgz, dir);
            Files.writeString(dir.resolve(DONE), p.spec() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + p.spec(), e);
        } finally {
            org.honkoku.Folders.deleteTree(tmp);
        }
    }

    /** Decodes the package's Japanese WOFF 1.0 files into {@code dir}, with its licence and package.json. */
    static void unpack(Path tgz, Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            Tar.forEach(in, (name, bytes) -> files.put(name, bytes));
        }
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
            throw new IOException(tgz.getFileName() + " holds no Japanese WOFF 1.0 file");
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

    /** The few lines of a ustar reader that an npm tarball needs: regular files, their names and bytes. */
    static final class Tar {
        interface Entry {
            void accept(String name, byte[] bytes) throws IOException;
        }

        private Tar() {
        }

        static void forEach(InputStream in, Entry entry) throws IOException {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    return; // the end-of-archive blocks
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).isEmpty() ? "0" : field(header, 124, 12), 8);
                if (size < 0 || size > Integer.MAX_VALUE - 1024) {
                    throw new IOException("tar entry " + name + " has a bad size");
                }
                byte type = header[156];
                ByteArrayOutputStream body = new ByteArrayOutputStream((int) size);
                body.write(in.readNBytes((int) size));
                if (body.size() != size) {
                    throw new IOException("truncated tar entry " + name);
                }
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (type == '0' || type == 0) {
                    entry.accept(prefix.isEmpty() ? name : prefix + "/" + name, body.toByteArray());
                }
            }
        }

        private static String field(byte[] header, int from, int length) {
            int end = from;
            while (end < from + length && header[end] != 0) {
                end++;
            }
            return new String(header, from, end - from, StandardCharsets.UTF_8).strip();
        }
    }
}
