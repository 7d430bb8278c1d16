package org.honkoku.memory;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.honkoku.classify.RecognitionScorer;
import org.honkoku.segment.CharBox;

/**
 * A page's boxes read with a manuscript's memory, the same way in transcribe, {@code reread --adapt} and
 * {@code evaluate --review-first}: each box by the manuscript's head ({@link ManuscriptHead}; the shipped softmax where
 * there is none), the page in context and calibrated as without a memory ({@link Classifier#inContext}), then each box's
 * look-alike vote ({@link MemoryReader}).
 */
public final class PageReader {

    private final Classifier classifier;
    private final MemoryReader votes;

    public PageReader(Classifier classifier, MemoryReader votes) {
        this.classifier = classifier;
        this.votes = votes;
    }

    public MemoryReader votes() {
        return votes;
    }

    /**
     * @param boxes      the page's boxes in reading order
     * @param alone      each box read alone by the shipped network (kept where a box has no embedding)
     * @param embeddings each box's embedding, or null
     * @param boxIds     each box's id, left out of its own vote (0: none)
     * @param head       the manuscript's head, or null
     */
    public List<Prediction> read(List<CharBox> boxes, List<Prediction> alone, List<float[]> embeddings, long[] boxIds,
                                 GlyphMemory memory, ManuscriptHead head) {
        List<Prediction> first = new ArrayList<>(alone);
        if (head != null) {
            List<Integer> with = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < boxes.size(); i++) {
                if (embeddings.get(i) != null) {
                    with.add(i);
                    vectors.add(embeddings.get(i));
                }
            }
            List<Prediction> read = head.read(vectors);
            for (int j = 0; j < with.size(); j++) {
                first.set(with.get(j), read.get(j));
            }
        }
        List<Prediction> inContext = RecognitionScorer.readInContext(classifier, boxes, first);
        List<List<Neighbour>> near = memory.nearest(embeddings, votes.k(), boxIds);
        List<Prediction> out = new ArrayList<>(inContext.size());
        for (int i = 0; i < inContext.size(); i++) {
            out.add(near.get(i).isEmpty() ? inContext.get(i) : votes.read(inContext.get(i), near.get(i)));
        }
        return out;
    }

    /**
     * The head for a memory: fitted on its glyphs, or null while it has fewer than {@link MemoryReader#MIN_OWN} (a
     * handful of reviews would move the class biases too far: three "rare" out of five would make a hand all rare).
     */
    public ManuscriptHead head(GlyphMemory memory) {
        if (memory.size() < MemoryReader.MIN_OWN) {
            return null;
        }
        List<MemoryGlyph> glyphs = memory.glyphs();
        return ManuscriptHead.fit(classifier, glyphs.stream().map(MemoryGlyph::vector).toList(),
                glyphs.stream().map(MemoryGlyph::label).toList());
    }
}
