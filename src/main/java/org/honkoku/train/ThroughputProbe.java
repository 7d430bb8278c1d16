package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.honkoku.classify.Nd4jRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Measures training samples/s and inference images/s of a network on random inputs, so that a network
 * can be sized against a time budget before training (and the figures written into MODEL.md).
 */
public final class ThroughputProbe {

    private final MultiLayerNetwork net;
    private final int classes;

    public ThroughputProbe(MultiLayerNetwork net, int classes) {
        this.net = net;
        this.classes = classes;
    }

    /** CPU seconds (all threads of the process) of the last measurement: robust to other load on the machine. */
    private double lastCpuSeconds;

    public double lastCpuSeconds() {
        return lastCpuSeconds;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public double trainingSamplesPerSecond(int batch, int iterations) {
        INDArray x = Nd4j.rand(new int[]{batch, 1, 64, 64});
        INDArray y = Nd4j.zeros(batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % classes, 1f);
        }
        net.fit(x, y); // warm-up: first call allocates workspaces
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        for (int i = 0; i < iterations; i++) {
            net.fit(x, y);
        }
        lastCpuSeconds = (cpuNanos() - c0) / 1e9;
        return batch * (double) iterations / ((System.nanoTime() - t0) / 1e9);
    }

    public double inferenceImagesPerSecond(int batch, int iterations) {
        INDArray x = Nd4j.rand(new int[]{batch, 1, 64, 64});
        net.output(x, false);
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        for (int i = 0; i < iterations; i++) {
            net.output(x, false);
        }
        lastCpuSeconds = (cpuNanos() - c0) / 1e9;
        return batch * (double) iterations / ((System.nanoTime() - t0) / 1e9);
    }

    /** args: [channels comma-separated] [dense] */
    public static void main(String[] args) {
        Nd4jRuntime.configure();
        int[] ch = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : NetworkFactory.DEFAULT_CHANNELS;
        int dense = args.length > 1 ? Integer.parseInt(args[1]) : NetworkFactory.DEFAULT_DENSE;
        NetworkFactory f = new NetworkFactory(ch, dense);
        MultiLayerNetwork net = f.build(514, 1, 1e-3);
        System.out.println(Nd4jRuntime.describe());
        System.out.println(f.describe(514) + ", params " + net.numParams());
        ThroughputProbe p = new ThroughputProbe(net, 514);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        double inf = p.inferenceImagesPerSecond(128, n / 2);
        System.out.printf(Locale.ROOT, "inference %.1f images/s (batch 128), %.1f images per CPU-second%n",
                inf, 128.0 * (n / 2) / p.lastCpuSeconds());
        double tr = p.trainingSamplesPerSecond(64, n);
        System.out.printf(Locale.ROOT, "training %.1f samples/s (batch 64), %.1f samples per CPU-second%n",
                tr, 64.0 * n / p.lastCpuSeconds());
    }
}
