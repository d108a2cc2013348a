package org.infoprob.math;

import org.infoprob.testing.VectorKernelExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hand values, properties and the non-finite policy of {@link Softmax} and {@link LogSumExp}. */
@ExtendWith(VectorKernelExecution.class)
class SoftmaxTest {

    @Test
    void handValues() {
        // {0, ln 3}: e^0 : e^{ln 3} = 1 : 3
        double[] p = Softmax.probabilities(new double[] {0.0, Math.log(3)});
        assertThat(p[0]).isCloseTo(0.25, within(2e-16));
        assertThat(p[1]).isCloseTo(0.75, within(2e-16));
        // T = 2 halves the exponents: {0, 2 ln 3} at T = 2 is again 1 : 3
        double[] q = Softmax.probabilities(new double[] {0.0, 2 * Math.log(3)}, 2.0);
        assertThat(q[1]).isCloseTo(0.75, within(2e-16));
        assertThat(Softmax.probabilities(new double[] {42.0})).containsExactly(1.0);
        // ln(e^1 + e^1) = 1 + ln 2
        assertThat(LogSumExp.of(new double[] {1.0, 1.0})).isCloseTo(1 + Math.log(2), within(3e-16));
        assertThat(LogSumExp.of(new double[] {1e308, 1e308})).isEqualTo(1e308);
    }

