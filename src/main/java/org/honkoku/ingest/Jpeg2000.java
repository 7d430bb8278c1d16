package org.honkoku.ingest;

/**
 * What a JPEG 2000 file says about itself before its pixels are decoded: where its codestream lies (a JP2 file
 * wraps it in boxes, a raw {@code .j2k} codestream is the file), the image's size from the codestream's SIZ marker —
 * the size OpenJPEG will decode, whatever a JP2 header box claims — and whether the codestream ends with its EOC
 * marker. Archives keep their masters as JP2; a file cut short in transfer is decoded by OpenJPEG as far as it goes,
 * without an error, so it is refused here, as a JPEG without its end marker is.
 */
final class Jpeg2000 {

    private static final int[] JP2_SIGNATURE = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A};
    private static final int[] CODESTREAM = {0xFF, 0x4F, 0xFF, 0x51}; // SOC, then SIZ
    /** A raw codestream may be followed by a few bytes of padding after its EOC marker. */
    private static final int PADDING = 64;

    private Jpeg2000() {
    }

    /** "JP2" for a JP2 file, "J2K" for a raw codestream, else null. */
    static String formatOf(byte[] b) {
        if (startsWith(b, 0, JP2_SIGNATURE)) {
            return "JP2";
        }
        return startsWith(b, 0, CODESTREAM) ? "J2K" : null;
    }

    static ImageHeader header(byte[] b, String format) {
        int start = codestream(b, format)[0];
        if (!startsWith(b, start, CODESTREAM) || start + 24 > b.length) {
            throw new BadInputException("corrupt " + format + ": its codestream has no image size (SIZ)");
        }
        // SOC (2), SIZ (2), Lsiz (2), Rsiz (2), then Xsiz, Ysiz, XOsiz, YOsiz: the image area is [XOsiz, Xsiz)
        long width = u32(b, start + 8) - u32(b, start + 16);
        long height = u32(b, start + 12) - u32(b, start + 20);
        if (width <= 0 || height <= 0) {
            return new ImageHeader(format, 0, 0);
        }
        // a size beyond any limit stays beyond it (and is refused as too large)
        return new ImageHeader(format, (int) Math.min(width, Integer.MAX_VALUE), (int) Math.min(height, Integer.MAX_VALUE));
    }

    /** Whether the file ends before its codestream's EOC marker (0xFFD9) does. */
    static boolean isTruncated(byte[] b, String format) {
        int[] range;
        try {
            range = codestream(b, format);
        } catch (BadInputException cut) {
            return true;
        }
        int end = range[1];
        int from = "J2K".equals(format) ? Math.max(range[0], end - PADDING) : end - 2;
        for (int i = end - 2; i >= from; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return false;
            }
        }
        return true;
    }

    /**
     * The codestream's first byte and end: a JP2 file's contiguous codestream box ({@code jp2c}), found by walking the
     * top-level boxes; the whole file for a raw codestream.
     */
    private static int[] codestream(byte[] b, String format) {
        if ("J2K".equals(format)) {
            return new int[] {0, b.length};
        }
        long at = 0;
        while (at + 8 <= b.length) {
            long length = u32(b, (int) at);
            String type = new String(b, (int) at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int header = 8;
            if (length == 1) {
                if (at + 16 > b.length) {
                    break;
                }
                length = (u32(b, (int) at + 8) << 32) | u32(b, (int) at + 12);
                header = 16;
            } else if (length == 0) {
                length = b.length - at; // the last box: to the end of the file
            }
            if (length < header) {
                throw new BadInputException("corrupt JP2: a box of " + length + " bytes at byte " + at);
            }
            if (at + length > b.length) {
                throw new BadInputException("truncated JP2: the file ends inside its '" + type.strip() + "' box");
            }
            if (type.equals("jp2c")) {
                return new int[] {(int) at + header, (int) (at + length)};
            }
            at += length;
        }
        throw new BadInputException("corrupt JP2: it holds no codestream (jp2c box)");
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    private static boolean startsWith(byte[] b, int at, int[] magic) {
        if (at < 0 || b.length - at < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[at + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
