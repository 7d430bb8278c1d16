package org.honkoku.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * What an image file's first bytes say about it, read without decoding the pixels: the format from
 * its magic number, the size from its header. Used to refuse non-images, truncated files and
 * decompression bombs before OpenCV allocates anything.
 */
record ImageHeader(String format, int width, int height) {

    static ImageHeader read(byte[] bytes) {
        String format = formatOf(bytes);
        if (format == null) {
            if (PdfSource.hasHeader(bytes)) {
                throw new BadInputException("not an image: the content is a PDF (wrong extension?)");
            }
            throw new BadInputException("not an image: the content is not JPEG, PNG, TIFF or JPEG 2000");
        }
        if (format.equals("JP2") || format.equals("J2K")) {
            return Jpeg2000.header(bytes, format);
        }
        // in memory, never ImageIO's default file-cached stream: a JDK shutdown hook closes those, and a page read
        // while a run stops on SIGTERM would fail as a corrupt image
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadInputException("no reader for this " + format + " image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new ImageHeader(format, reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw new BadInputException("corrupt " + format + " header: " + e.getMessage(), e);
        }
    }

    long pixels() {
        return (long) width * height;
    }

    /**
     * A JPEG must end with its end-of-image marker, a PNG with its IEND chunk and a JPEG 2000 codestream with its
     * EOC marker; libjpeg, libpng and OpenJPEG only warn about a missing end and hand back a page that is grey (or
     * blurred) below the cut, which would be transcribed as if it were whole.
     */
    boolean isTruncated(byte[] bytes) {
        return switch (format) {
            case "JPEG" -> lastIndexOf(bytes, new byte[] {(byte) 0xFF, (byte) 0xD9}, 4096) < 0;
            case "PNG" -> lastIndexOf(bytes, new byte[] {'I', 'E', 'N', 'D'}, 64) < 0;
            case "JP2", "J2K" -> Jpeg2000.isTruncated(bytes, format);
            default -> false;
        };
    }

    static String formatOf(byte[] b) {
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return "JPEG";
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "PNG";
        }
        if (startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42)) {
            return "TIFF";
        }
        return Jpeg2000.formatOf(b);
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Position of {@code needle} within the last {@code window} bytes (trailing padding allowed). */
    private static int lastIndexOf(byte[] hay, byte[] needle, int window) {
        int from = Math.max(0, hay.length - window);
        for (int i = hay.length - needle.length; i >= from; i--) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = hay[i + j] == needle[j];
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }
}
