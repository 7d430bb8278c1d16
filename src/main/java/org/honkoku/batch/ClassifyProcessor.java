package org.honkoku.batch;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.honkoku.classify.RecognitionScorer;
import org.honkoku.store.Glyph;
import org.honkoku.store.TranscribedPage;
import org.opencv.core.Mat;
import org.springframework.batch.item.ItemProcessor;

/** Batch adapter of the classify stage: reads every box of a page in one batched call, then in context. */
class ClassifyProcessor implements ItemProcessor<SegmentedPage, TranscribedPage> {

    private final Classifier classifier;

    ClassifyProcessor(Classifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public TranscribedPage process(SegmentedPage segmented) {
        Mat image = segmented.image();
        try {
            TimeLimitedProcessor.checkInterrupted();
            long start = System.nanoTime();
            // the segmenter's recogniser has read the boxes it kept already; otherwise they are read here
            RecognitionScorer reader = segmented.reader() != null ? segmented.reader()
                    : new RecognitionScorer(classifier, image);
            List<Prediction> predictions = reader.readInContext(segmented.boxes());
            List<Glyph> glyphs = new ArrayList<>(predictions.size());
            for (int i = 0; i < predictions.size(); i++) {
                glyphs.add(new Glyph(segmented.boxes().get(i), predictions.get(i)));
            }
            var times = new TranscribedPage.StageTimes(segmented.loadMs(), segmented.segmentMs(),
                    SegmentProcessor.millis(System.nanoTime() - start));
            return new TranscribedPage(segmented.page(), image.cols(), image.rows(), glyphs,
                    classifier.version(), times);
        } finally {
            image.release();
        }
    }
}
