package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train --import-weights FILE}: a network trained by {@code scripts/gpu_train.py} (PyTorch, on an accelerator)
 * put into the same DL4J network {@link NetworkFactory} builds. The .npz file holds the architecture
 * ({@code channels}, {@code dense}), every parameter under its DL4J name (convolution weights [out, in, 3, 3];
 * dense weights [in, out]; batch norm's {@code mean} and {@code log10stdev}, the log10 of the running standard
 * deviation), the training set's samples per class and epoch ({@code train_counts}) and a probe: inputs and the softmax PyTorch gave them. The import is refused unless DL4J gives the
 * same outputs, so that a padding or flattening convention that differs between the two is caught here rather than
 * as a quietly worse model.
 */
final class TorchImport {

    /** Largest difference of a probe probability between PyTorch and DL4J accepted as float noise. */
    static final double TOLERANCE = 2e-3;

    /** @param trainCounts the samples per class and epoch the script trained on (for the prior correction) */
    record Imported(MultiLayerNetwork net, NetworkFactory factory, double probeDifference, int probes,
                    double[] trainCounts) {
    }

    private TorchImport() {
    }

    static Imported load(Path npz, int classes) throws IOException {
        Map<String, INDArray> arrays = read(npz);
        int[] channels = Arrays.stream(require(arrays, "channels").toDoubleVector()).mapToInt(d -> (int) d).toArray();
        int dense = (int) require(arrays, "dense").getDouble(0);
        NetworkFactory factory = new NetworkFactory(channels, dense);
        MultiLayerNetwork net = factory.build(classes, 0, 1e-3);
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            INDArray value = require(arrays, e.getKey()).castTo(DataType.FLOAT);
            if (!Arrays.equals(value.shape(), e.getValue().shape())) {
                throw new IOException(String.format(Locale.ROOT, "%s: %s has shape %s, the network wants %s", npz,
                        e.getKey(), Arrays.toString(value.shape()), Arrays.toString(e.getValue().shape())));
            }
            net.setParam(e.getKey(), value);
        }
        INDArray x = require(arrays, "probe_x").castTo(DataType.FLOAT);
        INDArray expected = require(arrays, "probe_y").castTo(DataType.FLOAT);
        INDArray got = net.output(x, false);
        double difference = Transforms.abs(got.sub(expected)).maxNumber().doubleValue();
        if (!(difference <= TOLERANCE)) {
            throw new IOException(String.format(Locale.ROOT, "%s: DL4J's outputs on the probe differ from PyTorch's by"
                    + " up to %.4g (tolerance %.0e): the conversion is wrong, nothing written", npz, difference, TOLERANCE));
        }
        double[] trainCounts = require(arrays, "train_counts").toDoubleVector();
        if (trainCounts.length != classes) {
            throw new IOException(npz + ": train_counts has " + trainCounts.length + " classes, not " + classes);
        }
        return new Imported(net, factory, difference, (int) x.size(0), trainCounts);
    }

    private static Map<String, INDArray> read(Path npz) throws IOException {
        try {
            Map<String, INDArray> out = new HashMap<>();
            Nd4j.createFromNpzFile(npz.toFile()).forEach((k, v) -> out.put(k.endsWith(".npy")
                    ? k.substring(0, k.length() - 4) : k, v));
            return out;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read " + npz + ": " + e, e);
        }
    }

    private static INDArray require(Map<String, INDArray> arrays, String key) throws IOException {
        INDArray a = arrays.get(key);
        if (a == null) {
            throw new IOException("no array '" + key + "' in the weights file (has: " + arrays.keySet() + ")");
        }
        return a;
    }
}
