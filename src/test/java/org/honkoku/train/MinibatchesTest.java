package org.honkoku.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** Float minibatches from byte samples: inputs scaled to [0,1], one-hot or smoothed targets. */
class MinibatchesTest {

    @Test
    void targetsAreOneHotOrSmoothedAndSumToOne() {
        SampleSet set = new SampleSet("two");
        byte[] image = new byte[64 * 64];
        image[0] = (byte) 255;
        set.add(image, 3);
        set.addHard(image, 7);

        DataSet plain = Minibatches.plain(10).batch(set, null, 0, 2);
        assertThat(plain.getFeatures().getFloat(0, 0, 0, 0)).isEqualTo(1f);
        assertThat(plain.getLabels().getRow(0).toFloatVector()).containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 0, 0);

        DataSet smoothed = new Minibatches(10, null, new Random(1), 0.1).batch(set, null, 0, 2);
        float[] second = smoothed.getLabels().getRow(1).toFloatVector();
        assertThat(second[7]).isCloseTo(0.9f + 0.01f, within(1e-6f));
        assertThat(second[0]).isCloseTo(0.01f, within(1e-6f));
        assertThat(smoothed.getLabels().sumNumber().doubleValue()).isCloseTo(2.0, within(1e-5));
    }

    @Test
    void aHardCropCountsAsRealAndKeepsItsFlagThroughCopies() {
        SampleSet set = new SampleSet("pages");
        set.addHard(new byte[64 * 64], 1);
        set.add(new byte[64 * 64], 2);
        SampleSet copies = new SampleSet("train");
        copies.addAll(set, 2);
        assertThat(copies.size()).isEqualTo(4);
        assertThat(copies.distortHard(0)).isTrue();
        assertThat(copies.isSynthetic(0)).isFalse();
        assertThat(copies.distortHard(1)).isFalse();
        assertThat(copies.distortHard(2)).isTrue();
        assertThat(copies.syntheticCount()).isZero();
    }
}
