package org.honkoku.segment;

import java.util.List;
import org.opencv.core.Rect;

/**
 * One column's two readings where it holds candidate split notes ({@link SplitNotes#LOOSE}): cut with them as
 * two sub-columns each, or as one column (its sure notes split either way). Both are read by the recogniser
 * with the rest of the page, and the one whose boxes on the candidates' rows read better on average is kept: a
 * real note cut as one column gives boxes of two half-size characters side by side, which read badly; a column
 * of narrow characters with readings beside it, cut as a note, gives the readings boxes of their own and the
 * characters no better.
 */
final class NoteChoice {

    /** One way to cut the column: its runs, and where they start among the page's runs. */
    record Cut(List<ColumnCutter.Atoms> runs, int first) {
    }

    private final Cut plain;
    private final Cut split;
    private final List<SplitNotes.Note> candidates;

    private NoteChoice(Cut plain, Cut split, List<SplitNotes.Note> candidates) {
        this.plain = plain;
        this.split = split;
        this.candidates = candidates;
    }

    /**
     * The column's cuts, their runs appended to the page's {@code allRuns}. Without a recogniser
     * ({@code withCandidates} false) only the sure notes are split, and there is nothing to choose.
     */
    static NoteChoice of(Column column, InkBlobs ink, double cw, ColumnCutter.Cuts cuts, boolean withCandidates,
                         List<ColumnCutter.Atoms> allRuns) {
        List<SplitNotes.Note> notes = SplitNotes.find(column, cw);
        List<SplitNotes.Note> sure = notes.stream().filter(SplitNotes.Note::sure).toList();
        Cut plain = append(ColumnCutter.atoms(column, sure, ink, cw, cuts), allRuns);
        if (!withCandidates || sure.size() == notes.size()) {
            return new NoteChoice(plain, null, List.of());
        }
        Cut split = append(ColumnCutter.atoms(column, notes, ink, cw, cuts), allRuns);
        return new NoteChoice(plain, split, notes.stream().filter(n -> !n.sure()).toList());
    }

    private static Cut append(List<ColumnCutter.Atoms> runs, List<ColumnCutter.Atoms> allRuns) {
        Cut cut = new Cut(runs, allRuns.size());
        allRuns.addAll(runs);
        return cut;
    }

    /** The cut to keep: the plain one unless the candidates' rows read better as notes. */
    Cut chosen(RecognitionCosts costs) {
        if (split == null) {
            return plain;
        }
        return meanConfidence(split, costs) > meanConfidence(plain, costs) ? split : plain;
    }

    /** The mean confidence of the cut's boxes centred on a candidate's rows (0 when there are none). */
    private double meanConfidence(Cut cut, RecognitionCosts costs) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < cut.runs().size(); k++) {
            ColumnCutter.Atoms run = cut.runs().get(k);
            int r = cut.first() + k;
            for (int[] span : CharacterGrouper.best(run.atoms(), run.charSize(), costs.forRun(r))) {
                Rect box = CharacterGrouper.union(run.atoms(), span[0], span[1]);
                double cy = box.y + box.height / 2.0;
                if (!ColumnCutter.dust(box, run.charSize()) && candidates.stream().anyMatch(c -> c.holds(cy))) {
                    sum += costs.confidence(r, span[0], span[1]);
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
