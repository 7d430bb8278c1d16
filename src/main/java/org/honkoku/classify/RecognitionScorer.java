package org.honkoku.classify;

import org.honkoku.Rects;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.GlyphScorer;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classifier as the segmenter's recogniser on one page: a candidate box's confidence is the probability of
 * its most likely named class. {@code rare} does not count as a confident read: it is also where the network
 * puts what looks like no character it knows — half a character, or two. The boxes the segmenter keeps are
 * among the candidates, so their readings are kept too and {@link #read} does not classify them again.
 * One instance per page; not thread-safe.
 */
public final class RecognitionScorer implements GlyphScorer {

    private final Classifier classifier;
    private final Mat page;
    private final Map<Rect, Prediction> readings = new HashMap<>();

    /** @param page the page the boxes are on, as scanned (not modified, not released) */
    public RecognitionScorer(Classifier classifier, Mat page) {
        this.classifier = classifier;
        this.page = page;
    }

    @Override
    public double[] confidence(List<Rect> boxes) {
        List<Prediction> predictions = read(boxes);
        double[] out = new double[boxes.size()];
        for (int i = 0; i < out.length; i++) {
            for (Candidate c : predictions.get(i).top()) {
                if (!c.label().equals(ClassIndex.RARE)) {
                    out[i] = c.probability();
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The page's boxes, in reading order, read in context ({@link Classifier#inContext}): what transcribe and
     * evaluate store or score. Boxes read while segmenting are not classified again.
     */
    public List<Prediction> readInContext(List<CharBox> boxes) {
        if (boxes.isEmpty()) {
            return List.of();
        }
        return classifier.inContext(boxes.stream().mapToInt(CharBox::column).toArray(),
                read(boxes.stream().map(CharBox::rect).toList()));
    }

    /** The classifier's predictions for boxes of the page, classifying only those not read before. */
    public List<Prediction> read(List<Rect> boxes) {
        List<Rect> unread = new ArrayList<>();
        for (Rect r : boxes) {
            if (!readings.containsKey(r)) {
                unread.add(r);
            }
        }
        if (!unread.isEmpty()) {
            Rect bounds = new Rect(0, 0, page.cols(), page.rows());
            List<Mat> crops = new ArrayList<>(unread.size());
            for (Rect r : unread) {
                crops.add(page.submat(Rects.clip(r, bounds)));
            }
            try {
                List<Prediction> predictions = classifier.classify(crops);
                for (int i = 0; i < unread.size(); i++) {
                    readings.put(unread.get(i), predictions.get(i));
                }
            } finally {
                crops.forEach(Mat::release);
            }
        }
        List<Prediction> out = new ArrayList<>(boxes.size());
        for (Rect r : boxes) {
            out.add(readings.get(r));
        }
        return out;
    }
}
