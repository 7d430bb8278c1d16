package org.honkoku.train;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Labelled 64x64 inputs kept as bytes (4 KB each) rather than floats: the whole training set then fits in
 * well under a gigabyte of heap, and float minibatches are built on the fly. Each sample remembers whether it
 * is a font rendering ({@code synthetic}), and whether the augmentation distorts it hard (font renderings, and
 * real crops so few that they would be learnt by heart otherwise) or lightly.
 */
final class SampleSet {

    private final String name;
    private final List<byte[]> images = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final BitSet synthetic = new BitSet();
    private final BitSet hard = new BitSet();

    SampleSet(String name) {
        this.name = name;
    }

    void add(byte[] image, int label) {
        add(image, label, false);
    }

    void add(byte[] image, int label, boolean isSynthetic) {
        add(image, label, isSynthetic, isSynthetic);
    }

    /** A real crop that the augmentation distorts as hard as a font rendering. */
    void addHard(byte[] image, int label) {
        add(image, label, false, true);
    }

    private void add(byte[] image, int label, boolean isSynthetic, boolean distortHard) {
        synthetic.set(images.size(), isSynthetic);
        hard.set(images.size(), distortHard);
        images.add(image);
        labels.add(label);
    }

    /** Adds sample {@code i} of {@code other} as it is there (image, label, flags). */
    void addLike(SampleSet other, int i) {
        add(other.image(i), other.label(i), other.isSynthetic(i), other.distortHard(i));
    }

    /** Adds every sample of {@code other} {@code copies} times (each copy is augmented afresh in training). */
    void addAll(SampleSet other, int copies) {
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < other.size(); i++) {
                add(other.image(i), other.label(i), other.isSynthetic(i), other.distortHard(i));
            }
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

    boolean isSynthetic(int i) {
        return synthetic.get(i);
    }

    boolean distortHard(int i) {
        return hard.get(i);
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

    int syntheticCount() {
        return synthetic.cardinality();
    }

    /** Every {@code step}-th sample: a cheaper validation set for progress lines. */
    SampleSet every(int step) {
        SampleSet s = new SampleSet(name);
        for (int i = 0; i < size(); i += Math.max(1, step)) {
            s.add(images.get(i), labels.get(i), synthetic.get(i), hard.get(i));
        }
        return s;
    }
}
