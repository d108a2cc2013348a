package org.infoprob.math;

import org.infoprob.testing.Ulps;
import org.infoprob.testing.VectorKernelExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * probabilities and for log-probabilities (relative, however close to 0 a log-probability is:
 * the dominant class's {@code ln p = -log1p(rest)} included); 4 ulp or 1e-15 absolute for
 * log-sum-exp, where {@code m / T} and {@code ln sum} may cancel. A log-probability is never
 * {@code -0.0}. Surefire runs it three times: with the scalar kernel, and with the Vector API
 * kernel ({@link VectorKernel}, executions {@code vector-kernel} and {@code vector-kernel-256}),
 * which takes every vector of at least one full vector's length; {@link VectorKernelExecution}
 * skips those two (or fails them under {@code CI=true}) when the vector kernel is not in use.
 */
@ExtendWith(VectorKernelExecution.class)
class SoftmaxAccuracyTest {

    private static final double MAX_ULP = 4.0;
    private static final double LOG_SUM_EXP_ABS = 1e-15;
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
        // s - m beyond the double range while (s - m) / T is not: formed as (s/2 - m/2) / (T/2).
        double max = Double.MAX_VALUE;
        cases.add(Arguments.of("+-1e308, T=1e308", new double[] {1e308, -1e308}, 1e308));
        cases.add(Arguments.of("+-1e308, T=2", new double[] {1e308, -1e308}, 2.0));
        cases.add(Arguments.of("+-1e308, T=1.5", new double[] {1e308, -1e308, 0.0, 1e308 - 1e293}, 1.5));
        cases.add(Arguments.of("+-MAX, T=MAX", new double[] {max, -max, 0.0, -max / 3, max / 7}, max));
        cases.add(Arguments.of("+-MAX, T=1e306", new double[] {max, -max, max * 0.999, -1e306, 1e-300}, 1e306));
        cases.add(Arguments.of("+-MAX, T=1 (the far entries underflow)", new double[] {max, -max, max - 1e300}, 1.0));
        cases.add(Arguments.of("+-MAX, T=0.5", new double[] {max, -max, 5e307}, 0.5));
        cases.add(Arguments.of("+-MAX, T=1e-300", new double[] {max, -max, max}, 1e-300));
        cases.add(Arguments.of("+-MAX, subnormal T", new double[] {max, -max, -0.0}, Double.MIN_VALUE));
        // Huge and tiny temperatures, normal and subnormal: the remainder of the division.
        cases.add(Arguments.of("huge T, scores near 1e302", new double[] {1e302, -1e302, 3.3e301, -5.5e301}, 1e300));
        cases.add(Arguments.of("T=MAX, moderate scores", new double[] {1.0, -1.0, 0.0}, max));
        cases.add(Arguments.of("tiny normal T", new double[] {3e-299, -1e-299, 0.0, -4.4e-300, 2.9e-299}, 1e-301));
        cases.add(Arguments.of("T=2^-1000", new double[] {0x1.5p-993, 0x1.3p-995, -0x1.7p-992, 0.0}, 0x1p-1000));
        cases.add(Arguments.of("subnormal T=1e-321", new double[] {0.0, -6.99e-319, -1.0e-320, -3.3e-319, 1e-322}, 1e-321));
        double tiny = Double.MIN_VALUE;
        cases.add(Arguments.of("subnormal T=3 MIN_VALUE", new double[] {0.0, -1000 * tiny, -7 * tiny, -2200 * tiny}, 3 * tiny));
        for (double t : new double[] {max, 1e306, 1.5, 1e300, 1e-301, 1e-321, 3 * Double.MIN_VALUE}) {
            for (int k : new int[] {9, 100}) {
                // Far apart (s - m beyond the double range) for the huge temperatures, else
                // exponents down to -1400.
                double scale = t >= 1e306 || t == 1.5 ? max : t * 700;
                double[] s = new double[k];
                for (int i = 0; i < k; i++) {
                    s[i] = (random.nextDouble() * 2 - 1) * scale;
                }
                cases.add(Arguments.of("random K=" + k + " scale=" + scale, s, t));
            }
        }
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
    void logProbabilitiesAreWithinFourUlpOfExact(String name, double[] scores, double t) {
        double[] logp = Softmax.logProbabilities(scores, t);
        BigDecimal[] exact = ExactMath.logSoftmax(scores, t);
        for (int i = 0; i < logp.length; i++) {
            assertThat(isNegativeZero(logp[i])).as("log p[%d] of %s is -0.0", i, name).isFalse();
            if (exact[i] == null) {
                assertThat(logp[i]).as("log p[%d] of a -inf score (%s)", i, name).isEqualTo(Double.NEGATIVE_INFINITY);
                continue;
            }
            // Relative, with no absolute escape: for the dominant class ln p = -log1p(rest) is
            // tiny, and 0.0 or a rounded ln(p) would be wrong by far more than 4 of its ulps.
            double ulps = ExactMath.ulpError(logp[i], exact[i]);
            assertThat(ulps)
                    .as("%s index %d: %s is %s ulp from exact %s", name, i, logp[i], ulps, exact[i])
                    .isLessThanOrEqualTo(MAX_ULP);
        }
    }

    @ParameterizedTest(name = "{0}, T={2}")
    @MethodSource("vectors")
    void probabilitiesAndLogsGiveTheSameBitsAsTheTwoSeparateCalls(String name, double[] scores, double t) {
        double[] p = new double[scores.length];
        double[] logp = new double[scores.length];
        Softmax.probabilitiesAndLogs(scores, scores.length, t, p, logp);
        assertThat(p).as("probabilities of %s", name).containsExactly(Softmax.probabilities(scores, t));
        assertThat(logp).as("log-probabilities of %s", name).containsExactly(Softmax.logProbabilities(scores, t));
    }

    @ParameterizedTest(name = "{0}, T={2}")
    @MethodSource("vectors")
    void logSumExpIsWithinFourUlpOrOneEMinus15(String name, double[] scores, double t) {
        double actual = LogSumExp.of(scores, t);
        BigDecimal exact = ExactMath.logSumExp(scores, t);
        double ulps = ExactMath.ulpError(actual, exact);
        if (ulps <= MAX_ULP) {
            return;
        }
        assertThat(ExactMath.absError(actual, exact))
                .as("%s: %s is %s ulp from exact %s, and more than 1e-15 absolute", name, actual, ulps, exact)
                .isLessThanOrEqualTo(LOG_SUM_EXP_ABS);
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
        // Exactly -log1p(e^-1000) ~ -5e-435 rounds to zero: +0.0, not -0.0.
        assertThat(logp[0]).isEqualTo(0.0);
        assertThat(isNegativeZero(logp[0])).isFalse();
    }

    @Test
    void theIssueExamplesOfAShiftBeyondTheDoubleRange() {
        // exp(-2) / (1 + exp(-2)) and 1 / (1 + exp(-2)), from the BigDecimal reference.
        double[] scores = {1e308, -1e308};
        BigDecimal[] exact = ExactMath.softmax(scores, 1e308);
        assertThat(new double[] {exact[0].doubleValue(), exact[1].doubleValue()})
                .containsExactly(0.8807970779778824, 0.11920292202211756);
        double[] p = Softmax.probabilities(scores, 1e308);
        assertThat(p[0]).isCloseTo(0.8807970779778824, Ulps.ulps(1, 0.8807970779778824));
        assertThat(p[1]).isCloseTo(0.11920292202211756, Ulps.ulps(1, 0.11920292202211756));
        // (-1e308 - 1e308) / 2 - ln(1 + e^-1e308) = -1e308 exactly, as a double.
        assertThat(Softmax.logProbabilities(new double[] {1e308, -1e308}, 2.0)).containsExactly(0.0, -1.0E308);
    }

    @Test
    void theDominantClassLogProbabilityIsPinned() {
        // -log1p(e^-40) = -4.2483542552915889...e-18 (ExactMath.logSoftmax, 70 digits).
        assertPinned(new double[] {0.0, -40.0}, 1.0, -4.248354255291589E-18);
        assertPinned(new double[] {0.0, -80.0}, 2.0, -4.248354255291589E-18);
        // Tiled to 21 entries so that the vector kernel takes it: one 0 and twenty -40,
        // -log1p(20 e^-40) = -8.4967085105831778...e-17 (same reference).
        double[] tiled = new double[21];
        Arrays.fill(tiled, 1, tiled.length, -40.0);
        assertPinned(tiled, 1.0, -8.496708510583178E-17);
        double[] tiledT = new double[21];
        Arrays.fill(tiledT, 1, tiledT.length, -80.0);
        assertPinned(tiledT, 2.0, -8.496708510583178E-17);
    }

    @Test
    void logSumExpOfZeroAndMinusFortyIsRightToOneUlp() {
        double[] s = {0.0, -40.0};
        // exact: log1p(e^-40) = 4.2483542552915889...e-18 (BigDecimal reference)
        assertThat(ExactMath.ulpError(LogSumExp.of(s), ExactMath.logSumExp(s, 1.0)))
                .isLessThanOrEqualTo(1.0);
        assertThat(LogSumExp.of(s)).isCloseTo(4.248354255291589e-18, org.assertj.core.data.Offset.offset(1e-33));
    }

    /**
     * The log-probability of the class at index 0 (the maximum) is {@code expected}, the exact
     * value rounded, within 1 ulp from every entry point: alone, with the probabilities, in place.
     */
    private static void assertPinned(double[] scores, double t, double expected) {
        BigDecimal exact = ExactMath.logSoftmax(scores, t)[0];
        assertThat(exact.doubleValue()).as("the reference value of the literal").isEqualTo(expected);
        int k = scores.length;
        double[] alone = Softmax.logProbabilities(scores, t);
        double[] p = new double[k];
        double[] withProbabilities = new double[k];
        Softmax.probabilitiesAndLogs(scores, k, t, p, withProbabilities);
        double[] inPlace = scores.clone();
        Softmax.logProbabilities(inPlace, k, t, inPlace);
        for (double[] logp : new double[][] {alone, withProbabilities, inPlace}) {
            assertThat(logp[0])
                    .as("log p_0 of K=%d at T=%s (%s)", k, t, Softmax.kernel())
                    .isCloseTo(expected, Ulps.ulps(1, expected));
        }
    }

    private static boolean isNegativeZero(double x) {
        return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(-0.0);
    }
}
