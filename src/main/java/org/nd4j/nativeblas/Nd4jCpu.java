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

        /**
         * Forwards to the real libnd4j environment, so it stays true only when the oneDNN build is loaded. By
         * reflection: with the {@code gpu} profile the CPU backend is not on the class path (and this is false).
         */
        public boolean isUseMKLDNN() {
            if (Real.IS_USE_ONEDNN == null) {
                return false;
            }
            try {
                return (Boolean) Real.IS_USE_ONEDNN.invoke(Real.ENVIRONMENT);
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }
    }

    /** The CPU backend's environment and its method, looked up once (null without the CPU backend). */
    private static final class Real {

        static final Object ENVIRONMENT;
        static final java.lang.reflect.Method IS_USE_ONEDNN;

        static {
            Object environment = null;
            java.lang.reflect.Method method = null;
            try {
                Class<?> real = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                environment = real.getMethod("getInstance").invoke(null);
                method = real.getMethod("isUseONEDNN");
            } catch (ReflectiveOperationException | LinkageError e) {
                method = null;
            }
            ENVIRONMENT = environment;
            IS_USE_ONEDNN = method;
        }
    }
}
