package org.honkoku.train;

import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WoffTest {

    private static final Path TTF = GlyphFonts.HANDWRITING.get(3); // aoyagi-soseki

    @Test
    void aWoffMadeFromAFontDecodesToTheSameTablesAndGlyphs() throws Exception {
        assumeTrue(Files.isRegularFile(TTF), "fonts not installed");
        byte[] ttf = Files.readAllBytes(TTF);
        byte[] sfnt = Woff.toSfnt(woff(ttf));

        assertThat(tables(sfnt)).isEqualTo(tables(ttf));
        Font original = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(ttf)).deriveFont(64f);
        Font decoded = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(sfnt)).deriveFont(64f);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        for (String s : new String[]{"あ", "候", "の"}) {
            assertThat(decoded.createGlyphVector(frc, s).getGlyphOutline(0).getBounds2D())
                    .isEqualTo(original.createGlyphVector(frc, s).getGlyphOutline(0).getBounds2D());
        }
        assertThat(GlyphFonts.draws(decoded, 'あ')).isTrue();
    }

    @Test
    void damagedFilesAreRefusedWithAReason() throws Exception {
        assumeTrue(Files.isRegularFile(TTF), "fonts not installed");
        byte[] woff = woff(Files.readAllBytes(TTF));
        assertThatThrownBy(() -> Woff.toSfnt(Arrays.copyOf(woff, woff.length - 100)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> Woff.toSfnt("not a font at all, just some text of forty-four+ bytes".getBytes()))
                .hasMessageContaining("wOFF");
        byte[] broken = woff.clone();
        int firstTable = ByteBuffer.wrap(broken).getInt(44 + 4);
        Arrays.fill(broken, firstTable, firstTable + 8, (byte) 0x55); // the first table's zlib stream
        assertThatThrownBy(() -> Woff.toSfnt(broken)).hasMessageContaining("WOFF table");
    }

    /** Each table of an sfnt: tag -> its bytes, by the directory. */
    private static java.util.Map<String, String> tables(byte[] sfnt) {
        ByteBuffer b = ByteBuffer.wrap(sfnt);
        int n = Short.toUnsignedInt(b.getShort(4));
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            int e = 12 + 16 * i;
            int offset = b.getInt(e + 8);
            int length = b.getInt(e + 12);
            out.put(new String(sfnt, e, 4), Arrays.hashCode(Arrays.copyOfRange(sfnt, offset, offset + length)) + ":"
                    + length);
        }
        return out;
    }

    /** A WOFF 1.0 file of a TrueType font, every table zlib-compressed when that makes it smaller (as the spec says). */
    static byte[] woff(byte[] ttf) {
        ByteBuffer in = ByteBuffer.wrap(ttf);
        int n = Short.toUnsignedInt(in.getShort(4));
        byte[][] data = new byte[n][];
        int[] orig = new int[n];
        ByteBuffer dir = ByteBuffer.allocate(20 * n);
        int offset = 44 + 20 * n;
        for (int i = 0; i < n; i++) {
            int e = 12 + 16 * i;
            int tOff = in.getInt(e + 8);
            orig[i] = in.getInt(e + 12);
            byte[] raw = Arrays.copyOfRange(ttf, tOff, tOff + orig[i]);
            Deflater d = new Deflater();
            d.setInput(raw);
            d.finish();
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!d.finished()) {
                z.write(buf, 0, d.deflate(buf));
            }
            d.end();
            data[i] = z.size() < raw.length ? z.toByteArray() : raw;
            dir.putInt(in.getInt(e)).putInt(offset).putInt(data[i].length).putInt(orig[i]).putInt(in.getInt(e + 4));
            offset += (data[i].length + 3) & ~3;
        }
        ByteBuffer out = ByteBuffer.allocate(offset);
        out.putInt(Woff.SIGNATURE).putInt(in.getInt(0)).putInt(offset).putShort((short) n).putShort((short) 0)
                .putInt(ttf.length).putShort((short) 1).putShort((short) 0).putInt(0).putInt(0).putInt(0).putInt(0)
                .putInt(0);
        out.put(dir.array());
        for (byte[] t : data) {
            out.put(t);
            out.position((out.position() + 3) & ~3);
        }
        return out.array();
    }
}
