package org.infoprob.math;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Softmax, log-softmax and log-sum-exp against the exact value computed in {@link ExactMath}
 * (BigDecimal, 70 digits), over seeded random vectors and adversarial ones. Bounds: 4 ulp for
 * probabilities; 4 ulp or 1e-15 absolute for the log forms. Surefire runs it twice: with the
 * scalar kernel, and with the Vector API kernel ({@link VectorKernel}, execution {@code
 * vector-kernel}), which takes every vector of at least one full vector's length.
 */
class SoftmaxAccuracyTest {

    private static final double MAX_ULP = 4.0;
    private static final double LOG_ABS = 1e-15;
    private static final double[] TEMPERATURES = {1.0, 0.37, 2.5, 100.0};

    static Stream<Arguments> vectors() {
        List<Arguments> cases = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20261128L);
        // 4, 8, 9, 16, 17, 31: at and across the lane boundaries of the vector kernel (4 or 8 lanes).
        int[] sizes = {1, 2, 3, 4, 8, 9, 10, 16, 17, 31, 100, 1000};
        double[] scales = {1.0, 50.0, 800.0};
        for (int k : sizes) {
            for (double scale : scales) {
                for (double t : TEMPERATURES) {
                    double[] s = new double[k];
                    for (int i = 0; i < k; i++) {
                        s[i] = (random.nextDouble() * 2 - 1) * scale;
                    }
                    cases.add(Arguments.of("random K=" + k + " scale=" + scale, s, t));
                }
            }
        }
        double[] big = new double[10_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = random.nextDouble() * 40 - 20;
        }
        cases.add(Arguments.of("random K=10000", big, 1.0));
        cases.add(Arguments.of("random K=10000 T=0.37", big, 0.37));

