package org.honkoku.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnFinderTest {

    /**
     * A page of specks (ink too faint to binarise whole) measures a character width under 3 pixels; the split
     * then cut a band at its own edge and called itself on the same band until the stack ran out
     * (StackOverflowError, seen on a page at a fifth of its contrast).
     */
    @Test
    void aWideBandOfTinyCharactersIsSplitIntoNarrowOnes() {
        double[] cover = new double[300];
        Arrays.fill(cover, 1.0);
        List<int[]> out = new ArrayList<>();

        ColumnFinder.splitWide(cover, new int[] {0, 300}, 2.0, out);

        assertThat(out).isNotEmpty().allSatisfy(b -> assertThat(b[1] - b[0]).isBetween(1, 4));
        assertThat(out.get(0)[0]).isZero();
        assertThat(out.get(out.size() - 1)[1]).isEqualTo(300);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i)[0]).isEqualTo(out.get(i - 1)[1]);
        }
    }

    @Test
    void aBandTwoColumnsWideIsCutWhereTheyMeet() {
        double[] cover = new double[100];
        Arrays.fill(cover, 5.0);
        cover[52] = 0.5;
        List<int[]> out = new ArrayList<>();

        ColumnFinder.splitWide(cover, new int[] {0, 100}, 50, out);

        assertThat(out).containsExactly(new int[] {0, 52}, new int[] {52, 100});
    }

    /**
     * Two columns of 40-pixel characters: a small blob just outside the right column's band is beside that column
     * (a note's sub-column may reach past it), one far from both is in no column, and one between the columns is
     * beside the nearer.
     */
    @Test
    void blobsJustOutsideABandAreBesideTheNearestColumn() {
        List<Blob> blobs = new ArrayList<>();
        int label = 1;
        for (int k = 0; k < 8; k++) {
            blobs.add(new Blob(label++, 300, 100 + 50 * k, 40, 40, 900));
            blobs.add(new Blob(label++, 200, 100 + 50 * k, 40, 40, 900));
        }
        Blob overhang = new Blob(label++, 341, 200, 8, 12, 60);
        Blob between = new Blob(label++, 248, 300, 8, 12, 60);
        Blob far = new Blob(label, 420, 300, 8, 12, 60);
        blobs.addAll(List.of(overhang, between, far));

        List<Column> columns = ColumnFinder.find(new InkBlobs(blobs, new int[0], 600, 600, 40));

        assertThat(columns).hasSize(2);
        assertThat(columns.get(0).left()).isGreaterThan(columns.get(1).left());
        assertThat(columns.get(0).blobs()).hasSize(8);
        assertThat(columns.get(0).beside()).containsExactly(overhang);
        assertThat(columns.get(1).beside()).containsExactly(between);
        assertThat(columns).noneMatch(c -> c.blobs().contains(far) || c.beside().contains(far));
    }
}
