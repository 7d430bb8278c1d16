package org.honkoku.classify;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.segment.CharBox;
import org.honkoku.segment.QuarterTurn;
import org.honkoku.segment.Sideways;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Which way up a scan is read. A page photographed on its side or put on the scanner upside down is cut into boxes
 * that hold no character the network knows (a page turned a quarter cuts its columns across), and read as nothing.
 * The ink's layout tells a page lying on its side ({@link Sideways}); only the characters tell which side is up, so
 * the network reads some of the page's boxes as cut and again turned over, and the page is turned where the turned
 * boxes read clearly better. A page read confidently as it is is not looked at again: on the labelled pages the mean
 * log-probability of the network's best reading of all their boxes is −0.17 to −0.40; a sample of 24 of them reads
 * −0.08 to −0.40 as cut and −0.53 to −1.04 turned over, and on the pages' upside-down copies −0.60 to −0.87 as cut
 * and −0.28 to −0.57 turned back.
 */
public final class PageOrientation {

    /** A page whose boxes read with a mean log-probability below this is also read turned over. */
    static final double CHECK_BELOW = -0.35;
    /** The turned reading must beat the reading as cut by this much (mean log-probability). */
    static final double MARGIN = 0.05;
    /** Boxes read turned over: spread over the page, enough to be sure, few enough to cost little. */
    static final int SAMPLE = 24;

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
     * The page as cut, or turned over where a sample of its boxes reads better so. {@code release} says whether the
     * page as cut is this method's to release when it is not kept (a turned copy), or the caller's (the scan).
     */
    private static Oriented upOrDown(Oriented o, Classifier classifier, Cut cut, boolean release) {
        List<Rect> sample = sample(o.boxes());
        if (sample.isEmpty()) {
            return o;
        }
        Mat over = QuarterTurn.turn(o.page(), 2);
        RecognitionScorer overReader = new RecognitionScorer(classifier, over);
        List<Rect> turned = new ArrayList<>(sample.size());
        for (Rect r : sample) {
            int[] b = QuarterTurn.box(r.x, r.y, r.width, r.height, o.page().cols(), o.page().rows(), 2);
            turned.add(new Rect(b[0], b[1], b[2], b[3]));
        }
        double asCut = meanLogProbability(o.reader().read(sample));
        double overRead = meanLogProbability(overReader.read(turned));
        if (overRead <= asCut + MARGIN) {
            over.release();
            return o;
        }
        if (release) {
            o.page().release();
        }
        return new Oriented(over, QuarterTurn.normalise(o.turns() + 2), overReader, cut.boxes(over, overReader));
    }

    /** Every k-th box, at most {@link #SAMPLE}, so the sample spans the page. */
    private static List<Rect> sample(List<CharBox> boxes) {
        int step = Math.max(1, (int) Math.ceil(boxes.size() / (double) SAMPLE));
        List<Rect> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i += step) {
            out.add(boxes.get(i).rect());
        }
        return out;
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
