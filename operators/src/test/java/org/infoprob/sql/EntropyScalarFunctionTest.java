package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.array;
import static org.infoprob.sql.SqlData.map;
import static org.infoprob.sql.SqlData.opened;
import static org.infoprob.sql.SqlData.pairs;

/** {@link EntropyScalarFunction} called directly; expected values from {@code -sum p ln p}. */
class EntropyScalarFunctionTest {

    private static final double EPS = 1e-15;

    @Test
    void entropyOfArrayAndMapInNats() throws Exception {
        EntropyScalarFunction entropy = opened(new EntropyScalarFunction());
        assertThat(entropy.eval(array(0.5, 0.5))).isCloseTo(Math.log(2), within(EPS));
        // {1/4, 1/4, 1/2}: 2 * 1/4 ln 4 + 1/2 ln 2 = 1.5 ln 2
        assertThat(entropy.eval(array(0.25, 0.25, 0.5))).isCloseTo(1.5 * Math.log(2), within(EPS));
        assertThat(entropy.eval(array(1.0, 0.0))).isEqualTo(0.0);
        assertThat(entropy.eval(array())).as("empty: 0, the math core's policy").isEqualTo(0.0);
        assertThat(entropy.eval(map("a", 0.5, "b", 0.5))).isCloseTo(Math.log(2), within(EPS));
        assertThat(entropy.rejectedRows()).isZero();
    }

    @Test
    void badRowsGiveNullAndAreCounted() throws Exception {
        EntropyScalarFunction entropy = opened(new EntropyScalarFunction());
        assertThat(entropy.eval(array(1.5))).as("p > 1").isNull();
        assertThat(entropy.eval(array(Double.NaN))).as("NaN").isNull();
        assertThat(entropy.eval(array(0.5, null))).as("NULL entry").isNull();
        assertThat(entropy.eval(pairs(new String[] {"a", "a"}, new double[] {0.5, 0.5}))).as("a name twice").isNull();
        assertThat(entropy.rejectedRows()).isEqualTo(4);
    }
}
