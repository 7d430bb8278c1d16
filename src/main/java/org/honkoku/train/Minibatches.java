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

    /** @param augmenter null for evaluation batches */
    Minibatches(int classes, Augmenter augmenter, Random random) {
        this.classes = classes;
        this.augmenter = augmenter;
        this.random = random;
    }

    static Minibatches plain(int classes) {
        return new Minibatches(classes, null, null);
    }

    DataSet batch(SampleSet set, int[] order, int from, int n) {
        float[] features = new float[n * Preprocess.PIXELS];
        float[] labels = new float[n * classes];
        for (int i = 0; i < n; i++) {
            int s = order == null ? from + i : order[from + i];
            byte[] image = set.image(s);
            if (augmenter != null) {
                byte[] neighbour = set.image(random.nextInt(set.size()));
                image = augmenter.apply(image, set.isSynthetic(s), neighbour);
            }
            int base = i * Preprocess.PIXELS;
            for (int p = 0; p < Preprocess.PIXELS; p++) {
                features[base + p] = (image[p] & 0xFF) / 255f;
            }
            labels[i * classes + set.label(s)] = 1f;
        }
        INDArray x = Nd4j.create(features, new long[]{n, 1, Preprocess.SIZE, Preprocess.SIZE}, 'c');
        INDArray y = Nd4j.create(labels, new long[]{n, classes}, 'c');
        return new DataSet(x, y);
    }
}
