package org.honkoku.classify;

import org.honkoku.Rects;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.GlyphScorer;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The classifier as the segmenter's recogniser on one page: a candidate box's confidence is the probability of
 * its most likely named class (mixed with the model's "one whole character" head where it has one). {@code rare}
 * does not count as a confident read: it is also where the network puts what looks like no character it knows —
 * half a character, or two. The boxes the segmenter keeps are
 * among the candidates, so their readings are kept too and {@link #read} does not classify them again.
 * One instance per page; not thread-safe.
 */
public final class RecognitionScorer implements GlyphScorer {

    private final Classifier classifier;
    private final Mat page;
    private final Map<Rect, Prediction> readings;
    private final Map<Rect, float[]> embeddings;

    /** @param page the page the boxes are on, as scanned (not modified, not released) */
    public RecognitionScorer(Classifier classifier, Mat page) {
        this(classifier, page, new HashMap<>(), new HashMap<>());
    }

    private RecognitionScorer(Classifier classifier, Mat page, Map<Rect, Prediction> readings,
                              Map<Rect, float[]> embeddings) {
        this.classifier = classifier;
        this.page = page;
        this.readings = readings;
        this.embeddings = embeddings;
    }

    /**
     * A scorer of the same page and network that groups with another "one whole character" head (null: the network
     * alone), sharing what either has read: a box is read once however many heads are tried ({@code tune-grouping}).
     */
    public RecognitionScorer grouping(WholeCharacter head) {
        return new RecognitionScorer(classifier.grouping(head), page, readings, embeddings);
    }

    /**
     * The probability of each box's best named class, mixed, where the model has a "one whole character" head
     * ({@link WholeCharacter}), with that head's chance that the box is one whole character.
     */
    @Override
    public double[] confidence(List<Rect> boxes) {
        List<Prediction> predictions = read(boxes);
        double[] out = new double[boxes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = namedConfidence(predictions.get(i));
        }
        WholeCharacter whole = classifier.wholeCharacter();
        return whole == null ? out : whole.confidence(predictions, embeddingsOf(boxes), out);
    }

    /** The probability of the most likely named class among a prediction's candidates (0 when none is named). */
    static double namedConfidence(Prediction p) {
        for (Candidate c : p.top()) {
            if (!c.label().equals(ClassIndex.RARE)) {
                return c.probability();
            }
        }
        return 0;
    }

    /**
     * The boxes' predictions before reading in context ({@link #readInContext}). Boxes read while segmenting are not
     * classified again; a box holding a mark beside its character ({@link SideMarks}) is also read without it, and the
     * more confident reading kept. Where the classifier reads a second, smoothed view ({@link Classifier#smoothedView}),
     * each box is then read again from it (of the crop whose reading was kept).
     */
    public List<Prediction> readAlone(List<CharBox> boxes) {
        return readAloneWithEmbeddings(boxes).predictions();
    }

    /** {@link #readAlone} with each box's embedding (of the crop whose reading was kept). */
    public Classifier.Read readAloneWithEmbeddings(List<CharBox> boxes) {
        List<Rect> rects = boxes.stream().map(CharBox::rect).toList();
        List<Prediction> predictions = new ArrayList<>(read(rects));
        List<float[]> vectors = new ArrayList<>(rects.stream().map(embeddings::get).toList());
        boolean[] erased = preferWithoutSideMarks(rects, predictions, vectors);
        Classifier.Read first = new Classifier.Read(predictions, vectors);
        return classifier.smoothedView() ? secondView(rects, first, erased) : first;
    }

    /**
     * Boxes as finally read: {@link #read}, with the second, smoothed view where the classifier reads one
     * ({@link Classifier#smoothedView}; the embeddings are then the two views' mean).
     */
    public Classifier.Read readFinally(List<Rect> boxes) {
        Classifier.Read first = new Classifier.Read(read(boxes), embeddingsOf(boxes));
        return classifier.smoothedView() ? secondView(boxes, first, new boolean[boxes.size()]) : first;
    }

    /** The boxes' second view ({@link Classifier#withSmoothedView}), of the crops their first reading was of. */
    private Classifier.Read secondView(List<Rect> boxes, Classifier.Read first, boolean[] erased) {
        if (boxes.isEmpty()) {
            return first;
        }
        List<Mat> crops = new ArrayList<>(boxes.size());
        try {
            for (int i = 0; i < boxes.size(); i++) {
                Mat crop = crop(boxes.get(i));
                Mat without = erased[i] ? SideMarks.erased(crop) : null;
                if (without != null) {
                    crop.release();
                    crop = without;
                }
                crops.add(crop);
            }
            return classifier.withSmoothedView(crops, first.embeddings());
        } finally {
            crops.forEach(Mat::release);
        }
    }

    /** A page's boxes after the "not a character" head: those kept (renumbered in reading order) and those dropped. */
    public record Sifted(List<CharBox> kept, Classifier.Read read, List<CharBox> dropped) {
    }

    /**
     * {@link #readAloneWithEmbeddings}, then the boxes the classifier's "not a character" head ({@link NotCharacter})
     * says hold no whole character are dropped; the kept boxes' columns and places in them are numbered again
     * without gaps. Without a head, every box is kept.
     */
    public Sifted readAndSift(List<CharBox> boxes) {
        // the head judges the reading as stored (tune-boxes fits it on the same: NonCharacterSamples)
        Classifier.Read read = readAloneWithEmbeddings(boxes);
        NotCharacter head = classifier.notCharacter();
        if (head == null || boxes.isEmpty()) {
            return new Sifted(boxes, read, List.of());
        }
        boolean[] drop = head.drop(CharBox.sizes(boxes), read.predictions(), read.embeddings());
        List<CharBox> kept = new ArrayList<>();
        List<CharBox> dropped = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int column = -1;
        int lastColumn = Integer.MIN_VALUE;
        int order = 0;
        for (int i = 0; i < boxes.size(); i++) {
            CharBox b = boxes.get(i);
            if (drop[i]) {
                dropped.add(b);
                continue;
            }
            if (b.column() != lastColumn) {
                column++;
                lastColumn = b.column();
                order = 0;
            }
            kept.add(new CharBox(column, order++, b.x(), b.y(), b.w(), b.h()));
            predictions.add(read.predictions().get(i));
            vectors.add(read.embeddings().get(i));
        }
        return new Sifted(kept, new Classifier.Read(predictions, vectors), dropped);
    }

    /** Predictions of {@link #readAlone} read in context by {@code reader} (the same network, its own context). */
    public static List<Prediction> readInContext(Classifier reader, List<CharBox> boxes, List<Prediction> alone) {
        if (boxes.isEmpty()) {
            return List.of();
        }
        return reader.inContext(boxes.stream().mapToInt(CharBox::column).toArray(),
                CharBox.sizes(boxes), alone);
    }

    /** Keeps, for a box with a side mark, the more confident of its readings with and without; true where without. */
    private boolean[] preferWithoutSideMarks(List<Rect> boxes, List<Prediction> predictions, List<float[]> vectors) {
        boolean[] erasedKept = new boolean[boxes.size()];
        List<Integer> marked = new ArrayList<>();
        List<Mat> erased = new ArrayList<>();
        try {
            for (int i = 0; i < boxes.size(); i++) {
                Mat crop = crop(boxes.get(i));
                Mat without = SideMarks.erased(crop);
                crop.release();
                if (without != null) {
                    marked.add(i);
                    erased.add(without);
                }
            }
            if (erased.isEmpty()) {
                return erasedKept;
            }
            Classifier.Read again = classifier.classifyWithEmbeddings(erased);
            for (int k = 0; k < marked.size(); k++) {
                int i = marked.get(k);
                if (namedConfidence(again.predictions().get(k)) > namedConfidence(predictions.get(i))) {
                    predictions.set(i, again.predictions().get(k));
                    vectors.set(i, again.embeddings().get(k));
                    erasedKept[i] = true;
                }
            }
            return erasedKept;
        } finally {
            erased.forEach(Mat::release);
        }
    }

    /** The classifier's predictions for boxes of the page, classifying only those not read before. */
    public List<Prediction> read(List<Rect> boxes) {
        // a box asked for twice at once (the same stretch of a column cut two ways) is read once
        List<Rect> unread = new ArrayList<>(new LinkedHashSet<>(boxes));
        unread.removeIf(readings::containsKey);
        if (!unread.isEmpty()) {
            List<Mat> crops = new ArrayList<>(unread.size());
            for (Rect r : unread) {
                crops.add(crop(r));
            }
            try {
                Classifier.Read read = classifier.classifyWithEmbeddings(crops);
                for (int i = 0; i < unread.size(); i++) {
                    readings.put(unread.get(i), read.predictions().get(i));
                    embeddings.put(unread.get(i), read.embeddings().get(i));
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

    /** The embeddings of boxes read before with {@link #read} (null for a box not read). */
    public List<float[]> embeddingsOf(List<Rect> boxes) {
        List<float[]> out = new ArrayList<>(boxes.size());
        for (Rect r : boxes) {
            out.add(embeddings.get(r));
        }
        return out;
    }

    /** The part of the page under a box (a view, not a copy). */
    private Mat crop(Rect box) {
        return page.submat(Rects.clip(box, new Rect(0, 0, page.cols(), page.rows())));
    }
}
