package org.honkoku.segment;

import java.util.List;
import org.honkoku.OpenCvLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Rect;

import static org.assertj.core.api.Assertions.assertThat;

class CharacterGrouperTest {

    @BeforeAll
    static void opencv() {
        OpenCvLoader.load();
    }

    /** Two flat strokes one above the other, each 0.35 of a character tall: 二, or two small kana? */
    private static final List<Rect> TWO_STROKES = List.of(new Rect(10, 0, 80, 35), new Rect(10, 55, 80, 35));

    @Test
    void byGeometryAloneTwoFragmentsMakeOneCharacter() {
        assertThat(CharacterGrouper.group(TWO_STROKES, 100, null)).containsExactly(new Rect(10, 0, 80, 90));
    }

    @Test
    void theRecogniserSplitsThemWhenEachReadsWellAndTheirUnionBadly() {
        // cost(i, j): each stroke alone reads as a sure character, the pair not at all
        CharacterGrouper.Recognition reads = (i, j) -> j - i == 1 ? 0.0 : 2 * RecognitionCosts.WEIGHT;
        assertThat(CharacterGrouper.group(TWO_STROKES, 100, reads)).containsExactly(TWO_STROKES.get(0), TWO_STROKES.get(1));
    }

    @Test
    void recognitionCostsAskTheScorerOnceForEveryPlausibleGroup() {
        ColumnCutter.Atoms run = new ColumnCutter.Atoms(List.of(new Rect(0, 0, 90, 40), new Rect(0, 50, 90, 40),
                new Rect(0, 100, 90, 90), new Rect(0, 200, 90, 95)), 100);
        int[] calls = {0};
        GlyphScorer scorer = boxes -> {
            calls[0]++;
            double[] confidence = new double[boxes.size()];
            for (int i = 0; i < confidence.length; i++) {
                confidence[i] = boxes.get(i).height <= 100 ? 0.9 : 0.1;
            }
            return confidence;
        };
        RecognitionCosts costs = new RecognitionCosts(List.of(run), scorer, r -> r, RecognitionCosts.WEIGHT);

        assertThat(calls[0]).isEqualTo(1);
        CharacterGrouper.Recognition r = costs.forRun(0);
        assertThat(r.cost(0, 1)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9)); // one stroke, reads 0.9
        assertThat(r.cost(0, 2)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9)); // both strokes: 90 tall
        assertThat(r.cost(1, 3)).isCloseTo(1.8, org.assertj.core.data.Offset.offset(1e-9)); // 140 tall, reads 0.1
        assertThat(r.cost(0, 4)).isEqualTo(RecognitionCosts.WEIGHT); // 295 tall: never shown, full cost
        assertThat(CharacterGrouper.group(run.atoms(), 100, r)).hasSize(3);
    }
}
