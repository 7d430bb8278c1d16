package org.honkoku.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Labelled 64x64 inputs kept as bytes (4 KB each) rather than floats: the whole training set then fits in
 * about 0.5 GB of heap, and float minibatches are built on the fly.
 */
final class SampleSet {

    private final String name;
    private final List<byte[]> images = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();

    SampleSet(String name) {
        this.name = name;
    }

    void add(byte[] image, int label) {
        images.add(image);
        labels.add(label);
    }

    void addAll(SampleSet other, int copies) {
        for (int c = 0; c < copies; c++) {
            images.addAll(other.images);
            labels.addAll(other.labels);
        }
    }

    String name() {
        return name;
    }

    int size() {
        return images.size();
    }

    byte[] image(int i) {
        return images.get(i);
    }

    int label(int i) {
        return labels.get(i);
    }

    int count(int label) {
        int n = 0;
        for (int l : labels) {
            if (l == label) {
                n++;
            }
        }
        return n;
    }

    /** Every {@code step}-th sample: a cheaper validation set for progress lines. */
    SampleSet every(int step) {
        SampleSet s = new SampleSet(name);
        for (int i = 0; i < size(); i += Math.max(1, step)) {
            s.add(images.get(i), labels.get(i));
        }
        return s;
    }
}
