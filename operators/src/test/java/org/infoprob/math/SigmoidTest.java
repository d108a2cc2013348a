package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SigmoidTest {

    private static final double[] TEMPERATURES = {1.0, 0.37, 2.5, 100.0};

    @Test
    void sigmoidIsWithinFourUlpOfExactOverTheWholeRange() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 3000; n++) {
            double x = n < 1500 ? (random.nextDouble() * 2 - 1) * 800 : (random.nextDouble() * 2 - 1) * 40;
            for (double t : TEMPERATURES) {
                double err = ExactMath.ulpError(Sigmoid.sigmoid(x, t), ExactMath.sigmoid(x, t));
                assertThat(err).as("ulp error of sigmoid(%s; %s)", x, t).isLessThanOrEqualTo(4.0);
            }
        }
    }

    @Test
    void logSigmoidIsWithinFourUlpOfExact() {
        // Relative, with no absolute escape: log-sigmoid(40) = -log1p(e^-40) ~ -4.2e-18 must be
        // right to its last bits, not merely close to 0.
        SplittableRandom random = new SplittableRandom(8);
        for (int n = 0; n < 3000; n++) {
            double x = n < 1500 ? (random.nextDouble() * 2 - 1) * 800 : (random.nextDouble() * 2 - 1) * 40;
            for (double t : TEMPERATURES) {
                assertLogSigmoidWithinFourUlp(x, t);
            }
        }
    }

    @Test
    void bothAreWithinFourUlpOfExactAtHugeTinyAndSubnormalTemperatures() {
        // x / T down to -1600: the FMA remainder of the division, scaled for tiny T.
        SplittableRandom random = new SplittableRandom(11);
        for (double t : new double[] {1e300, Double.MAX_VALUE, 1e-300, 0x1p-1000, 1e-321, 3 * Double.MIN_VALUE}) {
            for (int n = 0; n < 300; n++) {
                double x = (random.nextDouble() * 2 - 1) * Math.min(800 * t, Double.MAX_VALUE);
                double err = ExactMath.ulpError(Sigmoid.sigmoid(x, t), ExactMath.sigmoid(x, t));
                assertThat(err).as("ulp error of sigmoid(%s; %s)", x, t).isLessThanOrEqualTo(4.0);
                assertLogSigmoidWithinFourUlp(x, t);
            }
        }
    }

    private static void assertLogSigmoidWithinFourUlp(double x, double t) {
        double actual = Sigmoid.logSigmoid(x, t);
        BigDecimal exact = ExactMath.logSigmoid(x, t);
        double ulps = ExactMath.ulpError(actual, exact);
        assertThat(ulps).as("log-sigmoid(%s; %s) = %s is %s ulp from %s", x, t, actual, ulps, exact)
                .isLessThanOrEqualTo(4.0);
        assertThat(Double.doubleToRawLongBits(actual)).as("log-sigmoid(%s; %s) is -0.0", x, t)
                .isNotEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void softmaxOfZeroAndTEqualsSigmoidOfTWithinOneUlpFromMinus745To745() {
        // The two-class softmax is the sigmoid: e^t / (1 + e^t) = 1 / (1 + e^-t).
        SplittableRandom random = new SplittableRandom(9);
        double[] scores = new double[2];
        double[] p = new double[2];
        for (int n = 0; n <= 149_000; n++) {
            double t = n <= 149_000 - 1000 ? -745.0 + n * 0.01 : (random.nextDouble() * 2 - 1) * 745;
            scores[1] = t;
            Softmax.probabilities(scores, 1.0, p);
            double s = Sigmoid.sigmoid(t);
            assertThat(Math.abs(p[1] - s))
                    .as("softmax({0, %s})[1] = %s vs sigmoid = %s", t, p[1], s)
                    .isLessThanOrEqualTo(Math.ulp(s));
        }
    }

    @Test
    void handValues() {
        assertThat(Sigmoid.sigmoid(0.0)).isEqualTo(0.5);
        // 1 / (1 + e^-1) with e^-1 = 0.36787944117144233
        assertThat(Sigmoid.sigmoid(2.0, 2.0)).isCloseTo(0.7310585786300049, within(2e-16));
        assertThat(Sigmoid.logSigmoid(-1000.0)).isEqualTo(-1000.0);
        // -log1p(e^-40) = -4.248354255291589e-18
        assertThat(Sigmoid.logSigmoid(40.0)).isCloseTo(-4.248354255291589e-18, within(1e-33));
        // ln(0.75 / 0.25) = ln 3
        assertThat(Sigmoid.logit(0.75)).isCloseTo(Math.log(3), within(3e-16));
        assertThat(Sigmoid.logit(0.5)).isEqualTo(0.0);
        assertThat(Sigmoid.logit(0.25, 2.0)).isCloseTo(-2 * Math.log(3), within(5e-16));
    }

    @Test
    void infiniteScoresTakeTheirLimits() {
        assertThat(Sigmoid.sigmoid(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Sigmoid.sigmoid(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Sigmoid.logSigmoid(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        // ln 1 = 0, as +0.0: a log-probability is never -0.0 (as -log1p(0) would give).
        assertThat(Double.doubleToRawLongBits(Sigmoid.logSigmoid(Double.POSITIVE_INFINITY))).isEqualTo(0L);
        assertThat(Double.doubleToRawLongBits(Sigmoid.logSigmoid(1000.0, 0.5))).isEqualTo(0L);
        double[] logp = new double[2];
        Sigmoid.pair(Double.POSITIVE_INFINITY, 1.0, new double[2], logp);
        assertThat(Double.doubleToRawLongBits(logp[1])).isEqualTo(0L);
        assertThat(Sigmoid.logit(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Sigmoid.logit(1.0)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void logitInvertsSigmoid() {
        SplittableRandom random = new SplittableRandom(10);
        for (int n = 0; n < 10_000; n++) {
            double x = (random.nextDouble() * 2 - 1) * 30;
            double t = 0.5 + random.nextDouble() * 3;
            // sigmoid's rounding (<= 4 ulp of p) is amplified by dlogit/dp = T / (p (1 - p)).
            double p = Sigmoid.sigmoid(x, t);
            double slope = t / (p * (1 - p));
            // plus logit's own rounding, a few ulp of x.
            assertThat(Sigmoid.logit(p, t)).isCloseTo(x, within(8 * Math.ulp(p) * slope + 4 * Math.ulp(x)));
        }
    }

    @Test
    void logitIsAccurateNearOneHalf() {
        // p = 1/2 + d: ln(p / (1 - p)) = 2 atanh(2d) ~ 4d for small d (series, by hand).
        double p = 0.5 + 0x1p-40;
        double expected = 4 * 0x1p-40;
        assertThat(Sigmoid.logit(p)).isCloseTo(expected, within(1e-26));
    }

    @Test
    void nanScoreIsAnInvalidRecord() {
        assertThatThrownBy(() -> Sigmoid.sigmoid(Double.NaN))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessageContaining("NaN")
                .satisfies(e -> assertThat(((InvalidScoresException) e).kind()).isEqualTo(InvalidScoresException.Kind.NAN));
    }

    @Test
    void pairEqualsTheFourSeparateCallsBitForBit() {
        double[] xs = {0.0, -0.0, 1.3, -1.3, 1e-300, -1e-300, 40.0, -40.0, 745.0, -745.0, 1000.0, -1000.0,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double t : new double[] {1.0, 0.37, 3.0}) {
            for (double x : xs) {
                double[] p = new double[2];
                double[] logp = new double[2];
                Sigmoid.pair(x, t, p, logp);
                assertThat(p).as("probabilities of %s at T=%s", x, t)
                        .containsExactly(Sigmoid.sigmoid(-x, t), Sigmoid.sigmoid(x, t));
                assertThat(logp).as("log-probabilities of %s at T=%s", x, t)
                        .containsExactly(Sigmoid.logSigmoid(-x, t), Sigmoid.logSigmoid(x, t));
            }
        }
    }

    @Test
    void pairRejectsNaN() {
        assertThatThrownBy(() -> Sigmoid.pair(Double.NaN, 1.0, new double[2], null))
                .isInstanceOf(InvalidScoresException.class);
    }

    @Test
    void badArgumentsAreRejectedWithTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> Sigmoid.sigmoid(1.0, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Temperature must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> Sigmoid.logSigmoid(1.0, Double.NaN))
                .hasMessage("Temperature must be finite and > 0, was NaN");
        assertThatThrownBy(() -> Sigmoid.logit(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Probability must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> Sigmoid.logit(Double.NaN)).hasMessage("Probability must be in [0, 1], was NaN");
    }
}
