package org.honkoku.memory;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.classify.ClassIndex;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The classifier's softmax layer fitted to one manuscript's reviewed glyphs: a few steps of gradient descent on their
 * embeddings (the last hidden layer, which the rest of the network is not changed for) with an L2 pull back to the
 * shipped weights, so that a handful of reviews moves the class boundaries of this hand only where they were wrong.
 * Measured with {@code evaluate --review-first}: on the one dev page the network never saw, it reads more of the
 * unreviewed half right than the look-alike vote alone (see README, "Learning from corrections"). A fit takes about
 * 1.5 s for 200 glyphs and 5 s for 2,000 on this machine's two cores (50 steps of two matrix products); it is cached
 * per memory version.
 * <p>
 * The {@code rare} output is not fitted: it stands for thousands of different characters, and pulled towards the few
 * a person reviewed as {@code rare} it read other characters of the hand that the network reads less surely as
 * {@code rare} too (on the dev pages, {@code evaluate --review-first 0.5} on the segmenter's boxes, {@code --review-on
 * boxes}: all books 0.768 → 0.762 with it fitted, → 0.772 without; on the truth boxes 0.931 → 0.949 either way). A
 * glyph reviewed as {@code rare} still counts: it pushes down the named readings the head gave it.
 */
public final class ManuscriptHead {

    public static final int STEPS = 50;
    /** Fitted on at most this many glyphs (the most recently reviewed): a fit stays within seconds. */
    public static final int MAX_GLYPHS = 2000;
    public static final double RATE = 0.1;
    public static final double PULL = 0.01;

    /**
     * How a head is fitted: {@code steps} of gradient descent ({@code 0}: no head, the network's own softmax reads
     * the manuscript), each moving by {@code rate} times the gradient, with an L2 {@code pull} to the shipped weights.
     */
    public record Settings(int steps, double rate, double pull) {

        public static final Settings SHIPPED = new Settings(STEPS, RATE, PULL);

        public Settings {
            if (steps < 0 || rate <= 0 || pull < 0) {
                throw new IllegalArgumentException("the head needs steps >= 0, rate > 0, pull >= 0");
            }
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "steps=%d,rate=%s,pull=%s", steps, rate, pull);
        }
    }

    private final Classifier classifier;
    private final INDArray weights;
    private final INDArray biases;

    private ManuscriptHead(Classifier classifier, INDArray weights, INDArray biases) {
        this.classifier = classifier;
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * Fits the head to the memory's glyphs (rows of embeddings, as the classifier made them, not unit vectors).
     * Glyphs a person found to be no character are left out: the classifier has no class for them.
     */
    public static ManuscriptHead fit(Classifier classifier, List<float[]> embeddings, List<String> labels) {
        return fit(classifier, embeddings, labels, Settings.SHIPPED);
    }

    /** Fits the head as {@code settings} say. */
    public static ManuscriptHead fit(Classifier classifier, List<float[]> embeddings, List<String> labels,
                                     Settings settings) {
        INDArray[] start = classifier.head();
        ClassIndex classes = classifier.classes();
        List<float[]> rows = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            int c = classes.indexOf(labels.get(i));
            if (c >= 0) {
                rows.add(embeddings.get(i));
                targets.add(c);
            }
        }
        if (rows.isEmpty()) {
            return new ManuscriptHead(classifier, start[0], start[1]);
        }
        int n = rows.size();
        float[] y = new float[n * classes.size()];
        for (int r = 0; r < n; r++) {
            y[r * classes.size() + targets.get(r)] = 1;
        }
        INDArray xs = Embeddings.matrix(rows);
        INDArray ys = Nd4j.create(y, new long[]{n, classes.size()}, 'c');
        int rare = classes.indexOf(ClassIndex.RARE);
        INDArray w0 = start[0];
        INDArray b0 = start[1];
        INDArray w = w0.dup();
        INDArray b = b0.dup();
        for (int step = 0; step < settings.steps(); step++) {
            INDArray g = Classifier.softmax(xs.mmul(w).addiRowVector(b)).subi(ys).divi(n);
            INDArray gw = xs.transpose().mmul(g).addi(w.sub(w0).muli(settings.pull()));
            INDArray gb = g.sum(true, 0).addi(b.sub(b0).muli(settings.pull()));
            // `rare` stays as shipped: its reviewed glyphs still push down the named readings they were taken for
            gw.getColumn(rare).assign(0);
            gb.getColumn(rare).assign(0);
            w.subi(gw.muli(settings.rate()));
            b.subi(gb.muli(settings.rate()));
        }
        return new ManuscriptHead(classifier, w, b);
    }

    /** Boxes' embeddings (rows as the classifier made them) → predictions with this head. */
    public List<Prediction> read(List<float[]> embeddings) {
        return embeddings.isEmpty() ? List.of() : classifier.readHidden(Embeddings.matrix(embeddings), weights, biases);
    }
}
