package org.honkoku.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Rect;

/**
 * The recogniser's costs for the groupings of a page's atoms that the grouper can choose. Each group of up to
 * {@link CharacterGrouper#MAX_PIECES} consecutive atoms no taller than {@link CharacterGrouper#READ_UP_TO}
 * characters can be read, and then costs {@code weight * (1 - confidence)}; a group too tall to be read costs
 * the full weight.
 *
 * <p>Groups are read only where the grouper's choice depends on them (a best-first search, exact): a group not
 * yet read is taken to read perfectly (cost 0, a lower bound), each run's cheapest grouping under these costs is
 * found, and its unread groups are read, for all runs of the page in one batched call; until every run's cheapest
 * grouping consists of groups read. That grouping is then the cheapest under the true costs too, since no other
 * grouping costs less even with its unread groups reading perfectly. On the dev pages this read about two
 * thirds of the candidates (2026-12-03) and chose the same boxes as reading all of them; it takes four to ten calls
 * a page.
 */
final class RecognitionCosts {

    /** How much a doubtful read weighs against the geometric costs (a group's base cost is 1). */
    static final double WEIGHT = 2.0;

    /** One scaling of analysis pixels to page pixels, as the segmenter maps its boxes. */
    interface ToPage {
        Rect map(Rect analysis);
    }

    /** One run's groups: costs[j][k] for the group of atoms [j - k, j); NaN while unread. */
    private static final class Run {
        final ColumnCutter.Atoms atoms;
        final double[][] costs;

        Run(ColumnCutter.Atoms atoms, double weight) {
            this.atoms = atoms;
            List<Rect> list = atoms.atoms();
            int n = list.size();
            double limit = CharacterGrouper.READ_UP_TO * atoms.charSize();
            costs = new double[n + 1][CharacterGrouper.MAX_PIECES + 1];
            for (double[] row : costs) {
                Arrays.fill(row, weight);
            }
            for (int j = 1; j <= n; j++) {
                for (int i = j - 1; i >= Math.max(0, j - CharacterGrouper.MAX_PIECES); i--) {
                    if (j - i > 1 && CharacterGrouper.union(list, i, j).height > limit) {
                        break; // taller still as i falls
                    }
                    costs[j][j - i] = Double.NaN;
                }
            }
        }

        /** The cost of group [i, j): as read, 0 while unread (the best it could read), the weight when too tall. */
        double optimistic(int i, int j) {
            double c = costs[j][j - i];
            return Double.isNaN(c) ? 0 : c;
        }

        List<int[]> cheapest() {
            return CharacterGrouper.best(atoms.atoms(), atoms.charSize(), this::optimistic);
        }
    }

    private final List<Run> runs = new ArrayList<>();
    private final double weight;
    private int read;

    RecognitionCosts(List<ColumnCutter.Atoms> atomRuns, GlyphScorer scorer, ToPage toPage, double weight) {
        this.weight = weight;
        for (ColumnCutter.Atoms a : atomRuns) {
            runs.add(new Run(a, weight));
        }
        while (true) {
            List<Rect> boxes = new ArrayList<>();
            List<int[]> where = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                Run run = runs.get(r);
                for (int[] span : run.cheapest()) {
                    if (Double.isNaN(run.costs[span[1]][span[1] - span[0]])) {
                        boxes.add(toPage.map(CharacterGrouper.union(run.atoms.atoms(), span[0], span[1])));
                        where.add(new int[]{r, span[0], span[1]});
                    }
                }
            }
            if (boxes.isEmpty()) {
                return;
            }
            double[] confidence = scorer.confidence(boxes);
            for (int k = 0; k < confidence.length; k++) {
                int[] w = where.get(k);
                runs.get(w[0]).costs[w[2]][w[2] - w[1]] = weight * (1 - Math.max(0, Math.min(1, confidence[k])));
            }
            read += confidence.length;
        }
    }

    /** How many groups were read. */
    int read() {
        return read;
    }

    /**
     * The recogniser's confidence in group {@code [i, j)} of run {@code r}: as read; 0 for a group too tall to be
     * read; 1 for one never read (the best it could be; the groups of a run's cheapest grouping are all read).
     */
    double confidence(int r, int i, int j) {
        return 1 - runs.get(r).optimistic(i, j) / weight;
    }

    /** The costs of run {@code r}, as the grouper asks for them (groups never read cost what they could at best). */
    CharacterGrouper.Recognition forRun(int r) {
        return runs.get(r)::optimistic;
    }
}
