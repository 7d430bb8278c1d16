package org.honkoku.evaluate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BoxOutcomesTest {

    @Test
    void aBoxIsRightWhenItsCentreFallsInAnUnmatchedTruthBoxOfItsLabel() {
        List<TruthBox> truth = List.of(new TruthBox("p", "U+3042", 0, 0, 10, 10),
                new TruthBox("p", "U+9DF9", 0, 10, 10, 10)); // 鷹: not a named class
        Set<String> named = Set.of("U+3042", "U+3044");
        boolean[] right = BoxOutcomes.right(truth, List.of(
                new PredictedPoint("U+3042", 5, 5),   // right
                new PredictedPoint("U+3042", 6, 6),   // the same truth box again: wrong
                new PredictedPoint("rare", 5, 15),    // rare on a character outside the named classes: right
                new PredictedPoint("U+3044", 5, 25)), // nothing there: wrong
                named);
        assertThat(right).containsExactly(true, false, true, false);
        assertThat(BoxOutcomes.right(truth, List.of(new PredictedPoint("rare", 5, 5)), named)).containsExactly(false);
    }
}
