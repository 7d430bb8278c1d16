package org.honkoku;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Packages from the npm registry, fetched with the machine's {@code npm pack} (so its registry and proxy settings
 * apply) and read in memory: the brush fonts training draws from, Mirador for the IIIF viewer. Nothing fetched
 * is committed; callers keep what they need in a cache folder.
 */
public final class NpmPack {

    private NpmPack() {
    }

    /** The files of package {@code spec} ({@code name@version}), by their path in the tarball ({@code package/...}). */
    public static Map<String, byte[]> fetch(String spec) throws IOException {
        Path tmp = Files.createTempDirectory("honkoku-npm-");
        try {
            Process npm = new ProcessBuilder("npm", "pack", spec, "--pack-destination", tmp.toString(), "--silent")
                    .redirectErrorStream(true).start();
            String said = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IOException("npm pack " + spec + " failed: " + said);
            }
            Path tgz;
            try (Stream<Path> s = Files.list(tmp)) {
                tgz = s.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack " + spec + " wrote no .tgz"));
            }
            return files(tgz);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + spec, e);
        } finally {
            Folders.deleteTree(tmp);
        }
    }

    /** The regular files of an npm tarball (gzipped ustar). */
    public static Map<String, byte[]> files(Path tgz) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            Tar.forEach(in, files::put);
        }
        return files;
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