    @Test
    void shiftByAnExactConstantGivesIdenticalOutput() {
        // Scores on a 1/1024 grid in [-50, 50] plus an integer shift stay exact, so s_i - m is
        // the same double before and after: the outputs must be the same to the bit.
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 200; n++) {
            int k = 1 + random.nextInt(50);
            double[] s = new double[k];
            double[] shifted = new double[k];
            double c = random.nextInt(2000) - 1000;
            for (int i = 0; i < k; i++) {
                s[i] = Math.rint((random.nextDouble() * 100 - 50) * 1024) / 1024;
                shifted[i] = s[i] + c;
            }
            assertThat(Softmax.probabilities(shifted, 1.7)).containsExactly(Softmax.probabilities(s, 1.7));
            assertThat(Softmax.logProbabilities(shifted)).containsExactly(Softmax.logProbabilities(s));
        }
    }

    @Test
    void smallTemperatureTendsToOneHotOnTheArgmax() {
        double[] s = {0.3, 2.0, 1.0, -4.0};
        double[] p = Softmax.probabilities(s, 1e-3);
        // The runner-up is 1.0 below the max: e^{-1000} underflows to 0.
        assertThat(p).containsExactly(0.0, 1.0, 0.0, 0.0);
        double[] cold = Softmax.probabilities(s, 0.05);
        assertThat(cold[1]).isGreaterThan(0.999_999_99);
    }

    @Test
    void largeTemperatureTendsToUniform() {
        double[] s = {0.3, 2.0, 1.0, -4.0};
        double[] p = Softmax.probabilities(s, 1e12);
        for (double v : p) {
            // |p_i - 1/4| <= |s_i - s_j| / T, about 6e-12 here
            assertThat(v).isCloseTo(0.25, within(1e-11));
        }
    }

    @Test
    void positiveInfinityEntriesShareTheMassEqually() {
        double inf = Double.POSITIVE_INFINITY;
        assertThat(Softmax.probabilities(new double[] {inf, 3.0, inf, Double.NEGATIVE_INFINITY}))
                .containsExactly(0.5, 0.0, 0.5, 0.0);
        assertThat(Softmax.logProbabilities(new double[] {inf, 3.0, inf}))
                .containsExactly(-Math.log(2), Double.NEGATIVE_INFINITY, -Math.log(2));
        assertThat(LogSumExp.of(new double[] {inf, 0.0})).isEqualTo(inf);
    }

    @Test
    void negativeInfinityEntriesGetZero() {
        double[] p = Softmax.probabilities(new double[] {Double.NEGATIVE_INFINITY, 0.0, 0.0});
        assertThat(p).containsExactly(0.0, 0.5, 0.5);
        assertThat(Softmax.logProbabilities(new double[] {Double.NEGATIVE_INFINITY, 0.0})[0])
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void invalidScoresAreRejectedWithTheirKind() {
        assertInvalid(new double[] {}, InvalidScoresException.Kind.EMPTY, "Scores must not be empty, was length 0");
        assertInvalid(
                new double[] {1.0, Double.NaN}, InvalidScoresException.Kind.NAN, "Scores must not be NaN, was NaN at index 1");
        double[] allNegativeInfinity = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Runnable call :
                new Runnable[] {
                    () -> Softmax.probabilities(allNegativeInfinity),
                    () -> Softmax.logProbabilities(allNegativeInfinity)
                }) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(InvalidScoresException.class)
                    .hasMessage("Scores must hold at least one entry > -Infinity, all 2 entries were -Infinity")
                    .satisfies(e -> assertThat(((InvalidScoresException) e).kind())
                            .isEqualTo(InvalidScoresException.Kind.ALL_NEGATIVE_INFINITY));
        }
    }

    @Test
    void logSumExpOfOnlyNegativeInfinityIsNegativeInfinity() {
        // ln(e^-inf + e^-inf) = ln 0 = -inf: a value, not an invalid input.
        double inf = Double.POSITIVE_INFINITY;
        assertThat(LogSumExp.of(new double[] {-inf, -inf})).isEqualTo(-inf);
        assertThat(LogSumExp.of(new double[] {-inf}, 0.5)).isEqualTo(-inf);
        double[] many = new double[37];
        Arrays.fill(many, -inf);
        assertThat(LogSumExp.of(many, many.length, 1e-321)).isEqualTo(-inf);
        assertThatThrownBy(() -> LogSumExp.of(new double[] {-inf, Double.NaN}))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessage("Scores must not be NaN, was NaN at index 1");
    }

    @Test
    void aSinglePositiveInfinityTakesEverythingWithLogProbabilityPlusZero() {
        double inf = Double.POSITIVE_INFINITY;
        double[] logp = Softmax.logProbabilities(new double[] {3.0, inf, -inf});
        // -ln 1 is -0.0 in floating point; the share of a single +inf entry is +0.0.
        assertThat(Double.doubleToRawLongBits(logp[1])).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(logp).containsExactly(-inf, 0.0, -inf);
        double[] p = new double[3];
        double[] both = new double[3];
        Softmax.probabilitiesAndLogs(new double[] {3.0, inf, -inf}, 3, 2.0, p, both);
        assertThat(p).containsExactly(0.0, 1.0, 0.0);
        assertThat(Double.doubleToRawLongBits(both[1])).isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    @Test
    void badArgumentsAreRejectedWithTheValueAndWhatIsAllowed() {
        double[] s = {1.0, 2.0};
        assertThatThrownBy(() -> Softmax.probabilities(s, -1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(InvalidScoresException.class)
                .hasMessage("Temperature must be finite and > 0, was -1.0");
        assertThatThrownBy(() -> Softmax.probabilities(s, Double.NaN))
                .hasMessage("Temperature must be finite and > 0, was NaN");
        assertThatThrownBy(() -> Softmax.probabilities(s, Double.POSITIVE_INFINITY))
                .hasMessage("Temperature must be finite and > 0, was Infinity");
        assertThatThrownBy(() -> Softmax.probabilities(s, 1.0, new double[3]))
                .hasMessage("out must have the same length as the scores (2), was 3");
        assertThatThrownBy(() -> Softmax.probabilities(s, 2, 1.0, new double[1]))
                .hasMessage("out must have length >= 2 (the number of scores), was 1");
        assertThatThrownBy(() -> Softmax.logProbabilities(s, 3, 1.0, new double[3]))
                .hasMessage("Length must be in [0, 2] (the length of scores), was 3");
        assertThatThrownBy(() -> Softmax.probabilities(null)).hasMessage("scores must not be null");
        assertThatThrownBy(() -> LogSumExp.of(s, 0.0)).hasMessage("Temperature must be finite and > 0, was 0.0");
    }

    @Test
    void prefixFormUsesOnlyTheFirstLengthEntriesAndMayWorkInPlace() {
        double[] buffer = {0.0, Math.log(3), 99.0, Double.NaN};
        Softmax.probabilities(buffer, 2, 1.0, buffer);
        assertThat(buffer[0]).isCloseTo(0.25, within(2e-16));
        assertThat(buffer[1]).isCloseTo(0.75, within(2e-16));
        assertThat(buffer[2]).isEqualTo(99.0);
        assertThat(Double.isNaN(buffer[3])).isTrue();
    }

    @Test
    void logProbabilitiesInPlaceEqualTheAllocatingForm() {
        // The class javadoc allows out == scores; log-softmax reads the scores again after the
        // normalising sum, so the sum must not write into out.
        double[] s = {2.0, 1.0, -0.5, Double.NEGATIVE_INFINITY};
        double[] expected = Softmax.logProbabilities(s, 0.5);
        double[] buffer = s.clone();
        Softmax.logProbabilities(buffer, buffer.length, 0.5, buffer);
        assertThat(buffer).containsExactly(expected);
        // ln p_1 at T = 0.5: 2 - ln(e^4 + e^2 + e^-1), by hand
        assertThat(buffer[1]).isCloseTo(2 - Math.log(Math.exp(4) + Math.exp(2) + Math.exp(-1)), within(1e-15));
    }

    @Test
    void probabilitiesAndLogsEqualTheTwoSeparateCallsBitForBit() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] cases = {
            {2.0, 1.0, -0.5},
            {0.0, -1000.0},
            {3.0, 3.0, Double.NEGATIVE_INFINITY, 1.0},
            {Double.POSITIVE_INFINITY, 0.0, Double.POSITIVE_INFINITY},
            random.doubles(1000, -50, 50).toArray(),
        };
        for (double t : new double[] {1.0, 0.37}) {
            for (double[] s : cases) {
                double[] p = new double[s.length];
                double[] logp = new double[s.length];
                Softmax.probabilitiesAndLogs(s, s.length, t, p, logp);
                assertThat(p).as("probabilities of %s at T=%s", Arrays.toString(s), t)
                        .containsExactly(Softmax.probabilities(s, t));
                assertThat(logp).as("log-probabilities of %s at T=%s", Arrays.toString(s), t)
                        .containsExactly(Softmax.logProbabilities(s, t));
            }
        }
    }

    @Test
    void probabilitiesAndLogsRejectsAliasedBuffers() {
        double[] s = {1.0, 2.0};
        double[] other = new double[2];
        assertThatThrownBy(() -> Softmax.probabilitiesAndLogs(s, 2, 1.0, s, other))
                .as("out aliasing the scores would destroy them before the logs are taken")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Softmax.probabilitiesAndLogs(s, 2, 1.0, other, other))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allocatingAndBufferFormsAgree() {
        double[] s = {1.5, -2.0, 0.25, 7.0};
        double[] out = new double[s.length];
        Softmax.logProbabilities(s, 0.8, out);
        assertThat(out).containsExactly(Softmax.logProbabilities(s, 0.8));
        Softmax.probabilities(s, 0.8, out);
        assertThat(out).containsExactly(Softmax.probabilities(s, 0.8));
        assertThat(Arrays.stream(out).sum()).isCloseTo(1.0, within(4e-16));
    }

    private static void assertInvalid(double[] s, InvalidScoresException.Kind kind, String message) {
        for (Runnable call :
                new Runnable[] {
                    () -> Softmax.probabilities(s), () -> Softmax.logProbabilities(s), () -> LogSumExp.of(s)
                }) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(InvalidScoresException.class)
                    .hasMessage(message)
                    .satisfies(e -> assertThat(((InvalidScoresException) e).kind()).isEqualTo(kind));
        }
    }
}
