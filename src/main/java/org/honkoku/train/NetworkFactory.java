package org.honkoku.train;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.honkoku.classify.Nd4jRuntime;
import org.honkoku.classify.Preprocess;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.Locale;

/**
 * The classifier's CNN: a stride-2 3x3 conv stem, then blocks of 3x3 conv, batch norm, ReLU and 2x2 max-pool,
 * then one dense layer and a softmax. Sized for 2 CPU cores (see MODEL.md for measured speed); {@code channels} picks the width.
 */
public final class NetworkFactory {

    /** Channels per conv block of the shipped model: four blocks take 64x64 down to 4x4. */
    public static final int[] DEFAULT_CHANNELS = {24, 48, 96, 192};
    public static final int DEFAULT_DENSE = 512;

    private final int[] channels;
    private final int dense;

    public NetworkFactory(int[] channels, int dense) {
        this.channels = channels.clone();
        this.dense = dense;
    }

    public static NetworkFactory standard() {
        return new NetworkFactory(DEFAULT_CHANNELS, DEFAULT_DENSE);
    }

    public MultiLayerNetwork build(int classes, long seed, double learningRate) {
        Nd4jRuntime.configure();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .l2(1e-5)
                .convolutionMode(ConvolutionMode.Same)
                .list();
        int in = 1;
        boolean first = true;
        for (int c : channels) {
            // The first conv has stride 2 instead of a pool: full-resolution activations, their batch norm
            // and pooling cost more time on CPU than their few multiply-adds suggest (measured ~20% faster).
            boolean strided = first;
            list.layer(new ConvolutionLayer.Builder(3, 3).nIn(in).nOut(c).stride(strided ? 2 : 1, strided ? 2 : 1)
                            .activation(Activation.IDENTITY).hasBias(false).build())
                    .layer(new BatchNormalization.Builder().build())
                    .layer(relu());
            if (!strided) {
                list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build());
            }
            in = c;
            first = false;
        }
        list.layer(new DenseLayer.Builder().nOut(dense).activation(Activation.IDENTITY).hasBias(false).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(relu())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).dropOut(0.75).build())
                .setInputType(InputType.convolutional(Preprocess.SIZE, Preprocess.SIZE, 1));
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * A ReLU layer of its own: DL4J 1.0.0-M2.1's {@code BatchNormalization} ignores the activation it is given (its
     * output is the normalised input, negative values and all: measured on the probe of {@link TorchImport}), so
     * the networks before 2026-12-04, built with {@code BatchNormalization.Builder().activation(RELU)}, had no
     * ReLU after batch norm; their only non-linearities were the max-pools and the softmax.
     */
    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    /** Multiply-accumulates per image of one forward pass (FLOPs are twice this). */
    public long macs(int classes) {
        long total = 0;
        int side = Preprocess.SIZE / 2;
        int in = 1;
        for (int c : channels) {
            total += (long) side * side * 9 * in * c;
            if (in != 1) {
                side /= 2;
            }
            in = c;
        }
        long flat = (long) side * side * in;
        return total + flat * dense + (long) dense * classes;
    }

    public String describe(int classes) {
        return String.format(Locale.ROOT, "conv3x3 %s (the first with stride 2, the others followed by maxpool 2x2; each + BatchNorm + ReLU),"
                        + " 64x64 -> 4x4, dense %d + BatchNorm"
                        + " + ReLU, dropout 0.25, softmax %d; %.1f MFLOP per image",
                Arrays.toString(channels), dense, classes, 2.0 * macs(classes) / 1e6);
    }
}