        double[] allEqual = new double[10_000];
        Arrays.fill(allEqual, 1e300);
        cases.add(Arguments.of("K=10000 all equal 1e300", allEqual, 1.0));
        cases.add(Arguments.of("all equal", new double[] {3.3, 3.3, 3.3, 3.3, 3.3, 3.3, 3.3}, 1.0));
        cases.add(Arguments.of("+-1e308", new double[] {1e308, -1e308, 0, 5e307, -9.99e307}, 1.0));
        cases.add(Arguments.of("+-1e308, T=1e-300", new double[] {1e308, -1e308, 1e308 - 1e292}, 1e-300));
        cases.add(
                Arguments.of(
                        "huge and nearly equal",
                        new double[] {Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE), -Double.MAX_VALUE},
                        1.0));
        cases.add(Arguments.of("one huge rest tiny", new double[] {700, 1e-300, -1e-300, 0, 1e-5}, 1.0));
        double[] oneDominant = new double[1000];
        oneDominant[17] = 1e6;
        cases.add(Arguments.of("one dominant among 1000 zeros", oneDominant, 1.0));
        double[] manyNegInf = new double[1000];
        Arrays.fill(manyNegInf, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < 10; i++) {
            manyNegInf[i * 97] = random.nextDouble() * 10;
        }
        cases.add(Arguments.of("990 of 1000 are -inf", manyNegInf, 1.0));
        cases.add(Arguments.of("990 of 1000 are -inf, T=2.5", manyNegInf, 2.5));
        cases.add(
                Arguments.of(
                        "subnormals",
                        new double[] {Double.MIN_VALUE, 4.9e-322, 0.0, -Double.MIN_NORMAL / 3, -0.0},
                        1.0));
        cases.add(
                Arguments.of(
                        "near the underflow threshold",
                        new double[] {0, -744.4, -745.1, -708.3, -700.123456789, -744.0000001},
                        1.0));
        // s - m is inexact here: rounding it alone would cost ~500 ulp.
        cases.add(Arguments.of("inexact shift", new double[] {0.1, -700.3, -123.456789, 0.0999}, 1.0));
        cases.add(Arguments.of("small T stretches the exponents", new double[] {0.7, 0.0, 0.35, 0.69999}, 1e-3));
        cases.add(Arguments.of("subnormal temperature", new double[] {1e-320, 0.0, -1e-320}, 1e-321));
        // The short adversarial vectors again, tiled to 20+ entries so that they go through the
        // vector kernel's lanes as well (the maxima repeat, which the kernel counts apart).
        List<Arguments> tiled = new ArrayList<>();
        for (Arguments a : cases) {
            Object[] args = a.get();
            double[] s = (double[]) args[1];
            if (s.length < 8) {
                double[] t = new double[s.length * ((20 + s.length - 1) / s.length) + 1];
                for (int i = 0; i < t.length; i++) {
                    t[i] = s[i % s.length];
                }
                tiled.add(Arguments.of(args[0] + " tiled to " + t.length, t, args[2]));
            }
        }
        cases.addAll(tiled);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, T={2}")
    @MethodSource("vectors")
    void probabilitiesAreWithinFourUlpOfExact(String name, double[] scores, double t) {
        double[] p = Softmax.probabilities(scores, t);
        BigDecimal[] exact = ExactMath.softmax(scores, t);
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < p.length; i++) {
            double err = ExactMath.ulpError(p[i], exact[i]);
            if (err > worst) {
                worst = err;
                worstIndex = i;
            }
        }
        assertThat(worst)
                .as("max ulp error of softmax (%s) at index %d", name, worstIndex)
                .isLessThanOrEqualTo(MAX_ULP);
    }

    @ParameterizedTest(name = "{0}, T={2}")
    @MethodSource("vectors")
    void logProbabilitiesAreWithinFourUlpOrOneEMinus15(String name, double[] scores, double t) {
        double[] logp = Softmax.logProbabilities(scores, t);
        BigDecimal[] exact = ExactMath.logSoftmax(scores, t);
        for (int i = 0; i < logp.length; i++) {
            if (exact[i] == null) {
                assertThat(logp[i]).as("log p[%d] of a -inf score (%s)", i, name).isEqualTo(Double.NEGATIVE_INFINITY);
                continue;
            }
            assertLogClose(logp[i], exact[i], name + " index " + i);
        }
    }

    @ParameterizedTest(name = "{0}, T={2}")
    @MethodSource("vectors")
    void logSumExpIsWithinFourUlpOrOneEMinus15(String name, double[] scores, double t) {
        assertLogClose(LogSumExp.of(scores, t), ExactMath.logSumExp(scores, t), name);
    }

    @ParameterizedTest(name = "{0}, T={2}")
    @MethodSource("vectors")
    void probabilitiesSumToOneWithinKUlp(String name, double[] scores, double t) {
        double[] p = Softmax.probabilities(scores, t);
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : p) {
            sum = sum.add(new BigDecimal(v));
        }
        double bound = p.length * Math.ulp(1.0);
        assertThat(sum.subtract(BigDecimal.ONE).abs().doubleValue())
                .as("|sum p - 1| for %s", name)
                .isLessThanOrEqualTo(bound);
    }

    @Test
    void logSoftmaxOfZeroAndMinusThousandIsMinusThousandNotMinusInfinity() {
        double[] logp = Softmax.logProbabilities(new double[] {0.0, -1000.0});
        assertThat(logp[1]).isEqualTo(-1000.0);
        assertThat(logp[0]).isEqualTo(0.0);
    }

    @Test
    void logSumExpOfZeroAndMinusFortyIsRightToOneUlp() {
        double[] s = {0.0, -40.0};
        // exact: log1p(e^-40) = 4.2483542552915889...e-18 (BigDecimal reference)
        assertThat(ExactMath.ulpError(LogSumExp.of(s), ExactMath.logSumExp(s, 1.0)))
                .isLessThanOrEqualTo(1.0);
        assertThat(LogSumExp.of(s)).isCloseTo(4.248354255291589e-18, org.assertj.core.data.Offset.offset(1e-33));
    }

    private static void assertLogClose(double actual, BigDecimal exact, String what) {
        double ulps = ExactMath.ulpError(actual, exact);
        if (ulps <= MAX_ULP) {
            return;
        }
        assertThat(ExactMath.absError(actual, exact))
                .as("%s: %s is %s ulp from exact %s, and more than 1e-15 absolute", what, actual, ulps, exact)
                .isLessThanOrEqualTo(LOG_ABS);
    }
}
