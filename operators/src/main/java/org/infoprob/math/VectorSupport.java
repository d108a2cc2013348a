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

    /** 0 when the vector kernel is off; else the lanes of a vector. */
    private static final int LANES = detect();

    static final boolean ENABLED = LANES > 0;

    private VectorSupport() {}

    /** Vectors shorter than this go to the scalar kernel (no full vector to work on). */
    static int minLength() {
        return ENABLED ? LANES : Integer.MAX_VALUE;
    }

    static String describe() {
        if (ENABLED) {
            return "vector (jdk.incubator.vector, " + LANES + " lanes of 64 bits, "
                    + VectorKernel.bits() + "-bit vectors, for K >= " + LANES + ")";
        }
        return "scalar" + (reason() == null ? "" : " (" + reason() + ")");
    }

    private static String reason() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return "-D" + PROPERTY + "=false";
        }
        if (!moduleInBootLayer()) {
            return "start the JVM with --add-modules jdk.incubator.vector for the vector kernel";
        }
        return "the preferred vector has fewer than " + MIN_LANES + " double lanes";
    }

    private static int detect() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY)) || !moduleInBootLayer()) {
            return 0;
        }
        try {
            int lanes = VectorKernel.lanes();
            return lanes >= MIN_LANES ? lanes : 0;
        } catch (LinkageError | RuntimeException e) {
            // The module is there but not usable by this class (e.g. a layer that does not read
            // it): the scalar kernel.
            return 0;
        }
    }

    private static boolean moduleInBootLayer() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
