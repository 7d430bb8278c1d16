package org.honkoku.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a classifier's network for several threads at once. A DL4J network is not thread-safe (each layer keeps
 * its last input, and the inference workspaces are the network's), so every thread reading at the same moment
 * borrows a copy of its own: up to {@code copies} of the network without its softmax layer (the trunk, whose
 * output is the last hidden layer), made when first needed. A thread that finds every copy in use waits for
 * one. On two CPU cores, two pages each read their candidates on a core of their own
 * outrun one page reading with both cores: the network's operations gain only about 30% from a second thread,
 * and the rest of a page's work (decoding, cutting, storing) runs meanwhile.
 */
final class Inference {

    private final MultiLayerNetwork network;
    private final InferenceNetwork reading;
    private final int copies;
    private final BlockingQueue<MultiLayerNetwork> idle = new LinkedBlockingQueue<>();
    private final int batch;
    private INDArray[] head;
    private int made;

    Inference(MultiLayerNetwork network, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, got " + copies);
        }
        boolean gpu = Nd4j.getBackend().getClass().getName().toLowerCase(java.util.Locale.ROOT).contains("cuda");
        // folded and channels-last for the CPU (measured there); a GPU reads the network as trained (not measured)
        this.reading = network == null || gpu ? null : InferenceNetwork.of(network);
        this.network = reading == null ? network : reading.network();
        this.copies = copies;
        this.batch = gpu ? GPU_BATCH : Classifier.MAX_BATCH;
    }

    /** A batch {@code [n, 1, h, w]} as the network reading it takes it. */
    private INDArray input(INDArray batch) {
        return reading == null ? batch : reading.input(batch);
    }

    /** Crops per network call on a GPU (the {@code gpu} profile's CUDA backend): a page's candidates in one transfer. */
    static final int GPU_BATCH = 1024;

    /**
     * Crops per network call: {@link Classifier#MAX_BATCH} on CPU, where larger batches buy no speed and multiply
     * nd4j's off-heap peak; {@link #GPU_BATCH} on a GPU, which wants few, large transfers (not measured here).
     */
    int batch() {
        return batch;
    }

    /** The softmax layer's weights (hidden × classes) and biases (1 × classes); not to be modified. */
    synchronized INDArray[] head() {
        if (head == null) {
            synchronized (network) {
                var layer = network.getLayer(network.getnLayers() - 1);
                INDArray w = layer.getParam("W").dup();
                head = new INDArray[]{w, layer.getParam("b").dup().reshape(1, w.size(1))};
            }
        }
        return head;
    }

    /** The last hidden layer for a batch of inputs, read by a trunk borrowed for the call. */
    INDArray hidden(INDArray batch) {
        return withTrunk(trunk -> trunk.output(input(batch), false));
    }

    /** The whole network's output (softmax probabilities); calls are serialised on the one full network. */
    INDArray probabilities(INDArray batch) {
        synchronized (network) {
            return network.output(input(batch), false);
        }
    }

    /**
     * Makes every copy and runs a batch through each, so that what a first batch costs (DL4J's workspaces,
     * oneDNN's kernels) is paid before the pages arrive: the model preload does it while Spring starts.
     */
    void warmUp(int batch) {
        INDArray blank = Nd4j.zeros(batch, 1, Preprocess.SIZE, Preprocess.SIZE);
        List<MultiLayerNetwork> all = new ArrayList<>();
        try {
            for (int k = 0; k < copies; k++) {
                MultiLayerNetwork trunk = borrow();
                all.add(trunk);
                trunk.output(input(blank), false);
            }
        } finally {
            idle.addAll(all);
        }
    }

    private <T> T withTrunk(Function<MultiLayerNetwork, T> use) {
        MultiLayerNetwork trunk = borrow();
        try {
            return use.apply(trunk);
        } finally {
            idle.add(trunk);
        }
    }

    private MultiLayerNetwork borrow() {
        MultiLayerNetwork trunk = idle.poll();
        if (trunk != null) {
            return trunk;
        }
        synchronized (this) {
            if (made < copies) {
                made++;
                synchronized (network) {
                    return new TransferLearning.Builder(network).removeLayersFromOutput(1).build();
                }
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the network", e);
        }
    }
}
