package org.nd4j.nativeblas;

/**
 * Bridge for a bug in DL4J 1.0.0-M2.1: {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, but the
 * real class is {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and its method is
 * {@code isUseONEDNN()}. Without this class the lookup fails and every oneDNN layer helper (conv,
 * pooling, batch norm) is silently dropped, which makes CPU training about 3x and inference about 6x slower.
 * Only this shape matters: a nested {@code Environment} with a static {@code getInstance()} and an
 * instance method {@code isUseMKLDNN()}.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Forwards to the real libnd4j environment, so it stays true only when the oneDNN build is loaded. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
