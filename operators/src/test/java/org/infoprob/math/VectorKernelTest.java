package org.infoprob.math;

import org.infoprob.testing.VectorKernelExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel choice, and the places where the vector kernel differs in structure from the scalar
 * one (lanes, the scalar tail, in-place use). Runs in the three surefire executions: without the
 * Vector API module (the scalar kernel must be chosen) and with it ({@code vector-kernel} at the
 * machine's width, {@code vector-kernel-256} at 4 lanes), where {@code
 * -Dinfoprob.expectVectorKernel=true} says the vector kernel must run: {@link
 * VectorKernelExecution} skips these tests there when it does not (fewer than 4 double lanes), or
 * fails them under {@code CI=true}. The accuracy against the exact reference is {@link
 * SoftmaxAccuracyTest}'s, which runs in all three executions too.
 */
@ExtendWith(VectorKernelExecution.class)
class VectorKernelTest {

    private static boolean moduleLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void theKernelIsTheOneThisJvmWasStartedFor() {
        if (!moduleLoaded()) {
            assertThat(VectorSupport.ENABLED).isFalse();
            assertThat(Softmax.kernel())
                    .startsWith("scalar")
                    .contains("--add-modules jdk.incubator.vector");
            return;
        }
        assumeTrue(VectorKernelExecution.expected(), "not one of the vector-kernel executions");
        // VectorKernelExecution has skipped (or failed) this test if the kernel were scalar.
        assertThat(VectorSupport.ENABLED).isTrue();
        assertThat(VectorKernel.lanes()).isGreaterThanOrEqualTo(4);
        assertThat(Softmax.kernel()).startsWith("vector").contains(VectorKernel.lanes() + " lanes");
        assertThat(VectorSupport.minLength()).isEqualTo(VectorKernel.lanes());
    }

    @Test
    void maximaInLanesAndInTheTailShareTheirMassExactly() {
        // 37 entries: full vectors and a scalar tail for 4 and 8 lanes. Two maxima of 5 (one in
        // the vector part, one in the tail) and 35 entries of -inf: p = 1/2 each, exactly.
        double[] s = new double[37];
        Arrays.fill(s, Double.NEGATIVE_INFINITY);
        s[3] = 5.0;
        s[36] = 5.0;
        double[] p = Softmax.probabilities(s);
        assertThat(p[3]).isEqualTo(0.5);
        assertThat(p[36]).isEqualTo(0.5);
        assertThat(Arrays.stream(p).sum()).isEqualTo(1.0);
        double[] logp = Softmax.logProbabilities(s, 0.5);
        assertThat(logp[3]).isEqualTo(-Math.log(2));
        assertThat(logp[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogSumExp.of(s)).isEqualTo(5.0 + Math.log(2));
    }

    @Test
    void inPlaceEqualsOutOfPlaceForEveryLengthAcrossTheLaneBoundaries() {
        SplittableRandom random = new SplittableRandom(20261128L);
        for (int k = 1; k <= 41; k++) {
            for (double t : new double[] {1.0, 0.37}) {
                double[] s = random.doubles(k, -30, 30).toArray();
                s[random.nextInt(k)] = s[random.nextInt(k)]; // often a tied maximum
                double[] p = Softmax.probabilities(s, t);
                double[] logp = Softmax.logProbabilities(s, t);
                double[] buffer = s.clone();
                Softmax.probabilities(buffer, k, t, buffer);
                assertThat(buffer).as("in-place softmax K=%d T=%s", k, t).containsExactly(p);
                buffer = s.clone();
                Softmax.logProbabilities(buffer, k, t, buffer);
                assertThat(buffer).as("in-place log-softmax K=%d T=%s", k, t).containsExactly(logp);
                // ln p_i = ln(p_i) within the float error of a logarithm of a 4-ulp value.
                for (int i = 0; i < k; i++) {
                    if (p[i] > Double.MIN_NORMAL) {
                        assertThat(logp[i]).isCloseTo(Math.log(p[i]), org.assertj.core.data.Offset.offset(1e-14 * Math.max(1, -logp[i])));
                    }
                }
            }
        }
    }
}
