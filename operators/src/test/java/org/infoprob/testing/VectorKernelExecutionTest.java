package org.infoprob.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision of {@link VectorKernelExecution}: pass, skip or fail. */
class VectorKernelExecutionTest {

    private static final String SCALAR = "scalar (the preferred vector has 2 double lanes, fewer than 4)";
    private static final String VECTOR = "vector (jdk.incubator.vector, 8 lanes of 64 bits, 512-bit vectors, for K >= 8)";

    @Test
    void outsideTheVectorExecutionsNothingHappens() {
        assertThatCode(() -> VectorKernelExecution.check(false, SCALAR, "true")).doesNotThrowAnyException();
        assertThatCode(() -> VectorKernelExecution.check(false, SCALAR, null)).doesNotThrowAnyException();
    }

    @Test
    void theVectorKernelInUsePasses() {
        assertThatCode(() -> VectorKernelExecution.check(true, VECTOR, "true")).doesNotThrowAnyException();
        assertThatCode(() -> VectorKernelExecution.check(true, VECTOR, null)).doesNotThrowAnyException();
    }

    @Test
    void aScalarFallbackIsSkippedWithItsReason() {
        assertThatThrownBy(() -> VectorKernelExecution.check(true, SCALAR, null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("runs the " + SCALAR + " kernel")
                .hasMessageContaining("skipped");
        assertThatThrownBy(() -> VectorKernelExecution.check(true, SCALAR, "false"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aScalarFallbackFailsUnderCi() {
        assertThatThrownBy(() -> VectorKernelExecution.check(true, SCALAR, "true"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("runs the " + SCALAR + " kernel")
                .hasMessageContaining("CI=true");
    }

    @Test
    void aVectorShorterThanTheKernelTakesFails() {
        assertThatCode(() -> VectorKernelExecution.checkLength(8, VECTOR)).doesNotThrowAnyException();
        assertThatCode(() -> VectorKernelExecution.checkLength(37, VECTOR)).doesNotThrowAnyException();
        assertThatThrownBy(() -> VectorKernelExecution.checkLength(7, VECTOR))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("K = 7 is below the shortest vector the kernel takes");
        assertThatThrownBy(() -> VectorKernelExecution.checkLength(37, "vector (somehow)"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("does not say the shortest vector");
    }
}
