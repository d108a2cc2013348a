package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.opened;

/** {@link SurprisalScalarFunction} called directly; expected values from {@code p = (c + a)/(C + a(V + 1))}. */
class SurprisalScalarFunctionTest {

    private static final double EPS = 1e-15;

    @Test
    void followsTheSmoothedEstimate() throws Exception {
        SurprisalScalarFunction surprisal = opened(new SurprisalScalarFunction());
        // C = 4, V = 2, a = 1: denominator 4 + 3 = 7
        assertThat(surprisal.eval(1, 4, 2)).isCloseTo(Math.log(3.5), within(EPS));
        assertThat(surprisal.eval(0L, 4.0f, (short) 2)).as("new class, p = 1/7").isCloseTo(Math.log(7), within(4e-16));
        assertThat(surprisal.eval(5, 10, 2, new BigDecimal("0.0"))).as("a = 0: p = 1/2").isCloseTo(Math.log(2), within(EPS));
        assertThat(surprisal.eval(0, 10, 2, 0)).as("a = 0, unseen").isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(surprisal.rejectedRows()).isZero();
    }

    @Test
    void impossibleCountsGiveNullAndAreCounted() throws Exception {
        SurprisalScalarFunction surprisal = opened(new SurprisalScalarFunction());
        assertThat(surprisal.eval(5, 4, 2)).as("count > total").isNull();
        assertThat(surprisal.eval(-1, 4, 2)).as("negative count").isNull();
        assertThat(surprisal.eval(1, 4, 2, -0.5)).as("negative alpha").isNull();
        assertThat(surprisal.eval(0, 0, 0, 0)).as("nothing seen, no smoothing").isNull();
        assertThat(surprisal.rejectedRows()).isEqualTo(4);
        assertThat(surprisal.eval(1, null, 2)).as("NULL").isNull();
        assertThat(surprisal.rejectedRows()).isEqualTo(4);
    }
}
