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
    void recognitionCostsReadOnlyGroupsShortEnoughToBeOneCharacter() {
        ColumnCutter.Atoms run = new ColumnCutter.Atoms(List.of(new Rect(0, 0, 90, 40), new Rect(0, 50, 90, 40),
                new Rect(0, 100, 90, 90), new Rect(0, 200, 90, 95)), 100);
        List<Rect> shown = new java.util.ArrayList<>();
        GlyphScorer scorer = boxes -> {
            shown.addAll(boxes);
            double[] confidence = new double[boxes.size()];
            for (int i = 0; i < confidence.length; i++) {
                confidence[i] = boxes.get(i).height <= 100 ? 0.9 : 0.1;
            }
            return confidence;
        };
        RecognitionCosts costs = new RecognitionCosts(List.of(run), scorer, r -> r, RecognitionCosts.WEIGHT);

        CharacterGrouper.Recognition r = costs.forRun(0);
        assertThat(shown).allMatch(b -> b.height <= CharacterGrouper.READ_UP_TO * 100);
        assertThat(r.cost(0, 4)).isEqualTo(RecognitionCosts.WEIGHT); // 295 tall: never shown, full cost
        assertThat(shown).contains(new Rect(0, 0, 90, 90)); // both strokes, 90 tall: on the cheapest path
        assertThat(r.cost(0, 2)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9)); // read 0.9
        assertThat(CharacterGrouper.group(run.atoms(), 100, r)).containsExactly(new Rect(0, 0, 90, 90),
                new Rect(0, 100, 90, 90), new Rect(0, 200, 90, 95));
    }

    /**
     * Reading only the groups the choice depends on must choose what reading every group would: checked on random
     * columns with random confidences, where it must also read fewer groups than there are.
     */
    @Test
    void readingLazilyChoosesWhatReadingEveryGroupWould() {
        java.util.Random random = new java.util.Random(7);
        int lazyReads = 0;
        int allGroups = 0;
        for (int trial = 0; trial < 300; trial++) {
            List<Rect> atoms = new java.util.ArrayList<>();
            int y = 0;
            for (int k = 0, n = 3 + random.nextInt(25); k < n; k++) {
                int h = 15 + random.nextInt(90);
                atoms.add(new Rect(random.nextInt(20), y, 60 + random.nextInt(40), h));
                y += h + random.nextInt(25);
            }
            ColumnCutter.Atoms run = new ColumnCutter.Atoms(atoms, 100);
            long seed = random.nextLong();
            // a fixed, arbitrary confidence per box, as a network gives
            java.util.function.ToDoubleFunction<Rect> reads = b -> new java.util.Random(seed ^ b.hashCode()).nextDouble();
            int[] shown = {0};
            RecognitionCosts lazy = new RecognitionCosts(List.of(run), boxes -> {
                shown[0] += boxes.size();
                return boxes.stream().mapToDouble(reads).toArray();
            }, b -> b, RecognitionCosts.WEIGHT);

            double limit = CharacterGrouper.READ_UP_TO * 100;
            CharacterGrouper.Recognition everything = (i, j) -> {
                Rect u = CharacterGrouper.union(atoms, i, j);
                return j - i > 1 && u.height > limit ? RecognitionCosts.WEIGHT
                        : RecognitionCosts.WEIGHT * (1 - reads.applyAsDouble(u));
            };
            assertThat(CharacterGrouper.group(atoms, 100, lazy.forRun(0)))
                    .as("trial %d", trial).isEqualTo(CharacterGrouper.group(atoms, 100, everything));
            assertThat(lazy.read()).isEqualTo(shown[0]);
            lazyReads += shown[0];
            for (int j = 1; j <= atoms.size(); j++) {
                for (int i = j - 1; i >= Math.max(0, j - CharacterGrouper.MAX_PIECES); i--) {
                    if (j - i == 1 || CharacterGrouper.union(atoms, i, j).height <= limit) {
                        allGroups++;
                    }
                }
            }
        }
        assertThat(lazyReads).isLessThan(allGroups * 9 / 10);
    }
}
