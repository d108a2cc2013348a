package org.infoprob.testing;

import org.infoprob.math.Softmax;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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
 * <pre>{@code
 * @ExtendWith(VectorKernelExecution.class)
 * class SoftmaxAccuracyTest { ... }
 * }</pre>
 */
public final class VectorKernelExecution implements BeforeEachCallback {

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
}
