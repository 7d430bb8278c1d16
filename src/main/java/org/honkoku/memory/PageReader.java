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
 * look-alike vote ({@link MemoryReader}); last, a box the network alone read surely (in context, at least the settings'
 * {@code keep}) keeps the network's reading ({@link MemoryReader#guard}).
 */
public final class PageReader {

    private final Classifier classifier;
    private final MemoryReader votes;
    private ManuscriptHead shipped;

    public PageReader(Classifier classifier, MemoryReader votes) {
        this.classifier = classifier;
        this.votes = votes;
    }

    /**
     * The page read with the memory, the network's own reading worked out here.
     *
     * @param alone each box read alone by the shipped network, before context (a decided box: its reading, certain)
     * @see #read(List, List, List, List, long[], GlyphMemory, ManuscriptHead)
     */
    public List<Prediction> read(List<CharBox> boxes, List<Prediction> alone, List<float[]> embeddings, long[] boxIds,
                                 GlyphMemory memory, ManuscriptHead head) {
        return read(boxes, alone, RecognitionScorer.readInContext(classifier, boxes, alone), embeddings, boxIds, memory,
                head);
    }

    /**
     * @param boxes      the page's boxes in reading order
     * @param alone      each box's reading where it has no embedding (the head reads the others)
     * @param network    each box as the network alone read it, in context and calibrated: the reading without a head,
     *                   and what the guard keeps
     * @param embeddings each box's embedding, or null
     * @param boxIds     each box's id, left out of its own vote (null or 0: none)
     * @param head       the manuscript's head, or null
     */
    public List<Prediction> read(List<CharBox> boxes, List<Prediction> alone, List<Prediction> network,
                                 List<float[]> embeddings, long[] boxIds, GlyphMemory memory, ManuscriptHead head) {
        List<Prediction> first = head == null ? network : inContext(boxes, alone, embeddings, head);
        List<Prediction> read = vote(first, embeddings, boxIds, memory);
        if (!votes.guards()) {
            return read;
        }
        List<Prediction> out = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            out.add(votes.guard(network.get(i), read.get(i)));
        }
        return out;
    }

    /** The page read by the head (the boxes with an embedding; the others as {@code alone} has them), in context. */
    public List<Prediction> inContext(List<CharBox> boxes, List<Prediction> alone, List<float[]> embeddings,
                                      ManuscriptHead head) {
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
        return RecognitionScorer.readInContext(classifier, boxes, first);
    }

    /** Each box's reading (in context) with its nearest reviewed glyphs' votes. */
    public List<Prediction> vote(List<Prediction> inContext, List<float[]> embeddings, long[] boxIds,
                                 GlyphMemory memory) {
        if (votes.k() == 0) {
            return inContext;
        }
        List<List<Neighbour>> near = memory.nearest(embeddings, votes.k(), boxIds);
        List<Prediction> out = new ArrayList<>(inContext.size());
        for (int i = 0; i < inContext.size(); i++) {
            out.add(near.get(i).isEmpty() ? inContext.get(i) : votes.read(inContext.get(i), near.get(i)));
        }
        return out;
    }

    /** The network's own softmax layer as a head (made once): reads an embedding as the network read its crop. */
    public synchronized ManuscriptHead shippedHead() {
        if (shipped == null) {
            shipped = ManuscriptHead.fit(classifier, List.of(), List.of());
        }
        return shipped;
    }

    /**
     * The head for a memory: fitted on its glyphs, or null while it has fewer than {@link MemoryReader#MIN_OWN} (a
     * handful of reviews would move the class biases too far: three "rare" out of five would make a hand all rare), or
     * when the settings switch the head off ({@code steps=0}).
     */
    public ManuscriptHead head(GlyphMemory memory) {
        if (memory.size() < MemoryReader.MIN_OWN || votes.head().steps() == 0) {
            return null;
        }
        List<MemoryGlyph> glyphs = memory.glyphs();
        return ManuscriptHead.fit(classifier, glyphs.stream().map(MemoryGlyph::vector).toList(),
                glyphs.stream().map(MemoryGlyph::label).toList(), votes.head());
    }
}
