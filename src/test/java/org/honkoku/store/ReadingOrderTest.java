package org.honkoku.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.honkoku.segment.CharBox;
import org.junit.jupiter.api.Test;

/** Kept (reviewed) boxes and a new segmentation's boxes numbered in one reading order. */
class ReadingOrderTest {

    @Test
    void aKeptBoxTakesItsPlaceInTheNewColumnBetweenTheBoxesAboveAndBelowIt() {
        // new segmentation: two columns, right (x 200-240) and left (x 100-140), three boxes each
        List<CharBox> fresh = List.of(
                new CharBox(0, 0, 200, 0, 40, 40), new CharBox(0, 1, 200, 50, 40, 40), new CharBox(0, 2, 200, 150, 40, 40),
                new CharBox(1, 0, 100, 0, 40, 40), new CharBox(1, 1, 100, 50, 40, 40), new CharBox(1, 2, 100, 100, 40, 40));
        // reviewed boxes from the old segmentation, numbered in its columns (which put both in column 3)
        List<CharBox> kept = List.of(new CharBox(3, 0, 198, 100, 44, 40), new CharBox(3, 1, 105, 150, 30, 40));

        List<CharBox> placed = ReadingOrder.merge(kept, fresh);

        assertThat(placed.get(0)).isEqualTo(new CharBox(0, 2, 198, 100, 44, 40));
        assertThat(placed.get(1)).isEqualTo(new CharBox(1, 3, 105, 150, 30, 40));
        assertThat(placed.subList(2, 8)).containsExactly(
                new CharBox(0, 0, 200, 0, 40, 40), new CharBox(0, 1, 200, 50, 40, 40), new CharBox(0, 3, 200, 150, 40, 40),
                new CharBox(1, 0, 100, 0, 40, 40), new CharBox(1, 1, 100, 50, 40, 40), new CharBox(1, 2, 100, 100, 40, 40));
        assertThat(placed.stream().map(b -> b.column() + ":" + b.order())).doesNotHaveDuplicates();
    }

    @Test
    void theSegmentersOrderOfSplitNotesStands() {
        // a split note: right half (x 230) read top to bottom before the left half (x 205), same heights
        List<CharBox> fresh = List.of(
                new CharBox(0, 0, 230, 0, 20, 20), new CharBox(0, 1, 230, 25, 20, 20),
                new CharBox(0, 2, 205, 0, 20, 20), new CharBox(0, 3, 205, 25, 20, 20));
        List<CharBox> kept = List.of(new CharBox(0, 0, 215, 60, 30, 30));

        List<CharBox> placed = ReadingOrder.merge(kept, fresh);

        assertThat(placed.subList(1, 5)).extracting(CharBox::order).containsExactly(0, 1, 2, 3);
        assertThat(placed.get(0).order()).isEqualTo(4);
    }

    @Test
    void withoutNewBoxesOrWithoutKeptOnesNothingMoves() {
        List<CharBox> boxes = List.of(new CharBox(0, 0, 10, 10, 5, 5), new CharBox(0, 1, 10, 20, 5, 5));
        assertThat(ReadingOrder.merge(boxes, List.of())).isEqualTo(boxes);
        assertThat(ReadingOrder.merge(List.of(), boxes)).isEqualTo(boxes);
    }
}
