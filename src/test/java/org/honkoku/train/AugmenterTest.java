package org.honkoku.train;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AugmenterTest {

    private static final Random SHAPES = new Random(5);

    @Test
    void distortsEveryFontRenderingButKeepsItACenteredCharacter() {
        Augmenter augmenter = new Augmenter(new Random(1));
        byte[] ring = SyntheticData.shape(2, SHAPES);
        byte[] original = ring.clone();
        for (int i = 0; i < 50; i++) {
            byte[] out = augmenter.apply(ring, true, SyntheticData.shape(0, SHAPES));
            assertThat(out).hasSize(64 * 64).isNotEqualTo(ring);
            assertThat(SyntheticGlyphsTest.inkPixels(out)).isGreaterThan(80);
            // framed like inference: the ink touches two opposite edges of the 64x64 square
            assertThat(touchesTopAndBottom(out) || touchesLeftAndRight(out)).isTrue();
        }
        assertThat(ring).isEqualTo(original);
    }

    @Test
    void isRepeatableForASeedAndLeavesSomeRealCropsAsTheyAre() {
        byte[] bar = SyntheticData.shape(1, SHAPES);
        Augmenter a = new Augmenter(new Random(7));
        Augmenter b = new Augmenter(new Random(7));
        int unchanged = 0;
        for (int i = 0; i < 200; i++) {
            byte[] x = a.apply(bar, false, bar);
            assertThat(x).isEqualTo(b.apply(bar, false, bar));
            unchanged += Arrays.equals(x, bar) ? 1 : 0;
        }
        assertThat(unchanged).isBetween(5, 45); // about one in ten
    }

    @Test
    void sideMarksPutAReadingOrADotBesideTheCharacter() {
        // a vertical bar is narrow; a mark beside it widens the ink that the framing keeps
        Augmenter plain = new Augmenter(new Random(3), 0);
        Augmenter marked = new Augmenter(new Random(3), 1);
        double plainWidth = 0;
        double markedWidth = 0;
        int n = 60;
        for (int i = 0; i < n; i++) {
            byte[] bar = SyntheticData.shape(1, SHAPES);
            byte[] reading = SyntheticData.shape(2, SHAPES);
            plainWidth += inkColumns(plain.apply(bar, true, reading));
            markedWidth += inkColumns(marked.apply(bar, true, reading));
        }
        assertThat(markedWidth / n).isGreaterThan(plainWidth / n + 8);
    }

    private static int inkColumns(byte[] image) {
        int n = 0;
        for (int x = 0; x < 64; x++) {
            n += colHasInk(image, x) ? 1 : 0;
        }
        return n;
    }

    private static boolean touchesTopAndBottom(byte[] image) {
        return rowHasInk(image, 0) && rowHasInk(image, 63);
    }

    private static boolean touchesLeftAndRight(byte[] image) {
        return colHasInk(image, 0) && colHasInk(image, 63);
    }

    private static boolean rowHasInk(byte[] image, int row) {
        for (int x = 0; x < 64; x++) {
            if ((image[row * 64 + x] & 0xFF) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean colHasInk(byte[] image, int col) {
        for (int y = 0; y < 64; y++) {
            if ((image[y * 64 + col] & 0xFF) > 0) {
                return true;
            }
        }
        return false;
    }
}
