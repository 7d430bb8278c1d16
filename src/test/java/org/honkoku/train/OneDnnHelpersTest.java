package org.honkoku.train;

import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.honkoku.classify.Nd4jRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The oneDNN bridge must switch the helpers on, and they must compute what DL4J's own code computes. */
class OneDnnHelpersTest {

    @Test
    void helpersAreActiveAndAgreeWithPlainDl4j(@TempDir Path dir) throws Exception {
        Nd4jRuntime.configure();
        assertThat(Nd4jRuntime.helpersActive()).as(Nd4jRuntime.describe()).isTrue();

        MultiLayerNetwork net = new NetworkFactory(new int[]{8, 16, 32}, 64).build(20, 3, 1e-3);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(new int[]{16, 1, 64, 64});
        INDArray y = Nd4j.zeros(16, 20);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 20, 1);
        }
        net.fit(x, y); // non-trivial batch-norm statistics
        assertThat(((ConvolutionLayer) net.getLayer(0)).getHelper()).isInstanceOf(MKLDNNConvHelper.class);
        assertThat(((BatchNormalization) net.getLayer(1)).getHelper()).isInstanceOf(MKLDNNBatchNormHelper.class);
        Path file = dir.resolve("net.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        INDArray withHelpers = net.output(x, false);

        String key = "org.eclipse.deeplearning4j.helpers.disable";
        System.setProperty(key, "true");
        INDArray plain;
        try {
            MultiLayerNetwork reference = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            plain = reference.output(x, false);
            assertThat(((ConvolutionLayer) reference.getLayer(0)).getHelper()).isNull();
        } finally {
            System.setProperty(key, "false");
        }
        assertThat(withHelpers.sub(plain).amaxNumber().doubleValue()).isLessThan(1e-4);
    }
}
