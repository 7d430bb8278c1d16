package org.honkoku.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Rect;

/** Cutting one made-up piece of ink, a character 40 pixels wide: where the cutter may cut it into atoms. */
class ColumnCutterTest {

    private static final int CW = 40;
    private static final int WIDTH = 300;

    /**
     * One blob 20 pixels wide from y 100 to 146 (1.15 characters: two small kana written in one stroke), whose
     * rows {@code from} to {@code to} (exclusive) hold {@code linkInk} pixels of ink where every other row holds 20.
     */
    private static InkBlobs piece(int from, int to, int linkInk) {
        int[] labels = new int[WIDTH * WIDTH];
        int area = 0;
        for (int y = 100; y < 146; y++) {
            int ink = y >= from && y < to ? linkInk : 20;
            for (int x = 110; x < 110 + ink; x++) {
                labels[y * WIDTH + x] = 1;
                area++;
            }
        }
        Blob blob = new Blob(1, 110, 100, 20, 46, area);
        return new InkBlobs(List.of(blob), labels, WIDTH, WIDTH, CW);
    }

    /** The piece with a link in rows 122 to 124, about the middle. */
    private static InkBlobs linkedPair(int linkInk) {
        return piece(122, 125, linkInk);
    }

    private static List<Rect> atoms(InkBlobs ink, ColumnCutter.Cuts cuts) {
        Column column = new Column(100, 140, ink.blobs());
        List<ColumnCutter.Atoms> runs = ColumnCutter.atoms(column, List.of(), ink, CW, cuts);
        assertThat(runs).hasSize(1);
        return runs.get(0).atoms();
    }

    /**
     * A link with three quarters of a character's typical ink per row: with the recogniser to judge, the piece is
     * cut there (the grouper may join the parts again); by geometry alone it is one character.
     */
    @Test
    void withTheRecogniserAThickLinkIsCutWhereGeometryAloneKeepsOnePiece() {
        InkBlobs ink = linkedPair(15);

        List<Rect> fine = atoms(ink, ColumnCutter.WITH_RECOGNITION);
        List<Rect> coarse = atoms(ink, ColumnCutter.BY_GEOMETRY);

        assertThat(fine).hasSize(2);
        assertThat(fine.get(0).y).isEqualTo(100);
        assertThat(fine.get(1).y).isEqualTo(122);
        assertThat(fine.get(1).y + fine.get(1).height).isEqualTo(146);
        assertThat(coarse).hasSize(1);
    }

    /** Rows of even ink throughout: nothing marks a join, and a piece this short is not cut evenly either. */
    @Test
    void aPieceWithoutAThinRowIsNotCut() {
        assertThat(atoms(linkedPair(20), ColumnCutter.WITH_RECOGNITION)).hasSize(1);
    }

    /** A thin link just inside the piece's top end would leave a sliver: the cut is not made. */
    @Test
    void noCutLeavesASliver() {
        assertThat(atoms(piece(104, 106, 5), ColumnCutter.WITH_RECOGNITION)).hasSize(1);
    }
}
