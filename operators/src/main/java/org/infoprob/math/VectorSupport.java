package org.infoprob.math;

/**
 * Decides once per JVM whether {@link Softmax} and {@link LogSumExp} use the Vector API kernel
 * ({@link VectorKernel}).
 *
 * <p>On when all of these hold, off otherwise (silently: the scalar kernel is always there):
 *
 * <ul>
 *   <li>the JVM was started with {@code --add-modules jdk.incubator.vector} (the module is in
 *       the boot layer; on Flink: {@code env.java.opts.taskmanager: --add-modules
 *       jdk.incubator.vector});
 *   <li>the system property {@code infoprob.vector} is not {@code false};
 *   <li>the preferred double vector has at least 4 lanes (AVX2 or wider on x86, SVE on ARM):
 *       with 2 lanes the vector kernel is not faster than the scalar one.
 * </ul>
 *
 * The vector kernel is used for vectors of at least {@link #minLength()} entries (one full
 * vector); shorter ones take the scalar kernel.
 */
final class VectorSupport {

    /** System property that turns the vector kernel off when set to {@code false}. */
    static final String PROPERTY = "infoprob.vector";

    private static final int MIN_LANES = 4;

    /** Why the scalar kernel runs; null when the vector kernel does. */
    private static final String SCALAR_REASON;

    /** 0 when the vector kernel is off; else the lanes of a vector. */
    private static final int LANES;

    static {
        int lanes = 0;
        String reason = null;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            reason = "-D" + PROPERTY + "=false";
        } else if (!moduleInBootLayer()) {
            reason = "start the JVM with --add-modules jdk.incubator.vector for the vector kernel";
        } else {
            try {
                lanes = VectorKernel.lanes();
                if (lanes < MIN_LANES) {
                    reason = "the preferred vector has " + lanes + " double lanes, fewer than " + MIN_LANES;
                    lanes = 0;
                }
            } catch (LinkageError | RuntimeException e) {
                // The module is there but not usable from this class loader.
                reason = "jdk.incubator.vector is not usable here: " + e;
            }
        }
        LANES = lanes;
        SCALAR_REASON = reason;
    }

    static final boolean ENABLED = LANES > 0;

    private VectorSupport() {}

    /** Vectors shorter than this go to the scalar kernel (no full vector to work on). */
    static int minLength() {
        return ENABLED ? LANES : Integer.MAX_VALUE;
    }

    static String describe() {
        if (ENABLED) {
            // minLength(), not LANES: the text states the very threshold Softmax dispatches on.
            return "vector (jdk.incubator.vector, " + LANES + " lanes of 64 bits, "
                    + VectorKernel.bits() + "-bit vectors, for K >= " + minLength() + ")";
        }
        return "scalar (" + SCALAR_REASON + ")";
    }

    private static boolean moduleInBootLayer() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
