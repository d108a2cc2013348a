package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shifted exponent {@code (s - m) / T} and its exponential in each regime, against the exact
 * value from 70-digit BigDecimal arithmetic ({@link ExactMath}).
 */
class ShiftedExponentTest {

    /** {@code (s - m) / t} exactly: doubles are exact in BigDecimal, one 70-digit division. */
    private static BigDecimal quotient(double s, double m, double t) {
        return new BigDecimal(s).subtract(new BigDecimal(m)).divide(new BigDecimal(t), ExactMath.MC);
    }

    @Test
    void theExponentialKeepsTheBitsThatRoundingTheQuotientWouldLose() {
        // q = -700/3 is not a double: rounding it alone moves exp(q) by up to |q| ulp(q) / 2 ~ 60 ulps.
        // Also: s - m not a double (-1 - 3e-17), a result near the subnormal range (e^-743.4), an
        // exponent of -421, a subnormal score over a subnormal temperature (scaled regime).
        double[][] cases = {{-700, 0, 3}, {-1, 3e-17, 3}, {-744, 0.1, 1.001}, {5.5, 300.25, 0.7}, {-1e-309, 0, 3e-310}};
        for (double[] c : cases) {
            double s = c[0];
            double m = c[1];
            double t = c[2];
            BigDecimal exact = ExactMath.exp(quotient(s, m, t));
            assertThat(ExactMath.ulpError(ShiftedExponent.exp(s, m, t), exact))
                    .as("exp((%s - %s) / %s)", s, m, t)
                    .isLessThanOrEqualTo(2.0);
        }
    }

    @Test
    void roundedQuotientIsCorrectlyRoundedAndNeverNegativeZero() {
        assertThat(ShiftedExponent.rounded(-700, 0, 3)).isEqualTo(quotient(-700, 0, 3).doubleValue());
        assertThat(ShiftedExponent.rounded(0.1, 1e20, 7)).isEqualTo(quotient(0.1, 1e20, 7).doubleValue());
        assertThat(Double.doubleToRawLongBits(ShiftedExponent.rounded(-0.0, 0.0, 1.0))).as("+0.0").isZero();
        assertThat(Double.doubleToRawLongBits(ShiftedExponent.rounded(3.0, 3.0, 0.5))).as("+0.0").isZero();
    }

    @Test
    void aDifferenceBeyondTheDoubleRangeIsHalvedWhenTheQuotientIsNot() {
        // s - m = -2e308 overflows; (s - m) / T does not for T > 1.
        assertThat(ShiftedExponent.mayOverflow(1e308, 2.0)).isTrue();
        assertThat(ShiftedExponent.mayOverflow(1e308, 1.0)).as("T <= 1: the quotient overflows too").isFalse();
        assertThat(ShiftedExponent.mayOverflow(1e290, 2.0)).as("m below 2^970 ~ 1e292").isFalse();
        assertThat(ShiftedExponent.rounded(-1e308, 1e308, 2.0)).isEqualTo(-1e308);
        assertThat(ShiftedExponent.rounded(-1e308, 1e308, 1e308)).isEqualTo(-2.0);
        BigDecimal eMinus2 = ExactMath.exp(BigDecimal.valueOf(-2));
        assertThat(ExactMath.ulpError(ShiftedExponent.exp(-1e308, 1e308, 1e308), eMinus2)).isLessThanOrEqualTo(1.0);
        assertThat(ShiftedExponent.rounded(-1e308, 1e308, 0.5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ShiftedExponent.exp(-1e308, 1e308, 0.5)).isZero();
    }

    @Test
    void minusInfinityAndUnderflowGiveZeroAndMinusInfinity() {
        assertThat(ShiftedExponent.exp(Double.NEGATIVE_INFINITY, 0, 2.0)).isZero();
        assertThat(ShiftedExponent.rounded(Double.NEGATIVE_INFINITY, 0, 2.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ShiftedExponent.exp(-800, 0, 1.0)).as("e^-800 is below the smallest subnormal").isZero();
        assertThat(ShiftedExponent.rounded(-1e300, 0, 1e-10)).as("quotient below -MAX_VALUE").isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void tinyTemperaturesAreScaledSoTheRemainderStaysExact() {
        // T = 2^-1000 (below 2^-900): q = (s - m) 2^1000.
        double t = 0x1p-1000;
        double s = -0x1p-1003 * 5;
        assertThat(ShiftedExponent.rounded(s, 0, t)).isEqualTo(-5.0 / 8);
        BigDecimal exact = ExactMath.exp(quotient(s, 0, t));
        assertThat(ExactMath.ulpError(ShiftedExponent.exp(s, 0, t), exact)).isLessThanOrEqualTo(1.0);
    }
}
