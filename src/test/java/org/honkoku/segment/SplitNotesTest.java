package org.honkoku.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Split notes on made-up blobs in a column 40 pixels wide, a character 40 pixels wide. */
class SplitNotesTest {

    private static final double CW = 40;

    /** A character above, five pairs of small ones side by side {@code gap} pixels apart, a character below. */
    private static List<Blob> page(int gap) {
        List<Blob> blobs = new ArrayList<>();
        int label = 1;
        blobs.add(new Blob(label++, 102, 100, 36, 35, 600));
        int leftEnd = 120 - gap / 2;
        int rightStart = leftEnd + gap;
        for (int k = 0; k < 5; k++) {
            int y = 200 + 40 * k;
            blobs.add(new Blob(label++, rightStart, y, 17, 30, 200));
            blobs.add(new Blob(label++, leftEnd - 17, y, 17, 30, 200));
        }
        blobs.add(new Blob(label, 102, 420, 36, 35, 600));
        return blobs;
    }

    @Test
    void aClearBlankBetweenTheSubColumnsIsASureNote() {
        Column column = new Column(100, 140, page(8));

        List<SplitNotes.Note> notes = SplitNotes.find(column, CW);

        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).sure()).isTrue();
        assertThat(notes.get(0).split()).isBetween(116, 124);
        assertThat(notes.get(0).holds(215)).isTrue();
        assertThat(notes.get(0).holds(375)).isTrue();
        assertThat(notes.get(0).holds(117)).isFalse();
        assertThat(notes.get(0).holds(437)).isFalse();
    }

    /** Sub-columns 2 pixels apart: no sure note, but a candidate for the recogniser to judge. */
    @Test
    void subColumnsThatNearlyTouchAreOnlyACandidate() {
        Column column = new Column(100, 140, page(2));

        List<SplitNotes.Note> notes = SplitNotes.find(column, CW);

        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).sure()).isFalse();
        assertThat(notes.get(0).holds(300)).isTrue();
        assertThat(notes.get(0).holds(120)).isFalse();
    }

    /** A note whose first pairs nearly touch: the clear part is sure, the part above it a candidate of its own. */
    @Test
    void theLessClearStartOfASureNoteIsACandidate() {
        List<Blob> blobs = new ArrayList<>();
        blobs.add(new Blob(1, 102, 20, 36, 35, 600));
        for (int k = 0; k < 8; k++) {
            int gap = k < 3 ? 2 : 8;
            int leftEnd = 120 - gap / 2;
            int y = 80 + 40 * k;
            blobs.add(new Blob(2 + 2 * k, leftEnd + gap, y, 17, 30, 200));
            blobs.add(new Blob(3 + 2 * k, leftEnd - 17, y, 17, 30, 200));
        }
        blobs.add(new Blob(30, 102, 420, 36, 35, 600));

        List<SplitNotes.Note> notes = SplitNotes.find(new Column(100, 140, blobs), CW);

        assertThat(notes).hasSize(2);
        assertThat(notes.get(0).sure()).isFalse();
        assertThat(notes.get(0).holds(120)).isTrue();
        assertThat(notes.get(0).holds(250)).isFalse();
        assertThat(notes.get(1).sure()).isTrue();
        assertThat(notes.get(1).holds(250)).isTrue();
    }

    @Test
    void oneColumnOfWholeCharactersHasNoNote() {
        List<Blob> blobs = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            blobs.add(new Blob(k + 1, 102, 100 + 45 * k, 36, 38, 600));
        }

        assertThat(SplitNotes.find(new Column(100, 140, blobs), CW)).isEmpty();
    }

    /**
     * A candidate's sub-columns take in the blobs beside the column within a sub-column's width of the split (a
     * note written wider than the column's band), but not a reading further out; a sure note takes in neither.
     */
    @Test
    void aCandidateTakesInWhatLiesJustBesideTheColumnButNotReadings() {
        Blob overhang = new Blob(90, 139, 330, 8, 20, 60);
        Blob reading = new Blob(91, 160, 250, 8, 12, 40);
        Column column = new Column(100, 140, page(2), List.of(overhang, reading));
        List<SplitNotes.Note> notes = SplitNotes.find(column, CW);

        List<SplitNotes.Run> runs = SplitNotes.runs(column, CW, notes);

        assertThat(runs).hasSize(4);
        assertThat(runs.get(0).blobs()).extracting(Blob::y).containsExactly(100);
        assertThat(runs.get(1).blobs()).allSatisfy(b -> assertThat(b.x()).isGreaterThanOrEqualTo(120))
                .contains(overhang).doesNotContain(reading).hasSize(6);
        assertThat(runs.get(2).blobs()).allSatisfy(b -> assertThat(b.right()).isLessThanOrEqualTo(120)).hasSize(5);
        assertThat(runs.get(3).blobs()).extracting(Blob::y).containsExactly(420);
        assertThat(runs.get(1).charSize()).isLessThan(CW);

        Column clear = new Column(100, 140, page(8), List.of(overhang, reading));
        assertThat(SplitNotes.runs(clear, CW, SplitNotes.find(clear, CW)))
                .allSatisfy(run -> assertThat(run.blobs()).doesNotContain(overhang, reading));
    }

    @Test
    void withoutNotesTheColumnIsOneRun() {
        Column column = new Column(100, 140, page(2), List.of(new Blob(90, 139, 330, 8, 20, 60)));

        List<SplitNotes.Run> runs = SplitNotes.runs(column, CW, List.of());

        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).blobs()).hasSize(12);
        assertThat(runs.get(0).charSize()).isEqualTo(CW);
    }
}
