package org.honkoku.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

/**
 * Writes the broken and hostile files of the bad-input tests, each made from real bytes the way
 * they turn up in archives: a scan cut short in transfer, an empty file, a text file with an image's
 * name, a password-protected PDF, a PDF whose cross-reference table is garbage, and a PNG whose header
 * claims 100000x100000 pixels (a decompression bomb), a JPEG 2000 master cut short and one whose codestream claims
 * 100000x100000 pixels; then the rest of the corpus
 * ({@link HostileInputFiles}: 19 more, 21 when not run as root).
 */
public final class BadInputFiles {

    public static final Path GOOD_PAGE = Path.of("samples/hnsd001-011.jpg");

    private BadInputFiles() {
    }

    /** File name -> the words its failure reason must contain. */
    public static Map<String, String> writeAll(Path dir) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        byte[] jpeg = Files.readAllBytes(GOOD_PAGE);
        Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        expected.put("truncated.jpg", "truncated");
        Files.write(dir.resolve("empty.jpg"), new byte[0]);
        expected.put("empty.jpg", "empty file");
        Files.writeString(dir.resolve("notes.png"), "These are my notes, not a scan.\n");
        expected.put("notes.png", "not an image");
        writeEncryptedPdf(dir.resolve("encrypted.pdf"));
        expected.put("encrypted.pdf", "password");
        Files.write(dir.resolve("broken-xref.pdf"), brokenXrefPdf());
        expected.put("broken-xref.pdf", "PDF");
        Files.write(dir.resolve("bomb.png"), pngHeaderOnly(100_000, 100_000));
        expected.put("bomb.png", "too large");
        PdfImageFiles.write(dir.resolve("undrawable-scan.pdf"), "not a JPEG at all".getBytes(StandardCharsets.US_ASCII),
                org.apache.pdfbox.cos.COSName.DCT_DECODE, 400, 600);
        expected.put("undrawable-scan.pdf", "cannot be drawn");
        TiffFiles.writeLooping(dir.resolve("looping.tif"));
        expected.put("looping.tif", "loops back");
        byte[] jp2 = Jpeg2000Files.encode(".jp2");
        Files.write(dir.resolve("truncated.jp2"), Arrays.copyOf(jp2, jp2.length * 2 / 3));
        expected.put("truncated.jp2", "truncated");
        Files.write(dir.resolve("bomb.jp2"), Jpeg2000Files.bomb(jp2));
        expected.put("bomb.jp2", "too large");
        HostileInputFiles.writeAll(dir, expected);
        return expected;
    }

    /** The good page re-encoded as PNG (new bytes, so a new page identity). */
    public static byte[] samplePng() {
        org.honkoku.OpenCvLoader.load();
        org.opencv.core.Mat scan = org.opencv.imgcodecs.Imgcodecs.imread(GOOD_PAGE.toString(),
                org.opencv.imgcodecs.Imgcodecs.IMREAD_GRAYSCALE);
        org.opencv.core.MatOfByte png = new org.opencv.core.MatOfByte();
        org.opencv.imgcodecs.Imgcodecs.imencode(".png", scan, png);
        byte[] bytes = png.toArray();
        scan.release();
        png.release();
        return bytes;
    }

    static void writeEncryptedPdf(Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(file.toFile());
        }
    }

    /** A PDF whose catalog points at a page tree that does not exist, behind a garbage xref table. */
    static byte[] brokenXrefPdf() {
        String pdf = """
                %PDF-1.4
                1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                xref
                0 3
                0000000000 65535 f
                00000zz009 00000 n
                0000099999 00000 n
                trailer << /Size 3 /Root 1 0 R >>
                startxref
                123456
                %%EOF
                """;
        return pdf.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A valid PNG signature and IHDR for a huge grayscale image, then a few bytes of pixel data. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1024]);
        deflater.finish();
        byte[] idat = new byte[64];
        int n = deflater.deflate(idat);
        chunk(out, "IDAT", Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
