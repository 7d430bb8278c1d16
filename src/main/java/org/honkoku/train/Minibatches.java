package org.honkoku.train;

import org.honkoku.classify.Preprocess;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Builds float minibatches from byte samples on the fly, so only one batch of floats exists at a time. */
final class Minibatches {

    private final int classes;
    private final Augmenter augmenter;
    private final Random random;
    private final float smoothing;

    /**
     * @param augmenter null for evaluation batches
     * @param smoothing label smoothing: the target is {@code 1 - smoothing} on the true class and
     *                  {@code smoothing} spread evenly over all classes
     */
    Minibatches(int classes, Augmenter augmenter, Random random, double smoothing) {
        this.classes = classes;
        this.augmenter = augmenter;
        this.random = random;
        this.smoothing = (float) smoothing;
    }

    static Minibatches plain(int classes) {
        return new Minibatches(classes, null, null, 0);
    }

    DataSet batch(SampleSet set, int[] order, int from, int n) {
        float[] features = new float[n * Preprocess.PIXELS];
        float[] labels = new float[n * classes];
        if (smoothing > 0) {
            java.util.Arrays.fill(labels, smoothing / classes);
        }
        for (int i = 0; i < n; i++) {
            int s = order == null ? from + i : order[from + i];
            byte[] image = set.image(s);
            if (augmenter != null) {
                byte[] neighbour = set.image(random.nextInt(set.size()));
                image = augmenter.apply(image, set.distortHard(s), neighbour);
            }
            int base = i * Preprocess.PIXELS;
            for (int p = 0; p < Preprocess.PIXELS; p++) {
                features[base + p] = (image[p] & 0xFF) / 255f;
            }
            labels[i * classes + set.label(s)] += 1f - smoothing;
        }
        INDArray x = Nd4j.create(features, new long[]{n, 1, Preprocess.SIZE, Preprocess.SIZE}, 'c');
        INDArray y = Nd4j.create(labels, new long[]{n, classes}, 'c');
        return new DataSet(x, y);
    }
}
