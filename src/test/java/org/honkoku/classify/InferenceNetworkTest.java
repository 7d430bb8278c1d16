package org.honkoku.classify;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The network rebuilt for reading must read exactly as the trained one, with its batch norms gone. */
class InferenceNetworkTest {

    @Test
    void theShippedNetworkFoldedReadsRealCropsAsTrained() throws Exception {
        Nd4jRuntime.configure();
        MultiLayerNetwork trained = ModelSerializer.restoreMultiLayerNetwork(
                ShippedModel.DIR.resolve(Classifier.DEFAULT_NETWORK).toFile(), false);
        List<ShippedModel.Image> images = ShippedModel.named("kkanji/images.u8.gz", "kkanji/labels.txt", 64, 24);
        float[][] inputs = images.stream().map(i -> Preprocess.toInput(i.asScan())).toArray(float[][]::new);
        INDArray batch = FloatRows.array(inputs, 0, inputs.length, Preprocess.PIXELS, inputs.length, 1,
                Preprocess.SIZE, Preprocess.SIZE);

        InferenceNetwork reading = InferenceNetwork.of(trained);

        assertThat(reading.folded()).isTrue();
        assertThat(Arrays.stream(reading.network().getLayers()).map(l -> l.getClass().getSimpleName()))
                .doesNotContain("BatchNormalization", "ActivationLayer");
        INDArray expected = trained.output(batch, false);
        INDArray got = reading.network().output(reading.input(batch), false);
        assertThat(expected.sub(got).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(got.argMax(1)).isEqualTo(expected.argMax(1));
    }

    @Test
    void foldsBiasesAndBatchNormStatisticsOfEveryKind() {
        // a conv with a bias of its own, batch norms with statistics far from 0 and 1, a pool that is not the last
        // step before the dense layer: each part of the fold is needed for the outputs to agree
        MultiLayerNetwork trained = small(true);
        trained.getLayers()[1].paramTable().values().forEach(p -> p.assign(Nd4j.rand(DataType.FLOAT, p.shape()).addi(0.5)));
        trained.getLayers()[5].paramTable().values().forEach(p -> p.assign(Nd4j.rand(DataType.FLOAT, p.shape()).addi(0.5)));
        trained.getLayer(0).getParam("b").assign(Nd4j.rand(DataType.FLOAT, trained.getLayer(0).getParam("b").shape()));
        INDArray probe = Nd4j.rand(DataType.FLOAT, 5, 1, Preprocess.SIZE, Preprocess.SIZE);

        InferenceNetwork reading = InferenceNetwork.of(trained);

        assertThat(reading.folded()).isTrue();
        assertThat(reading.network().getnLayers()).isEqualTo(4);
        INDArray expected = trained.output(probe, false);
        INDArray got = reading.network().output(reading.input(probe), false);
        assertThat(expected.sub(got).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void aNetworkOfOtherLayersIsReadAsTrained() {
        MultiLayerNetwork trained = small(false);

        InferenceNetwork reading = InferenceNetwork.of(trained);

        assertThat(reading.folded()).isFalse();
        assertThat(reading.network()).isSameAs(trained);
        INDArray probe = Nd4j.rand(DataType.FLOAT, 2, 1, Preprocess.SIZE, Preprocess.SIZE);
        assertThat(reading.input(probe)).isSameAs(probe);
    }

    /** conv (bias) + BN + ReLU, max-pool, dense + BN + ReLU, softmax; or with a ReLU conv activation (not folded here). */
    private static MultiLayerNetwork small(boolean identityConv) {
        Nd4jRuntime.configure();
        var list = new NeuralNetConfiguration.Builder().seed(7).convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(4).stride(2, 2).hasBias(true)
                        .activation(identityConv ? Activation.IDENTITY : Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.IDENTITY).hasBias(false).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(Preprocess.SIZE, Preprocess.SIZE, 1));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
