package org.honkoku.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private static final TruthBox NI = new TruthBox("p", "U+306B", 100, 100, 50, 60);
    private static final TruthBox HA = new TruthBox("p", "U+306F", 100, 200, 50, 60);

    @Test
    void centreInsideBoxWithSameLabelIsAHit() {
        Score s = Scorer.score(List.of(NI, HA), List.of(new PredictedPoint("U+306B", 120, 130)), true);
        assertEquals(new Score(1, 0, 1), s);
    }

    @Test
    void centreOutsideEveryBoxIsAFalsePositive() {
        Score s = Scorer.score(List.of(NI), List.of(new PredictedPoint("U+306B", 99, 130),
                new PredictedPoint("U+306B", 150, 130), new PredictedPoint("U+306B", 120, 160)), true);
        assertEquals(new Score(0, 3, 1), s);
    }

    @Test
    void wrongLabelMissesOnlyWhenLabelsAreMatched() {
        List<PredictedPoint> p = List.of(new PredictedPoint("U+306F", 120, 130));
        assertEquals(new Score(0, 1, 1), Scorer.score(List.of(NI), p, true));
        assertEquals(new Score(1, 0, 0), Scorer.score(List.of(NI), p, false));
    }

    @Test
    void unlabelledDetectionCountsForDetectionButNotRecognition() {
        List<PredictedPoint> p = List.of(new PredictedPoint(null, 120, 130));
        assertEquals(new Score(1, 0, 0), Scorer.score(List.of(NI), p, false));
        assertEquals(new Score(0, 1, 1), Scorer.score(List.of(NI), p, true));
    }

    @Test
    void aTruthBoxIsMatchedAtMostOnce() {
        Score s = Scorer.score(List.of(NI), List.of(new PredictedPoint(null, 120, 130),
                new PredictedPoint(null, 125, 135)), false);
        assertEquals(new Score(1, 1, 0), s);
    }

    @Test
    void secondPredictionFallsThroughToAnOverlappingFreeBox() {
        TruthBox overlapping = new TruthBox("p", "U+306B", 110, 110, 50, 60);
        Score s = Scorer.score(List.of(NI, overlapping), List.of(new PredictedPoint("U+306B", 120, 130),
                new PredictedPoint("U+306B", 121, 131)), true);
        assertEquals(new Score(2, 0, 0), s);
    }

    @Test
    void ratiosAndSums() {
        Score s = new Score(6, 2, 4);
        assertEquals(0.75, s.precision(), 1e-9);
        assertEquals(0.6, s.recall(), 1e-9);
        assertEquals(2 * 0.75 * 0.6 / 1.35, s.f1(), 1e-9);
        assertEquals(new Score(7, 2, 5), s.plus(new Score(1, 0, 1)));
        assertEquals(0.0, Score.ZERO.f1(), 0.0);
    }
}
