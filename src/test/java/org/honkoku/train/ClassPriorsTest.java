package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.honkoku.classify.ClassIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClassPriorsTest {

    private static final ClassIndex CLASSES = new ClassIndex(List.of("U+304B", "U+52A0")); // か, 加, rare

    @Test
    void raisesTheClassesRealTextHoldsMoreOftenThanTheTrainingSetAndCanBeTakenOutAgain(@TempDir Path dir)
            throws Exception {
        // given a training set with as many 加 as か, and text where か is nine times as frequent
        SampleSet train = new SampleSet("train");
        for (int i = 0; i < 10; i++) {
            train.add(new byte[64 * 64], 0);
            train.add(new byte[64 * 64], 1);
            train.add(new byte[64 * 64], 2);
        }
        Path counts = dir.resolve("counts.tsv");
        Files.writeString(counts, "U+304B\t900\nU+52A0\t100\nU+4E00\t100\n");
        MultiLayerNetwork net = new NetworkFactory(new int[]{4}, 8).build(3, 1, 1e-3);
        INDArray x = Nd4j.rand(new int[]{1, 1, 64, 64});
        float[] before = net.output(x).toFloatVector();

        // when the correction is applied
        ClassPriors priors = ClassPriors.of(train, counts, CLASSES, 1.0);
        priors.apply(net);
        float[] after = net.output(x).toFloatVector();

        // then the odds of か against 加 grow ninefold, and removing the correction restores the network
        assertThat((after[0] / after[1]) / (before[0] / before[1])).isCloseTo(9.0f, within(0.01f));
        priors.write(dir, CLASSES);
        ClassPriors.read(dir, 3).remove(net);
        assertThat(net.output(x).toFloatVector()).containsExactly(before, within(1e-5f));
    }

    @Test
    void aModelWithoutTheFileHasNoCorrection(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new NetworkFactory(new int[]{4}, 8).build(3, 1, 1e-3);
        INDArray x = Nd4j.rand(new int[]{1, 1, 64, 64});
        float[] before = net.output(x).toFloatVector();
        ClassPriors none = ClassPriors.read(dir, 3);
        none.remove(net);
        assertThat(none.tau()).isZero();
        assertThat(net.output(x).toFloatVector()).containsExactly(before, within(1e-7f));
    }
}
