package org.honkoku.ingest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The rest of the hostile-input corpus, beside {@link BadInputFiles}' first six: more cut-short and
 * mislabelled files, decompression bombs in every format, PDFs that are huge, empty or endless, and what a
 * shared scan folder holds besides files (a symbolic link loop, a broken link, a named pipe, a file or a
 * folder nobody may read, names in Japanese and in Shift-JIS). Each is real bytes or a real file-system
 * object; the map says which words its failure reason must contain.
 */
final class HostileInputFiles {

    /** Root reads files whatever their permissions (CAP_DAC_OVERRIDE): the permission cases need another user. */
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private HostileInputFiles() {
    }

    static void writeAll(Path dir, Map<String, String> expected) throws IOException {
        byte[] jpeg = Files.readAllBytes(BadInputFiles.GOOD_PAGE);
        byte[] png = BadInputFiles.samplePng();
        Files.write(dir.resolve("empty.pdf"), new byte[0]);
        expected.put("empty.pdf", "empty file");
        Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length * 3 / 5));
        expected.put("truncated.png", "truncated");
        Files.write(dir.resolve("header-only.jpg"), jpegHeaderOnly(jpeg));
        expected.put("header-only.jpg", "corrupt JPEG");
        Files.write(dir.resolve("garbled.png"), garbledPng(png));
        expected.put("garbled.png", "corrupt PNG");
        Files.write(dir.resolve("zero-size.png"), BadInputFiles.pngHeaderOnly(0, 0));
        expected.put("zero-size.png", "PNG");
        Files.write(dir.resolve("scan-is-a-pdf.jpg"), onePagePdf(new PDRectangle(200, 300)));
        expected.put("scan-is-a-pdf.jpg", "the content is a PDF");
        Files.writeString(dir.resolve("download-error.pdf"),
                "<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n");
        expected.put("download-error.pdf", "HTML page");
        Files.write(dir.resolve("jpeg-bomb.jpg"), jpegClaiming(jpeg, 65_000, 65_000));
        expected.put("jpeg-bomb.jpg", "too large");
        Files.write(dir.resolve("tiff-bomb.tif"), tiffHeaderOnly(100_000, 100_000));
        expected.put("tiff-bomb.tif", "too large");
        // 200 inches square: 60000 x 60000 pixels at 300 dpi
        Files.write(dir.resolve("giant-page.pdf"), onePagePdf(new PDRectangle(14_400, 14_400)));
        expected.put("giant-page.pdf", "PDF page too large");
        Files.write(dir.resolve("no-size-page.pdf"), onePagePdf(new PDRectangle(0, 0)));
        expected.put("no-size-page.pdf", "no size");
        Files.write(dir.resolve("no-pages.pdf"), pdfWithPages(0));
        expected.put("no-pages.pdf", "no pages");
        Files.write(dir.resolve("thousands-of-pages.pdf"), pdfWithPages(InputLimits.DEFAULT_MAX_PDF_PAGES + 500));
        expected.put("thousands-of-pages.pdf", "too many pages");
        // 600 MB that take no disk: a sparse file
        try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("huge.tif").toFile(), "rw")) {
            huge.setLength(600L << 20);
        }
        expected.put("huge.tif", "file too large");

        Files.createSymbolicLink(dir.resolve("loop"), dir);
        expected.put("loop", "symbolic link loop");
        Files.createSymbolicLink(dir.resolve("dangling.jpg"), dir.resolve("moved-away.jpg"));
        expected.put("dangling.jpg", "broken symbolic link");
        run(dir, "mkfifo", "pipe.jpg");
        expected.put("pipe.jpg", "not a regular file");
        Files.write(dir.resolve("壊れた頁.png"), Arrays.copyOf(png, png.length / 2));
        expected.put("壊れた頁.png", "truncated");
        // 日本.jpg in Shift-JIS bytes, as old Windows archives name files: made by the shell, since Java
        // cannot even spell such a name
        Files.write(dir.resolve("sjis-source.jpg"), jpeg);
        run(dir, "sh", "-c", "mv sjis-source.jpg \"$(printf '\\223\\372\\226\\173.jpg')\"");
        expected.put(nonUtf8Name(dir), "not valid UTF-8");
        if (!ROOT) {
            Path locked = Files.write(dir.resolve("unreadable.jpg"), jpeg);
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            expected.put("unreadable.jpg", "permission denied");
            Path closed = Files.createDirectory(dir.resolve("closed-folder"));
            Files.write(closed.resolve("inside.jpg"), jpeg);
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
            expected.put("closed-folder", "permission denied");
        }
    }

    /** The one file name in {@code dir} that is not valid UTF-8, as Java spells it (with U+FFFD). */
    static String nonUtf8Name(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> !SourceScanner.isUtf8Name(f)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no non-UTF-8 name in " + dir))
                    .getFileName().toString();
        }
    }

    /** A JPEG's markers up to its first scan, then straight to the end marker: a header with no image. */
    private static byte[] jpegHeaderOnly(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                byte[] out = Arrays.copyOf(jpeg, i + 2);
                out[i + 1] = (byte) 0xD9;
                return out;
            }
        }
        throw new IllegalStateException("no start of scan in the sample JPEG");
    }

    /** A PNG whose compressed pixels are overwritten with noise, its header and end intact. */
    private static byte[] garbledPng(byte[] png) {
        byte[] out = png.clone();
        java.util.Random noise = new java.util.Random(42);
        for (int i = 200; i < out.length - 200; i++) {
            out[i] = (byte) noise.nextInt(256);
        }
        return out;
    }

    /** The sample scan with its frame header (SOF) rewritten to claim width x height pixels. */
    private static byte[] jpegClaiming(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 8 < out.length; i++) {
            int marker = out[i + 1] & 0xFF;
            if ((out[i] & 0xFF) == 0xFF && (marker == 0xC0 || marker == 0xC1 || marker == 0xC2)) {
                ByteBuffer.wrap(out, i + 5, 4).putShort((short) height).putShort((short) width);
                return out;
            }
        }
        throw new IllegalStateException("no frame header in the sample JPEG");
    }

    /** A little-endian TIFF with one IFD: width, height, 8 bits, one strip of one byte. */
    private static byte[] tiffHeaderOnly(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 8 * 12 + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 8);
        entry(b, 256, 4, width);          // ImageWidth
        entry(b, 257, 4, height);         // ImageLength
        entry(b, 258, 3, 8);              // BitsPerSample
        entry(b, 259, 3, 1);              // Compression: none
        entry(b, 262, 3, 1);              // PhotometricInterpretation: black is zero
        entry(b, 273, 4, 8 + 2 + 8 * 12 + 4); // StripOffsets
        entry(b, 278, 4, height);         // RowsPerStrip
        entry(b, 279, 4, 1);              // StripByteCounts
        b.putInt(0);
        b.put((byte) 0);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    static byte[] onePagePdf(PDRectangle size) throws IOException {
        try (PDDocument doc = new PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            doc.addPage(new PDPage(size));
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] pdfWithPages(int pages) throws IOException {
        try (PDDocument doc = new PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                doc.addPage(new PDPage(PDRectangle.A4));
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
