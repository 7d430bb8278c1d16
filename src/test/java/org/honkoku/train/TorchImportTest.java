package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A network written by {@code scripts/gpu_train.py} (fixtures made by {@code src/test/resources/torch/make_fixture.py}
 * with that script's own network and export) must compute in DL4J what it computed in PyTorch, and an export whose
 * outputs DL4J does not reproduce must be refused.
 */
class TorchImportTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(TorchImportTest.class.getResource("/torch/" + name).toURI());
    }

    @Test
    void aPyTorchNetworkReadsTheSameInDl4j() throws Exception {
        TorchImport.Imported imported = TorchImport.load(fixture("tiny.npz"), 4);
        assertThat(imported.probes()).isEqualTo(4);
        assertThat(imported.probeDifference()).isLessThan(1e-5);
        assertThat(imported.net().numParams()).isEqualTo(new NetworkFactory(new int[]{4, 8}, 16).build(4, 0, 1e-3).numParams());
        assertThat(imported.trainCounts()).containsExactly(10, 20, 30, 5);
    }

    @Test
    void anExportDl4jDoesNotReproduceIsRefused() {
        // the same weights, but probe outputs of a network padded before rather than after its stride-2 stem
        assertThatThrownBy(() -> TorchImport.load(fixture("shifted.npz"), 4))
                .isInstanceOf(IOException.class).hasMessageContaining("differ");
    }

    @Test
    void aNetworkOfAnotherClassCountIsRefused() {
        assertThatThrownBy(() -> TorchImport.load(fixture("tiny.npz"), 514))
                .isInstanceOf(IOException.class).hasMessageContaining("shape");
    }

    @Test
    void everyBatchNormIsFollowedByAReluThatActs() {
        MultiLayerNetwork net = new NetworkFactory(new int[]{4, 8}, 16).build(5, 1, 1e-3);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(new int[]{8, 1, 64, 64});
        INDArray y = Nd4j.zeros(8, 5);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 5, 1);
        }
        net.fit(x, y);
        List<INDArray> activations = net.feedForward(x, false);
        int checked = 0;
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            if (net.getLayer(layer) instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                // feedForward's list starts with the input: the layer after batch norm i gives entry i + 2. Batch
                // norm's output is centred, so without a working ReLU half of it would be negative (as it was when
                // the ReLU was asked of BatchNormalization itself, which ignores it).
                INDArray after = activations.get(layer + 2);
                assertThat(after.minNumber().doubleValue()).as("after batch norm %d", layer).isEqualTo(0);
                double zeros = after.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
                assertThat(zeros).as("share cut to 0 after batch norm %d", layer).isBetween(0.05, 0.95);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3);
    }
}
