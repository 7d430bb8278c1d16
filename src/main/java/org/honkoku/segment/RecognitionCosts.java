package org.honkoku.segment;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Rect;

/**
 * The recogniser's costs for every plausible grouping of a page's atoms, scored in one batched call: for
 * each run, each group of up to {@link CharacterGrouper#MAX_PIECES} consecutive atoms no taller than
 * {@link CharacterGrouper#READ_UP_TO} characters is read, and costs {@code weight * (1 - confidence)}; a group
 * too tall to be read costs the full weight.
 */
final class RecognitionCosts {

    /** How much a doubtful read weighs against the geometric costs (a group's base cost is 1). */
    static final double WEIGHT = 2.0;

    private final List<double[][]> costs = new ArrayList<>();

    /** One scaling of analysis pixels to page pixels, as the segmenter maps its boxes. */
    interface ToPage {
        Rect map(Rect analysis);
    }

    RecognitionCosts(List<ColumnCutter.Atoms> runs, GlyphScorer scorer, ToPage toPage, double weight) {
        List<Rect> candidates = new ArrayList<>();
        List<int[]> where = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            List<Rect> atoms = runs.get(r).atoms();
            double limit = CharacterGrouper.READ_UP_TO * runs.get(r).charSize();
            int n = atoms.size();
            double[][] c = new double[n + 1][CharacterGrouper.MAX_PIECES + 1];
            for (double[] row : c) {
                java.util.Arrays.fill(row, weight);
            }
            costs.add(c);
            for (int j = 1; j <= n; j++) {
                for (int i = j - 1; i >= Math.max(0, j - CharacterGrouper.MAX_PIECES); i--) {
                    Rect u = CharacterGrouper.union(atoms, i, j);
                    if (u.height > limit && j - i > 1) {
                        break; // taller still as i falls
                    }
                    candidates.add(toPage.map(u));
                    where.add(new int[]{r, i, j});
                }
            }
        }
        double[] confidence = candidates.isEmpty() ? new double[0] : scorer.confidence(candidates);
        for (int k = 0; k < confidence.length; k++) {
            int[] w = where.get(k);
            costs.get(w[0])[w[2]][w[2] - w[1]] = weight * (1 - Math.max(0, Math.min(1, confidence[k])));
        }
    }

    int candidates() {
        int n = 0;
        for (double[][] c : costs) {
            n += c.length;
        }
        return n;
    }

    /** The costs of run {@code r}, as the grouper asks for them. */
    CharacterGrouper.Recognition forRun(int r) {
        double[][] c = costs.get(r);
        return (i, j) -> c[j][j - i];
    }
}
