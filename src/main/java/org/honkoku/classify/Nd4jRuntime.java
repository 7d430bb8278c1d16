package org.honkoku.classify;

import java.util.Locale;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets the system properties nd4j and DL4J read once, when they load. Must run before the first use of
 * any nd4j class; every entry point of the classifier and of training calls {@link #configure()} first.
 * Values the user set on the command line (-D...) are left alone.
 */
public final class Nd4jRuntime {

    /** JavaCPP loads the libnd4j build named by this suffix: the pom ships only the oneDNN one. */
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    /** DL4J 1.0.0-M2.1 disables its layer helpers unless this is "false" (its default is "true"). */
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    private static volatile boolean configured;

    private Nd4jRuntime() {
    }

    public static void configure() {
        if (configured) {
            return;
        }
        synchronized (Nd4jRuntime.class) {
            if (configured) {
                return;
            }
            setIfAbsent(PLATFORM_EXTENSION, "-onednn-avx2");
            setIfAbsent(HELPERS_DISABLE, "false");
            // libnd4j prints its build flags to stdout on start-up, which would corrupt CSV/JSON output
            setIfAbsent("org.nd4j.log.initialization", "false");
            // nd4j's off-heap memory is not bounded by -Xmx; JavaCPP's defaults let it reach 9-12 GB on
            // this workload. 3 GB off-heap is plenty for batches of 128 at 64x64; the physical cap counts
            // the whole process (heap included).
            long heap = Runtime.getRuntime().maxMemory();
            setIfAbsent(MAX_BYTES, "3G");
            setIfAbsent(MAX_PHYSICAL_BYTES, (heap / (1024 * 1024) + 5 * 1024) + "M");
            configured = true;
        }
    }

    /**
     * How many CPU threads nd4j's operations (the network's convolutions among them) may use when this thread calls
     * them: OpenMP's setting of the calling thread. Threads that each read a page on a core of their own set 1.
     * BLAS (the network's dense layers) keeps one thread pool for the whole process: once a thread asks for one
     * thread, BLAS runs on the calling thread too. Its workers would otherwise take a share of every matrix product
     * and then spin, waiting for the next, beside the other pages' work (measured on the 24-page job: about a tenth
     * of the CPU time and most of the context switches).
     */
    public static void threadsForThisThread(int threads) {
        configure();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        if (threads == 1 && !blasSingleThreaded) {
            synchronized (Nd4jRuntime.class) {
                if (!blasSingleThreaded) {
                    Nd4j.factory().blas().setMaxThreads(1);
                    blasSingleThreaded = true;
                }
            }
        }
    }

    private static volatile boolean blasSingleThreaded;

    /** True when DL4J will use the oneDNN helpers (the bridge class resolves and libnd4j has oneDNN). */
    public static boolean helpersActive() {
        configure();
        try {
            return org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()
                    && !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE, "true"));
        } catch (Throwable e) {
            return false;
        }
    }

    public static String describe() {
        return String.format(Locale.ROOT, "%s=%s %s=%s %s=%s %s=%s oneDNN-helpers=%s",
                PLATFORM_EXTENSION, System.getProperty(PLATFORM_EXTENSION),
                HELPERS_DISABLE, System.getProperty(HELPERS_DISABLE),
                MAX_BYTES, System.getProperty(MAX_BYTES),
                MAX_PHYSICAL_BYTES, System.getProperty(MAX_PHYSICAL_BYTES), helpersActive());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
