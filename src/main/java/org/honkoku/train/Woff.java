package org.honkoku.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a WOFF 1.0 file (W3C, "WOFF File Format 1.0") into the TrueType / OpenType font it wraps, which
 * {@link java.awt.Font#createFont} reads: a 44-byte header, a directory of 20-byte entries (tag, offset,
 * compressed length, original length, checksum), and each table either stored as is or as a zlib stream when
 * its compressed length is below its original one. The sfnt is rebuilt with its offset table, the directory in
 * the same (tag) order and every table padded to four bytes. WOFF2 (Brotli and transformed tables) is not read.
 */
final class Woff {

    static final int SIGNATURE = 0x774F4646; // 'wOFF'
    private static final int HEADER = 44;
    private static final int ENTRY = 20;

    private Woff() {
    }

    /** The font inside a WOFF 1.0 file's bytes. */
    static byte[] toSfnt(byte[] woff) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(woff);
        if (woff.length < HEADER || in.getInt(0) != SIGNATURE) {
            throw new IOException("not a WOFF 1.0 file (no wOFF signature)");
        }
        int flavor = in.getInt(4);
        int declaredLength = in.getInt(8);
        int numTables = Short.toUnsignedInt(in.getShort(12));
        if (declaredLength != woff.length || numTables == 0 || HEADER + (long) numTables * ENTRY > woff.length) {
            throw new IOException("truncated or damaged WOFF file (" + woff.length + " bytes, header says "
                    + declaredLength + ", " + numTables + " tables)");
        }
        int[] tags = new int[numTables];
        int[] checksums = new int[numTables];
        byte[][] tables = new byte[numTables][];
        for (int i = 0; i < numTables; i++) {
            int e = HEADER + i * ENTRY;
            tags[i] = in.getInt(e);
            int offset = in.getInt(e + 4);
            int compLength = in.getInt(e + 8);
            int origLength = in.getInt(e + 12);
            checksums[i] = in.getInt(e + 16);
            if (offset < 0 || compLength < 0 || origLength < 0 || (long) offset + compLength > woff.length
                    || compLength > origLength) {
                throw new IOException("WOFF table " + tag(tags[i]) + " lies outside the file");
            }
            tables[i] = compLength == origLength ? java.util.Arrays.copyOfRange(woff, offset, offset + compLength)
                    : inflate(woff, offset, compLength, origLength, tags[i]);
        }
        return sfnt(flavor, tags, checksums, tables);
    }

    private static byte[] inflate(byte[] woff, int offset, int length, int expected, int tag) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(woff, offset, length);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected && !inflater.finished()) {
                int got = inflater.inflate(out, n, expected - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != expected) {
                throw new IOException("WOFF table " + tag(tag) + " inflates to " + n + " bytes, not " + expected);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IOException("WOFF table " + tag(tag) + " is not a valid zlib stream", e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] sfnt(int flavor, int[] tags, int[] checksums, byte[][] tables) {
        int n = tags.length;
        int entrySelector = 31 - Integer.numberOfLeadingZeros(n);
        int searchRange = (1 << entrySelector) * 16;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(12 + 16 * n);
        head.putInt(flavor).putShort((short) n).putShort((short) searchRange).putShort((short) entrySelector)
                .putShort((short) (n * 16 - searchRange));
        int offset = 12 + 16 * n;
        for (int i = 0; i < n; i++) {
            head.putInt(tags[i]).putInt(checksums[i]).putInt(offset).putInt(tables[i].length);
            offset += padded(tables[i].length);
        }
        out.writeBytes(head.array());
        for (byte[] t : tables) {
            out.writeBytes(t);
            out.writeBytes(new byte[padded(t.length) - t.length]);
        }
        return out.toByteArray();
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    private static String tag(int tag) {
        return new String(new char[]{(char) (tag >>> 24), (char) ((tag >>> 16) & 0xFF), (char) ((tag >>> 8) & 0xFF),
                (char) (tag & 0xFF)});
    }
}
