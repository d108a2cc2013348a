package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TwoSum} against exact BigDecimal sums, and {@link Constants} against {@link ExactMath}. */
class TwoSumTest {

    @Test
    void errorIsTheExactRoundingErrorForAnyMagnitudesAndSigns() {
        SplittableRandom random = new SplittableRandom(20261129L);
        for (int n = 0; n < 100_000; n++) {
            // Exponents from -1074 to 1000 on both sides: subnormals, cancellation, and one
            // addend far below the other's last bit.
            double a = randomDouble(random);
            double b = randomDouble(random);
            double sum = a + b;
            if (Double.isInfinite(sum)) {
                continue;
            }
            BigDecimal exact = new BigDecimal(a).add(new BigDecimal(b)).subtract(new BigDecimal(sum));
            assertThat(new BigDecimal(TwoSum.error(a, b, sum)))
                    .as("error(%s, %s)", a, b)
                    .isEqualByComparingTo(exact);
            assertThat(new BigDecimal(TwoSum.sumError(a, b, sum)))
                    .as("sumError(%s, %s)", a, b)
                    .isEqualByComparingTo(exact);
        }
    }

    @Test
    void handValues() {
        // 1 + 2^-60 rounds to 1; the error is the 2^-60 that was dropped.
        assertThat(TwoSum.error(1.0, 0x1p-60, 1.0 + 0x1p-60)).isEqualTo(0x1p-60);
        // 0.1 + 0.2 = 0.30000000000000004: the error is (0.1 + 0.2 exactly) - that double,
        // -2^-55 (exact rational arithmetic on the three doubles, Python's fractions.Fraction).
        assertThat(TwoSum.error(0.1, 0.2, 0.1 + 0.2)).isEqualTo(-0x1p-55);
        assertThat(TwoSum.error(3.0, -3.0, 0.0)).isEqualTo(0.0);
        // The small term first: Neumaier's ordering swaps the operands.
        assertThat(TwoSum.sumError(0x1p-60, 1.0, 1.0 + 0x1p-60)).isEqualTo(0x1p-60);
    }

    @Test
    void compensatedSumOfManySmallTermsOnOneIsExactWhereAPlainSumLosesThemAll() {
        // 1 + 2^20 * 2^-60: each 2^-60 is below half an ulp of 1, so a plain sum stays at 1.
        double plain = 1.0;
        double sum = 1.0;
        double compensation = 0.0;
        for (int i = 0; i < 1 << 20; i++) {
            plain += 0x1p-60;
            double next = sum + 0x1p-60;
            compensation += TwoSum.sumError(sum, 0x1p-60, next);
            sum = next;
        }
        assertThat(plain).isEqualTo(1.0);
        // 1 + 2^-40 exactly, a double.
        assertThat(sum + compensation).isEqualTo(1.0 + 0x1p-40);
    }

    @Test
    void lnTwoIsTheDoubleNearestToTheExactValue() {
        assertThat(Constants.LN_2).isEqualTo(ExactMath.LN2.doubleValue());
        assertThat(ExactMath.ulpError(Constants.LN_2, ExactMath.LN2)).isLessThanOrEqualTo(0.5);
    }

    private static double randomDouble(SplittableRandom random) {
        double mantissa = 1.0 + random.nextDouble();
        int exponent = random.nextInt(-1074, 1001);
        double v = Math.scalb(mantissa, exponent);
        return random.nextBoolean() ? v : -v;
    }
}
