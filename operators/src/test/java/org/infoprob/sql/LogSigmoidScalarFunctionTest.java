package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.opened;

/** {@link LogSigmoidScalarFunction} called directly; expected values from {@code -log1p(e^{-x/T})}. */
class LogSigmoidScalarFunctionTest {

    @Test
    void staysExactWhereTheSigmoidRoundsToZeroOrOne() throws Exception {
        LogSigmoidScalarFunction logSigmoid = opened(new LogSigmoidScalarFunction());
        assertThat(logSigmoid.eval(-1000.0)).isEqualTo(-1000.0);
        // -log1p(e^-40) = -e^-40 (1 - e^-40 / 2 ...) = -e^-40 to double precision
        assertThat(logSigmoid.eval(40)).isCloseTo(-Math.exp(-40), within(1e-30));
        // x = 2, T = 2: -log1p(e^-1)
        assertThat(logSigmoid.eval(2, 2.0f)).isCloseTo(-Math.log1p(Math.exp(-1)), within(1e-15));
        assertThat(logSigmoid.eval(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(logSigmoid.rejectedRows()).isZero();
        assertThat(logSigmoid.eval(Double.NaN)).isNull();
        assertThat(logSigmoid.eval(1, -1)).isNull();
        assertThat(logSigmoid.rejectedRows()).isEqualTo(2);
    }
}
