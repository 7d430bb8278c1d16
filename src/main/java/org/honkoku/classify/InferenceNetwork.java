package org.honkoku.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained network rebuilt for reading only: each batch norm folded into the weights and bias of the convolution or
 * dense layer before it, each ReLU layer made that layer's activation, and the convolutions and pools laid out
 * channels-last (NHWC). The trained network computes in DL4J's default channels-first layout, in which oneDNN's
 * max-pool and batch norm take a slow path: measured on the shipped network, one thread, 128 crops, the pools took
 * 145 ms and the batch norms 51 ms of 560; folded and channels-last, the pools take 10 ms and the call 300 ms
 * (README "Throughput"). The outputs are the trained network's up to float rounding; {@link #of} checks that on
 * probe inputs and keeps the trained network where they differ, or where its layers are not of the kinds folded here.
 *
 * <p>Inputs stay as {@link Preprocess} makes them, {@code [n, 1, 64, 64]}; with one channel that is the same memory
 * as channels-last {@code [n, 64, 64, 1]} ({@link #input}).
 */
final class InferenceNetwork {

    private static final Logger log = LoggerFactory.getLogger(InferenceNetwork.class);

    /** The largest difference in any output probability between the two networks that is taken for rounding. */
    static final double TOLERANCE = 1e-4;

    private final MultiLayerNetwork network;
    private final boolean folded;

    private InferenceNetwork(MultiLayerNetwork network, boolean folded) {
        this.network = network;
        this.folded = folded;
    }

    /** The folded network where it can be made and reads as the trained one does, else the trained network itself. */
    static InferenceNetwork of(MultiLayerNetwork trained) {
        Optional<MultiLayerNetwork> folded;
        try {
            folded = fold(trained);
        } catch (RuntimeException e) {
            log.warn("reading with the network as trained: folding it failed ({})", e.toString());
            folded = Optional.empty();
        }
        if (folded.isPresent()) {
            double gap = largestDifference(trained, folded.get());
            if (gap <= TOLERANCE) {
                return new InferenceNetwork(folded.get(), true);
            }
            log.warn("reading with the network as trained: its folded copy differs by {} on probe inputs", gap);
        }
        return new InferenceNetwork(trained, false);
    }

    MultiLayerNetwork network() {
        return network;
    }

    /** Whether the batch norms were folded and the layout made channels-last. */
    boolean folded() {
        return folded;
    }

    /** A batch {@code [n, 1, h, w]} as this network takes it. */
    INDArray input(INDArray batch) {
        if (!folded) {
            return batch;
        }
        long[] s = batch.shape();
        return batch.reshape('c', s[0], s[2], s[3], s[1]);
    }

    /**
     * The folded, channels-last copy of {@code trained}, or empty when its layers are not a chain of convolutions
     * (each optionally followed by a batch norm and an activation layer) and max/average pools, then dense layers
     * (the same), then an output layer, on one input channel.
     */
    static Optional<MultiLayerNetwork> fold(MultiLayerNetwork trained) {
        var conf = trained.getLayerWiseConfigurations();
        var list = new NeuralNetConfiguration.Builder().list();
        List<INDArray[]> params = new ArrayList<>();
        int n = trained.getnLayers();
        int i = 0;
        while (i < n) {
            var layer = conf.getConf(i).getLayer();
            if (layer.getClass() == ConvolutionLayer.class || layer.getClass() == DenseLayer.class) {
                BaseLayer base = (BaseLayer) layer;
                if (!(base.getActivationFn() instanceof ActivationIdentity)) {
                    return Optional.empty();
                }
                int next = i + 1;
                INDArray w = trained.getLayer(i).getParam("W").dup();
                INDArray bias = Nd4j.zeros(w.dataType(), 1, outputs(base));
                if (trained.getLayer(i).paramTable().containsKey("b")) {
                    bias.addi(trained.getLayer(i).getParam("b").reshape(1, outputs(base)));
                }
                if (next < n && conf.getConf(next).getLayer() instanceof BatchNormalization) {
                    INDArray[] ab = affine(trained.getLayer(next), outputs(base), layer instanceof ConvolutionLayer);
                    scaleOutputs(w, ab[0], layer instanceof ConvolutionLayer);
                    bias.muli(ab[0]).addi(ab[1]);
                    next++;
                }
                IActivation activation = new ActivationIdentity();
                if (next < n && conf.getConf(next).getLayer() instanceof ActivationLayer a) {
                    activation = a.getActivationFn();
                    next++;
                }
                if (layer instanceof ConvolutionLayer c) {
                    if (i == 0 && c.getNIn() != 1) {
                        return Optional.empty();
                    }
                    list.layer(new ConvolutionLayer.Builder(c.getKernelSize()).stride(c.getStride())
                            .padding(c.getPadding()).dilation(c.getDilation()).convolutionMode(c.getConvolutionMode())
                            .nIn(c.getNIn()).nOut(c.getNOut()).hasBias(true).activation(activation)
                            .dataFormat(CNN2DFormat.NHWC).build());
                } else {
                    if (conf.getInputPreProcess(i) instanceof CnnToFeedForwardPreProcessor flat) {
                        w = channelsLastRows(w, flat);
                    } else if (conf.getInputPreProcess(i) != null) {
                        return Optional.empty();
                    }
                    list.layer(new DenseLayer.Builder().nIn(((DenseLayer) layer).getNIn()).nOut(outputs(base))
                            .hasBias(true).activation(activation).build());
                }
                params.add(new INDArray[]{w, bias});
                i = next;
            } else if (layer.getClass() == SubsamplingLayer.class) {
                SubsamplingLayer s = (SubsamplingLayer) layer;
                list.layer(new SubsamplingLayer.Builder(s.getPoolingType(), s.getKernelSize(), s.getStride(),
                        s.getPadding()).convolutionMode(s.getConvolutionMode()).dilation(s.getDilation())
                        .dataFormat(CNN2DFormat.NHWC).build());
                params.add(new INDArray[0]);
                i++;
            } else if (layer.getClass() == OutputLayer.class && i == n - 1) {
                OutputLayer o = (OutputLayer) layer;
                list.layer(new OutputLayer.Builder(o.getLossFn()).nIn(o.getNIn()).nOut(o.getNOut())
                        .activation(o.getActivationFn()).hasBias(o.hasBias()).build());
                params.add(o.hasBias()
                        ? new INDArray[]{trained.getLayer(i).getParam("W").dup(), trained.getLayer(i).getParam("b").dup()}
                        : new INDArray[]{trained.getLayer(i).getParam("W").dup()});
                i++;
            } else {
                return Optional.empty();
            }
        }
        if (!(conf.getConf(0).getLayer() instanceof ConvolutionLayer)) {
            return Optional.empty();
        }
        InputType in = InputType.convolutional(Preprocess.SIZE, Preprocess.SIZE, 1, CNN2DFormat.NHWC);
        MultiLayerNetwork out = new MultiLayerNetwork(list.setInputType(in).build());
        out.init();
        for (int l = 0; l < out.getnLayers(); l++) {
            INDArray[] p = params.get(l);
            if (p.length > 0) {
                out.getLayer(l).setParam("W", p[0]);
            }
            if (p.length > 1) {
                out.getLayer(l).setParam("b", p[1]);
            }
        }
        return Optional.of(out);
    }

    private static int outputs(BaseLayer layer) {
        return (int) (layer instanceof ConvolutionLayer c ? c.getNOut() : ((DenseLayer) layer).getNOut());
    }

    /**
     * A batch norm at inference is {@code y = a x + b} per channel: read off by running it on all zeros and all ones
     * (whatever it stores: variance or log standard deviation, locked gamma and beta).
     */
    private static INDArray[] affine(Layer batchNorm, int channels, boolean spatial) {
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        long[] shape = spatial ? new long[]{1, channels, 1, 1} : new long[]{1, channels};
        INDArray b = batchNorm.activate(Nd4j.zeros(DataType.FLOAT, shape), false, none).reshape(1, channels).dup();
        INDArray a = batchNorm.activate(Nd4j.ones(DataType.FLOAT, shape), false, none).reshape(1, channels).sub(b);
        return new INDArray[]{a, b};
    }

    /** Multiplies each output channel's weights by its factor: the first axis of a convolution's, the second of a dense layer's. */
    private static void scaleOutputs(INDArray w, INDArray factors, boolean convolution) {
        if (!convolution) {
            w.muliRowVector(factors.castTo(w.dataType()));
            return;
        }
        for (int o = 0; o < w.size(0); o++) {
            w.get(NDArrayIndex.point(o)).muli(factors.getDouble(o));
        }
    }

    /** A dense layer's input rows in the order a channels-last flattening gives them: (y, x, channel), not (channel, y, x). */
    private static INDArray channelsLastRows(INDArray w, CnnToFeedForwardPreProcessor flat) {
        long c = flat.getNumChannels();
        long h = flat.getInputHeight();
        long wd = flat.getInputWidth();
        return w.reshape('c', c, h, wd, w.size(1)).permute(1, 2, 0, 3).dup('c').reshape('c', h * wd * c, w.size(1));
    }

    /** The largest difference between the two networks' outputs on 8 probe inputs (blank, random, random strokes). */
    private static double largestDifference(MultiLayerNetwork trained, MultiLayerNetwork folded) {
        INDArray probe = Nd4j.rand(DataType.FLOAT, 8, 1, Preprocess.SIZE, Preprocess.SIZE);
        probe.get(NDArrayIndex.point(0)).assign(0);
        probe.get(NDArrayIndex.interval(4, 8)).assign(probe.get(NDArrayIndex.interval(4, 8)).gt(0.8).castTo(DataType.FLOAT));
        INDArray expected = trained.output(probe, false);
        INDArray got = folded.output(probe.reshape('c', 8, Preprocess.SIZE, Preprocess.SIZE, 1), false);
        return expected.sub(got).amaxNumber().doubleValue();
    }
}
