package org.honkoku.batch;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.honkoku.classify.RecognitionScorer;
import org.honkoku.memory.GlyphMemoryService;
import org.honkoku.segment.CharBox;
import org.honkoku.store.Glyph;
import org.honkoku.store.TranscribedPage;
import org.opencv.core.Mat;
import org.springframework.batch.item.ItemProcessor;

/**
 * Batch adapter of the classify stage: reads every box of a page in one batched call, then in context, then with the
 * manuscript's glyph memory (when there is one: {@link GlyphMemoryService}).
 */
class ClassifyProcessor implements ItemProcessor<SegmentedPage, TranscribedPage> {

    private final Classifier classifier;
    private final GlyphMemoryService memory;

    /** @param memory the glyph memory, or null to read without one */
    ClassifyProcessor(Classifier classifier, GlyphMemoryService memory) {
        this.classifier = classifier;
        this.memory = memory;
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
            // boxes the model's "not a character" head rejects (rule pieces, specks, drawings) are not stored
            RecognitionScorer.Sifted sifted = reader.readAndSift(segmented.boxes());
            List<CharBox> boxes = sifted.kept();
            Classifier.Read alone = sifted.read();
            GlyphMemoryService.Adapted read;
            if (memory != null) {
                read = memory.readPage(segmented.page().id(), boxes, alone.predictions(), alone.embeddings());
            } else {
                List<Prediction> inContext = RecognitionScorer.readInContext(classifier, boxes, alone.predictions());
                read = new GlyphMemoryService.Adapted(inContext, inContext, 0);
            }
            List<Prediction> predictions = read.predictions();
            List<Prediction> base = read.base();
            List<Glyph> glyphs = new ArrayList<>(predictions.size());
            for (int i = 0; i < predictions.size(); i++) {
                glyphs.add(new Glyph(boxes.get(i), predictions.get(i), base.get(i), alone.embeddings().get(i)));
            }
            var times = new TranscribedPage.StageTimes(segmented.loadMs(), segmented.segmentMs(),
                    SegmentProcessor.millis(System.nanoTime() - start));
            return new TranscribedPage(segmented.page(), image.cols(), image.rows(), glyphs,
                    classifier.readingVersion(), times, read.memoryVersion(), segmented.turns());
        } finally {
            image.release();
        }
    }
}
