package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.opened;

/** {@link LogitScalarFunction} called directly; expected values from {@code T ln(p/(1 - p))}. */
class LogitScalarFunctionTest {

    private static final double EPS = 1e-15;

    @Test
    void invertsTheSigmoid() throws Exception {
        LogitScalarFunction logit = opened(new LogitScalarFunction());
        assertThat(logit.eval(0.75)).isCloseTo(Math.log(3), within(EPS));
        assertThat(logit.eval(new BigDecimal("0.75"), 2)).isCloseTo(2 * Math.log(3), within(EPS));
        assertThat(logit.eval(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(logit.eval(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(logit.rejectedRows()).isZero();
    }

    @Test
    void probabilitiesOutsideTheUnitIntervalGiveNull() throws Exception {
        LogitScalarFunction logit = opened(new LogitScalarFunction());
        assertThat(logit.eval(1.5)).isNull();
        assertThat(logit.eval(-0.1)).isNull();
        assertThat(logit.eval(Double.NaN)).isNull();
        assertThat(logit.eval(0.5, 0)).isNull();
        assertThat(logit.rejectedRows()).isEqualTo(4);
    }
}
