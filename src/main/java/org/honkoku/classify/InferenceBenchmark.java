package org.honkoku.classify;

import org.bytedeco.javacpp.Pointer;
import org.opencv.core.Mat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how fast a loaded {@link Classifier} reads crops as the pipeline hands them over (scan crops:
 * preprocessing included) at a given batch size, and the process's peak memory while it does: the resident set
 * (heap, nd4j's native buffers and native code together) and the Java heap.
 */
public final class InferenceBenchmark {

    public record Result(int batch, int crops, double seconds) {

        public double cropsPerSecond() {
            return crops / seconds;
        }

        public double millisPerBatch() {
            return 1000 * seconds / Math.max(1, crops / batch);
        }
    }

    /** Peaks of the resident set, of the Java heap in use and of the heap committed (resident beyond it is native). */
    public record Memory(long peakResidentBytes, long peakHeapBytes, long peakHeapCommittedBytes) {
    }

    private final Classifier classifier;
    private final List<Mat> crops;

    public InferenceBenchmark(Classifier classifier, List<Mat> crops) {
        if (crops.isEmpty()) {
            throw new IllegalArgumentException("no crops to benchmark with");
        }
        this.classifier = classifier;
        this.crops = crops;
    }

    /** Classifies batches of {@code batch} crops for about {@code seconds} (after one warm-up batch). */
    public Result run(int batch, double seconds) {
        classifier.classify(slice(0, batch));
        int done = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int from = 0;
        while (System.nanoTime() < deadline || done == 0) {
            List<Prediction> p = classifier.classify(slice(from, batch));
            done += p.size();
            from = (from + batch) % crops.size();
        }
        return new Result(batch, done, (System.nanoTime() - start) / 1e9);
    }

    /** Runs {@code work} while sampling memory every 20 ms; returns the peaks. */
    public static Memory peakDuring(Runnable work) {
        AtomicLong rss = new AtomicLong();
        AtomicLong heap = new AtomicLong();
        AtomicLong committed = new AtomicLong();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Runnable sample = () -> {
            rss.accumulateAndGet(Pointer.physicalBytes(), Math::max);
            heap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            committed.accumulateAndGet(memory.getHeapMemoryUsage().getCommitted(), Math::max);
        };
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sample.run();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            work.run();
        } finally {
            sampler.interrupt();
            sample.run();
        }
        return new Memory(rss.get(), heap.get(), committed.get());
    }

    private List<Mat> slice(int from, int n) {
        List<Mat> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(crops.get((from + i) % crops.size()));
        }
        return out;
    }
}
