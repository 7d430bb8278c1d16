package org.honkoku.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.honkoku.classify.RecognitionScorer;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.ingest.PageRef;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceKind;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.Segmenter;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Runs the transcribe pipeline (load, segment, classify) on one labelled page, exactly as the batch
 * job does but without a database, and measures it against the page's truth boxes.
 */
public final class PipelineEvaluator {

    static final String RARE = "rare";

    private final PageImageLoader loader;
    private final Segmenter segmenter;
    private final Classifier classifier;
    private final Set<String> namedClasses;
    private final Path overlays;
    private final boolean recognise;

    /**
     * @param overlays  folder for a PNG per page showing hits, misses and false alarms (null: none)
     * @param recognise whether the segmenter reads its candidate boxes with the classifier (as transcribe does)
     */
    public PipelineEvaluator(PageImageLoader loader, Segmenter segmenter, Classifier classifier,
                             Set<String> namedClasses, Path overlays, boolean recognise) {
        this.recognise = recognise;
        this.loader = loader;
        this.segmenter = segmenter;
        this.classifier = classifier;
        this.namedClasses = namedClasses;
        this.overlays = overlays;
    }

    public PageMetrics evaluate(String imageId, Path imageFile, List<TruthBox> truth) {
        long t0 = System.nanoTime();
        SourceFile source = new SourceFile(imageFile, SourceKind.IMAGE, imageFile.getParent());
        Mat page = loader.load(new PageRef(source, "", 0, 1, imageId));
        try {
            long t1 = System.nanoTime();
            RecognitionScorer reader = new RecognitionScorer(classifier, page);
            List<CharBox> boxes = recognise ? segmenter.segment(page, reader) : segmenter.segment(page);
            long t2 = System.nanoTime();
            List<Prediction> predictions = reader.readInContext(boxes);
            long t3 = System.nanoTime();

            List<PredictedPoint> labelled = new ArrayList<>();
            List<PredictedPoint> detected = new ArrayList<>();
            List<PredictedPoint> all = new ArrayList<>();
            for (int i = 0; i < boxes.size(); i++) {
                CharBox b = boxes.get(i);
                String label = predictions.get(i).best().label();
                detected.add(new PredictedPoint(null, b.centreX(), b.centreY()));
                all.add(new PredictedPoint(label, b.centreX(), b.centreY()));
                if (!RARE.equals(label)) {
                    labelled.add(new PredictedPoint(label, b.centreX(), b.centreY()));
                }
            }
            if (overlays != null) {
                OverlayWriter.write(overlays.resolve(imageId + ".png"), page, truth, boxes,
                        Scorer.matches(truth, detected, false), Scorer.matches(truth, all, true));
            }
            // The classifier alone, on the true boxes: how well it reads what the segmenter should find.
            List<Prediction> onTruth = reader.read(truth.stream()
                    .map(t -> new Rect(t.x(), t.y(), t.w(), t.h())).toList());
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
            return new PageMetrics(imageId, boxes.size(), Scorer.score(truth, labelled, true),
                    Scorer.score(truth, detected, false), namedCorrect, namedTotal, rareCorrect, rareTotal,
                    seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2));
        } finally {
            page.release();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
