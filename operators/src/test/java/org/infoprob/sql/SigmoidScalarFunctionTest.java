package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.opened;

/** {@link SigmoidScalarFunction} called directly; expected values from {@code 1/(1 + e^{-x/T})}. */
class SigmoidScalarFunctionTest {

    private static final double EPS = 1e-15;

    @Test
    void followsTheFormulaForNumbersOfAnyType() throws Exception {
        SigmoidScalarFunction sigmoid = opened(new SigmoidScalarFunction());
        assertThat(sigmoid.eval(0.0)).isEqualTo(0.5);
        // x = 2, T = 2: 1 / (1 + e^-1)
        for (Number two : new Number[] {2, 2L, (short) 2, (byte) 2, 2.0f, 2.0, new BigDecimal("2.00")}) {
            assertThat(sigmoid.eval(two, two)).as("%s", two.getClass().getSimpleName())
                    .isCloseTo(1 / (1 + Math.exp(-1)), within(EPS));
        }
        assertThat(sigmoid.eval(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(sigmoid.eval(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(sigmoid.rejectedRows()).isZero();
    }

    @Test
    void nanAndBadTemperaturesGiveNullAndAreCounted() throws Exception {
        SigmoidScalarFunction sigmoid = opened(new SigmoidScalarFunction());
        assertThat(sigmoid.eval(Double.NaN)).isNull();
        assertThat(sigmoid.eval(1.0, 0)).isNull();
        assertThat(sigmoid.eval(1.0, Double.POSITIVE_INFINITY)).isNull();
        assertThat(sigmoid.rejectedRows()).isEqualTo(3);
        assertThat(sigmoid.eval(null)).as("NULL x").isNull();
        assertThat(sigmoid.eval(1.0, null)).as("NULL T").isNull();
        assertThat(sigmoid.rejectedRows()).as("NULL is no rejection").isEqualTo(3);
    }
}
