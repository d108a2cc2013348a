package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.sql.SqlData.array;
import static org.infoprob.sql.SqlData.map;
import static org.infoprob.sql.SqlData.opened;
import static org.infoprob.sql.SqlData.pairs;

/** {@link ArgmaxScalarFunction} called directly. */
class ArgmaxScalarFunctionTest {

    @Test
    void isOneBasedAndBreaksTiesTowardsTheFirst() throws Exception {
        ArgmaxScalarFunction argmax = opened(new ArgmaxScalarFunction());
        assertThat(argmax.eval(array(0.2, 0.5, 0.3))).isEqualTo(2);
        assertThat(argmax.eval(array(1.0, 3.0, 3.0))).as("tie: the lower position").isEqualTo(2);
        assertThat(argmax.eval(array(Double.NEGATIVE_INFINITY, -1e308))).isEqualTo(2);
        assertThat(argmax.eval(map("cat", 2.0, "dog", 1.0)).toString()).isEqualTo("cat");
        assertThat(argmax.eval(map("dog", 1.0, "cat", 1.0, "emu", 0.0)).toString())
                .as("tie: the first entry in the map's order, not the smaller name")
                .isEqualTo("dog");
        assertThat(argmax.eval(pairs(new String[] {"y", "x"}, new double[] {1, 1})).toString()).isEqualTo("y");
        assertThat(argmax.rejectedRows()).isZero();
    }

    @Test
    void badRowsGiveNullAndAreCounted() throws Exception {
        ArgmaxScalarFunction argmax = opened(new ArgmaxScalarFunction());
        assertThat(argmax.eval(array())).as("empty").isNull();
        assertThat(argmax.eval(array(1.0, Double.NaN))).as("NaN").isNull();
        assertThat(argmax.eval(array(1.0, null))).as("NULL entry").isNull();
        assertThat(argmax.eval(map())).as("empty map").isNull();
        assertThat(argmax.eval(map("", 1.0))).as("empty name").isNull();
        assertThat(argmax.eval(pairs(new String[] {"a", "a"}, new double[] {1, 2}))).as("a name twice").isNull();
        assertThat(argmax.rejectedRows()).isEqualTo(6);
    }
}
