package org.infoprob.testing;

import org.infoprob.math.Softmax;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the Vector API test executions honest. The surefire executions {@code vector-kernel} and
 * {@code vector-kernel-256} (operators/pom.xml) run the tests again with {@code --add-modules
 * jdk.incubator.vector} and {@code -Dinfoprob.expectVectorKernel=true}, to test the vector
 * kernel; on a machine with fewer than 4 double lanes (or with the module unusable) {@link
 * Softmax} falls back to the scalar kernel, and those tests would pass a second time on the
 * scalar kernel. With this extension each test then reports as <em>skipped</em>, with the
 * reason; under {@code CI=true} (environment variable) it <em>fails</em>, so that a CI runner
 * without AVX2 cannot pass the vector job. Outside those executions it does nothing.
 *
 * <p>A test whose point is a particular vector length calls {@link #assertVectorKernelTakes}
 * as well: the vector kernel only takes vectors of at least one full vector (K &gt;= 8 on
 * AVX-512), so a test on shorter ones would run the scalar kernel a second time.
 *
 * <pre>{@code
 * @ExtendWith(VectorKernelExecution.class)
 * class SoftmaxAccuracyTest { ... }
 *
 * VectorKernelExecution.assertVectorKernelTakes(17);   // in a test of a K = 17 vector
 * }</pre>
 */
public final class VectorKernelExecution implements BeforeEachCallback {

    /** "... for K >= 8)": the shortest vector {@link Softmax#kernel()} says the vector kernel takes. */
    private static final Pattern MIN_LENGTH = Pattern.compile("for K >= (\\d+)\\)$");

    /** The system property the vector executions set to {@code true}. */
    public static final String EXPECT_PROPERTY = "infoprob.expectVectorKernel";

    /** Whether this JVM is one of the test executions that exist for the vector kernel. */
    public static boolean expected() {
        return Boolean.getBoolean(EXPECT_PROPERTY);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        check(expected(), Softmax.kernel(), System.getenv("CI"));
    }

    /**
     * Returns when the vector kernel is not expected or is in use ({@code kernel} as {@link
     * Softmax#kernel()} describes it); otherwise aborts the test (JUnit: skipped), or fails it
     * when {@code ci} is {@code "true"}.
     */
    static void check(boolean expected, String kernel, String ci) {
        if (!expected || kernel.startsWith("vector")) {
            return;
        }
        String message =
                "This test execution is for the Vector API kernel (-D"
                        + EXPECT_PROPERTY
                        + "=true), but this JVM runs the "
                        + kernel
                        + " kernel";
        if ("true".equalsIgnoreCase(ci)) {
            Assertions.fail(
                    message
                            + "; failing because CI=true: the CI runner needs vectors of 4 or"
                            + " more doubles (AVX2 or wider)");
        }
        Assumptions.abort(message + "; skipped (with CI=true it fails)");
    }

    /**
     * In the vector executions, asserts that {@link Softmax} computes a vector of {@code k}
     * scores with the vector kernel: as {@link #beforeEach} when the kernel is scalar (skipped,
     * or failed under {@code CI=true}), and failed when {@code k} is below the shortest vector
     * the kernel takes (the "for K &gt;= n" of {@link Softmax#kernel()}, the very threshold
     * {@code Softmax} dispatches on). Does nothing outside those executions.
     */
    public static void assertVectorKernelTakes(int k) {
        String kernel = Softmax.kernel();
        check(expected(), kernel, System.getenv("CI"));
        if (expected()) {
            checkLength(k, kernel);
        }
    }

    /** Fails unless the vector {@code kernel} (as {@link Softmax#kernel()} says) takes {@code k} scores. */
    static void checkLength(int k, String kernel) {
        Matcher m = MIN_LENGTH.matcher(kernel);
        if (!m.find()) {
            Assertions.fail("The kernel description does not say the shortest vector it takes: " + kernel);
        }
        int minLength = Integer.parseInt(m.group(1));
        if (k < minLength) {
            Assertions.fail(
                    "K = " + k + " is below the shortest vector the kernel takes (" + kernel
                            + "): this test would run the scalar kernel in the vector execution");
        }
    }
}
