package org.honkoku.classify;

import java.util.List;

import org.honkoku.segment.CharBox;
import org.honkoku.segment.QuarterTurn;
import org.honkoku.segment.Sideways;
import org.opencv.core.Mat;

/**
 * Which way up a scan is read. A page photographed on its side or put on the scanner upside down is cut into boxes
 * that hold no character the network knows (a page turned a quarter cuts its columns across), and read as nothing.
 * The ink's layout tells a page lying on its side ({@link Sideways}); only the characters tell which side is up, so
 * the page is cut and read again turned over, and turned where that reading is clearly surer (mean log-probability of
 * the network's best reading of every box). A page read confidently as it is is not looked at again: with v11 the
 * labelled pages read −0.18 (the held-out book) and better, and the held-out page upside down −0.53.
 */
public final class PageOrientation {

    /** A page whose boxes read with a mean log-probability below this is also read turned over. */
    static final double CHECK_BELOW = -0.35;
    /** The turned reading must beat the reading as cut by this much (mean log-probability). */
    static final double MARGIN = 0.05;

    /** How a page is cut into boxes with a recogniser of it (null when the classifier is not in the loop). */
    @FunctionalInterface
    public interface Cut {
        List<CharBox> boxes(Mat page, RecognitionScorer reader);
    }

    /**
     * A scan read the right way up: the page as read ({@code page}: the scan itself when {@code turns} is 0, else a
     * turned copy, the caller's to release), the quarter turns clockwise from the scan, the recogniser of that page
     * (null without a classifier) and its boxes on it.
     */
    public record Oriented(Mat page, int turns, RecognitionScorer reader, List<CharBox> boxes) {
    }

    private PageOrientation() {
    }

    /**
     * @param classifier reads boxes to tell which side is up; null: by the ink's layout alone (a page lying on its
     *                   side is turned a quarter clockwise, one upside down is read as it is)
     */
    public static Oriented cut(Mat scan, Classifier classifier, Cut cut) {
        boolean sideways = Sideways.likely(scan);
        if (classifier == null) {
            return at(scan, sideways ? 1 : 0, null, cut);
        }
        Oriented best = at(scan, 0, classifier, cut);
        if (sideways) {
            // the ink's layout may mislead (a table, a drawing): the page as scanned is read too, and the better kept
            Oriented turned = upOrDown(at(scan, 1, classifier, cut), classifier, cut, true);
            if (meanLogProbability(turned) > meanLogProbability(best) + MARGIN) {
                return turned;
            }
            release(turned, scan);
        }
        if (meanLogProbability(best) < CHECK_BELOW) {
            best = upOrDown(best, classifier, cut, false);
        }
        return best;
    }

    private static Oriented at(Mat scan, int turns, Classifier classifier, Cut cut) {
        Mat page = turns == 0 ? scan : QuarterTurn.turn(scan, turns);
        RecognitionScorer reader = classifier == null ? null : new RecognitionScorer(classifier, page);
        return new Oriented(page, turns, reader, cut.boxes(page, reader));
    }

    /**
     * The page as cut, or turned over where the turned page, cut afresh, reads better. {@code release} says whether
     * the page as cut is this method's to release when it is not kept (a turned copy), or the caller's (the scan).
     * Each way up is read on its own cut: the cut is made with the recogniser (the grouping), so boxes cut the wrong
     * way up and then turned are no fair sample of the page the right way up (v11 read the held-out page's upside-down
     * boxes turned back at −0.44, worse than upside down, −0.42; cut the right way up, above −0.35).
     */
    private static Oriented upOrDown(Oriented o, Classifier classifier, Cut cut, boolean release) {
        if (o.boxes().isEmpty()) {
            return o;
        }
        Mat over = QuarterTurn.turn(o.page(), 2);
        RecognitionScorer overReader = new RecognitionScorer(classifier, over);
        Oriented turned = new Oriented(over, QuarterTurn.normalise(o.turns() + 2), overReader, cut.boxes(over, overReader));
        if (meanLogProbability(turned) <= meanLogProbability(o) + MARGIN) {
            over.release();
            return o;
        }
        if (release) {
            o.page().release();
        }
        return turned;
    }

    private static double meanLogProbability(Oriented o) {
        if (o.boxes().isEmpty()) {
            return Double.NEGATIVE_INFINITY;
        }
        return meanLogProbability(o.reader().read(o.boxes().stream().map(CharBox::rect).toList()));
    }

    private static double meanLogProbability(List<Prediction> predictions) {
        double sum = 0;
        for (Prediction p : predictions) {
            sum += Math.log(Math.max(1e-6, p.top().get(0).probability()));
        }
        return predictions.isEmpty() ? Double.NEGATIVE_INFINITY : sum / predictions.size();
    }

    private static void release(Oriented o, Mat scan) {
        if (o.page() != scan) {
            o.page().release();
        }
    }
}
