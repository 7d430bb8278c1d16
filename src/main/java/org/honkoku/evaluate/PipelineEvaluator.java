package org.honkoku.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.honkoku.classify.Classifier;
import org.honkoku.classify.PageOrientation;
import org.honkoku.classify.Prediction;
import org.honkoku.classify.RecognitionScorer;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.ingest.PageRef;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceKind;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.QuarterTurn;
import org.honkoku.segment.Segmenter;
import org.honkoku.store.ReadingOrder;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Runs the transcribe pipeline (load, segment, classify) on one labelled page, exactly as the batch
 * job does but without a database, and measures it against the page's truth boxes. {@link #run} keeps the page's
 * boxes and their readings before context, so that {@link Run#score} can read them in context with other
 * settings ({@link TuneCommand}) without segmenting again.
 */
public final class PipelineEvaluator {

    static final String RARE = "rare";

    private final PageImageLoader loader;
    private final Segmenter segmenter;
    private final Classifier classifier;
    private final Set<String> namedClasses;
    private final Path overlays;
    private final boolean recognise;
    private final double fade;
    private final int turns;

    /**
     * @param overlays  folder for a PNG per page showing hits, misses and false alarms (null: none)
     * @param recognise whether the segmenter reads its candidate boxes with the classifier (as transcribe does)
     */
    public PipelineEvaluator(PageImageLoader loader, Segmenter segmenter, Classifier classifier,
                             Set<String> namedClasses, Path overlays, boolean recognise) {
        this(loader, segmenter, classifier, namedClasses, overlays, recognise, 1, 0);
    }

    /**
     * @param fade  every page is read with its contrast lowered to this share, the paper kept as it is (1: as
     *              scanned): how the pipeline copes with faint ink and washed-out scans ({@code evaluate --fade})
     * @param turns every page and its truth are turned by this many quarter turns clockwise before the page is read,
     *              as a scan on its side or upside down ({@code evaluate --turn})
     */
    public PipelineEvaluator(PageImageLoader loader, Segmenter segmenter, Classifier classifier,
                             Set<String> namedClasses, Path overlays, boolean recognise, double fade, int turns) {
        if (!(fade > 0 && fade <= 1)) {
            throw new IllegalArgumentException("--fade takes a contrast share in (0, 1], got " + fade);
        }
        this.fade = fade;
        this.turns = QuarterTurn.normalise(turns);
        this.recognise = recognise;
        this.loader = loader;
        this.segmenter = segmenter;
        this.classifier = classifier;
        this.namedClasses = namedClasses;
        this.overlays = overlays;
    }

    /**
     * A page segmented and its boxes read one by one (with each box's embedding), less those the model's
     * "not a character" head dropped ({@code dropped}), with the classifier's reading of the truth boxes.
     */
    public record Run(String imageId, List<TruthBox> truth, List<CharBox> boxes, List<Prediction> alone,
                      List<float[]> embeddings, List<CharBox> dropped,
                      int namedCorrect, int namedTotal, int rareCorrect, int rareTotal,
                      double loadSeconds, double segmentSeconds, double classifySeconds, Set<String> named,
                      TruthReading onTruth) {

        /** The page's boxes read in context by {@code reader} (the same network), scored. */
        public Scored score(Classifier reader) {
            long t0 = System.nanoTime();
            List<Prediction> predictions = RecognitionScorer.readInContext(reader, boxes, alone);
            double contextSeconds = (System.nanoTime() - t0) / 1e9;
            List<PredictedPoint> labelled = new ArrayList<>();
            List<PredictedPoint> detected = new ArrayList<>();
            List<PredictedPoint> all = new ArrayList<>();
            double[] confidence = new double[boxes.size()];
            for (int i = 0; i < boxes.size(); i++) {
                CharBox b = boxes.get(i);
                String label = predictions.get(i).best().label();
                confidence[i] = predictions.get(i).confidence();
                detected.add(new PredictedPoint(null, b.centreX(), b.centreY()));
                all.add(new PredictedPoint(label, b.centreX(), b.centreY()));
                if (!RARE.equals(label)) {
                    labelled.add(new PredictedPoint(label, b.centreX(), b.centreY()));
                }
            }
            PageMetrics metrics = new PageMetrics(imageId, boxes.size(), Scorer.score(truth, labelled, true),
                    Scorer.score(truth, detected, false), namedCorrect, namedTotal, rareCorrect, rareTotal,
                    loadSeconds, segmentSeconds, classifySeconds + contextSeconds, confidence,
                    BoxOutcomes.right(truth, all, named), dropped.size(), onCharacters(truth, dropped));
            return new Scored(metrics, predictions, detected, all);
        }
    }

    /**
     * The classifier on a page's truth boxes: the boxes with their place in reading order (columns of the page's
     * segmentation), each read alone, and each one's embedding.
     */
    public record TruthReading(List<CharBox> boxes, List<Prediction> alone, List<float[]> embeddings) {
    }

    /** A page's figures, with its readings and points for drawing. */
    public record Scored(PageMetrics metrics, List<Prediction> predictions, List<PredictedPoint> detected,
                         List<PredictedPoint> all) {
    }

    public PageMetrics evaluate(String imageId, Path imageFile, List<TruthBox> truth) {
        return run(imageId, imageFile, truth, (page, run) -> {
            Scored scored = run.score(classifier);
            if (overlays != null) {
                OverlayWriter.write(overlays.resolve(imageId + ".png"), page, truth, run.boxes(),
                        Scorer.matches(truth, scored.detected(), false), Scorer.matches(truth, scored.all(), true),
                        run.dropped());
            }
            return scored.metrics();
        });
    }

    /** Loads, segments and reads one page, without reading it in context. */
    public Run run(String imageId, Path imageFile, List<TruthBox> truth) {
        return run(imageId, imageFile, truth, (page, run) -> run);
    }

    /** What to do with a page's scan (valid only during the call) and its run. */
    public interface WithPage<T> {
        T apply(Mat page, Run run);
    }

    /**
     * Loads the page (timed as the load stage), runs it, and hands both to {@code then}; the page is released after.
     * A scan read turned the right way up ({@link PageOrientation}) is handed over turned, with its truth boxes and
     * boxes on the turned page.
     */
    public <T> T run(String imageId, Path imageFile, List<TruthBox> truth, WithPage<T> then) {
        long t0 = System.nanoTime();
        Mat loaded = load(imageId, imageFile);
        List<TruthBox> onScan = truth.stream().map(t -> t.turned(loaded.cols(), loaded.rows(), turns)).toList();
        Mat scan = loaded;
        if (turns != 0) {
            scan = QuarterTurn.turn(loaded, turns);
            loaded.release();
        }
        Mat page = scan;
        try {
            long t1 = System.nanoTime();
            PageOrientation.Oriented read = PageOrientation.cut(scan, classifier,
                    (image, reader) -> recognise ? segmenter.segment(image, reader) : segmenter.segment(image));
            page = read.page();
            int width = scan.cols();
            int height = scan.rows();
            List<TruthBox> onPage = onScan.stream().map(t -> t.turned(width, height, read.turns())).toList();
            return then.apply(page, run(imageId, onPage, read.reader(), read.boxes(), t0, t1, System.nanoTime()));
        } finally {
            if (page != scan) {
                page.release();
            }
            scan.release();
        }
    }

    /** A labelled page's image as the pipeline loads it, faded but not turned (the caller's to release). */
    public Mat load(String imageId, Path imageFile) {
        Mat page = loader.load(new PageRef(new SourceFile(imageFile, SourceKind.IMAGE, imageFile.getParent()), "", 0,
                1, imageId));
        if (fade < 1) {
            page.convertTo(page, -1, fade, 255 * (1 - fade));
        }
        return page;
    }

    /**
     * Segments and reads a page already loaded with a recogniser of its own ({@code tune-grouping}: one that groups
     * with a head under trial, sharing the page's readings between trials).
     */
    public Run run(String imageId, Mat page, List<TruthBox> truth, RecognitionScorer reader) {
        return run(imageId, page, truth, reader, System.nanoTime());
    }

    private Run run(String imageId, Mat page, List<TruthBox> truth, RecognitionScorer reader, long t0) {
        long t1 = System.nanoTime();
        List<CharBox> cut = recognise ? segmenter.segment(page, reader) : segmenter.segment(page);
        return run(imageId, truth, reader, cut, t0, t1, System.nanoTime());
    }

    /** Reads a page's boxes, cut between {@code t1} and {@code t2} after loading from {@code t0}, and its truth boxes. */
    private Run run(String imageId, List<TruthBox> truth, RecognitionScorer reader, List<CharBox> cut, long t0,
                    long t1, long t2) {
        RecognitionScorer.Sifted sifted = reader.readAndSift(cut);
        List<CharBox> boxes = sifted.kept();
        List<Prediction> alone = sifted.read().predictions();
        long t3 = System.nanoTime();
        // The classifier alone, on the true boxes: how well it reads what the segmenter should find.
        List<Rect> truthRects = truth.stream().map(TruthBox::rect).toList();
        Classifier.Read truthRead = reader.readFinally(truthRects);
        List<Prediction> onTruth = truthRead.predictions();
        List<CharBox> truthBoxes = ReadingOrder.merge(
                truth.stream().map(t -> new CharBox(0, 0, t.x(), t.y(), t.w(), t.h())).toList(), boxes)
                .subList(0, truth.size());
        int namedCorrect = 0;
        int namedTotal = 0;
        int rareCorrect = 0;
        int rareTotal = 0;
        for (int i = 0; i < truth.size(); i++) {
            String predicted = onTruth.get(i).best().label();
            if (namedClasses.contains(truth.get(i).unicode())) {
                namedTotal++;
                namedCorrect += predicted.equals(truth.get(i).unicode()) ? 1 : 0;
            } else {
                rareTotal++;
                rareCorrect += RARE.equals(predicted) ? 1 : 0;
            }
        }
        return new Run(imageId, truth, boxes, alone, sifted.read().embeddings(), sifted.dropped(),
                namedCorrect, namedTotal, rareCorrect, rareTotal,
                seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2), namedClasses,
                new TruthReading(truthBoxes, onTruth, truthRead.embeddings()));
    }

    /** How many of the boxes have their centre in a truth box. */
    static int onCharacters(List<TruthBox> truth, List<CharBox> boxes) {
        int n = 0;
        for (CharBox b : boxes) {
            n += truth.stream().anyMatch(t -> t.contains(b.centreX(), b.centreY())) ? 1 : 0;
        }
        return n;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
