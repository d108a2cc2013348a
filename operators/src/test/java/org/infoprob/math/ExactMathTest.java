package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference itself: {@link ExactMath#log1p} against {@link ExactMath#ln} and its series. */
class ExactMathTest {

    private static final MathContext DIGITS_60 = new MathContext(60);

    @Test
    void log1pAgreesWithLnOfOnePlusXWhereThatIsExact() {
        for (String x : new String[] {"0.5", "0.001", "0.999", "3"}) {
            BigDecimal v = new BigDecimal(x);
            assertThat(ExactMath.log1p(v).round(DIGITS_60))
                    .as("log1p(%s)", x)
                    .isEqualByComparingTo(ExactMath.ln(BigDecimal.ONE.add(v)).round(DIGITS_60));
        }
    }

    @Test
    void log1pKeepsAllDigitsOfATinyArgument() {
        // ln(1 + x) = x - x^2/2 + x^3/3 - ... ; for x = 1e-100 the first two terms give 60 digits.
        BigDecimal x = new BigDecimal("1e-100");
        BigDecimal series = x.subtract(x.multiply(x).divide(BigDecimal.valueOf(2)));
        assertThat(ExactMath.log1p(x).round(DIGITS_60)).isEqualByComparingTo(series.round(DIGITS_60));
        assertThat(ExactMath.log1p(BigDecimal.ZERO)).isEqualByComparingTo(BigDecimal.ZERO);
    }
}
