package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.sql.SqlData.array;
import static org.infoprob.sql.SqlData.ints;
import static org.infoprob.sql.SqlData.map;
import static org.infoprob.sql.SqlData.opened;
import static org.infoprob.sql.SqlData.pairs;
import static org.infoprob.sql.SqlData.primitive;
import static org.infoprob.sql.SqlData.strings;

/** {@link TopKScalarFunction} called directly. */
class TopKScalarFunctionTest {

    @Test
    void isOneBasedLargestFirstAndCappedAtTheLength() throws Exception {
        TopKScalarFunction topK = opened(new TopKScalarFunction());
        assertThat(ints(topK.eval(array(0.2, 0.5, 0.3), 2))).containsExactly(2, 3);
        assertThat(ints(topK.eval(array(0.2, 0.5, 0.3), 5))).containsExactly(2, 3, 1);
        assertThat(ints(topK.eval(array(0.2, 0.5, 0.3), Long.MAX_VALUE))).as("a BIGINT k").containsExactly(2, 3, 1);
        assertThat(ints(topK.eval(array(), 2))).as("empty: empty, the math core's policy").isEmpty();
        assertThat(strings(topK.eval(map("cat", 2.0, "dog", 1.0, "bird", -0.5), 2))).containsExactly("cat", "dog");
        assertThat(topK.rejectedRows()).isZero();
    }

    @Test
    void tiesKeepTheOrderOfTheInput() throws Exception {
        TopKScalarFunction topK = opened(new TopKScalarFunction());
        assertThat(ints(topK.eval(array(1.0, 2.0, 1.0, 2.0), 4))).containsExactly(2, 4, 1, 3);
        assertThat(strings(topK.eval(map("y", 1.0, "x", 1.0, "z", 2.0), 3))).containsExactly("z", "y", "x");
        assertThat(strings(topK.eval(pairs(new String[] {"b", "c", "a"}, new double[] {1, 1, 1}), 2)))
                .containsExactly("b", "c");
    }

    @Test
    void kMayBeAnyWholeNumber() throws Exception {
        TopKScalarFunction topK = opened(new TopKScalarFunction());
        for (Number two : new Number[] {2, 2L, (short) 2, (byte) 2, 2.0f, 2.0, new BigDecimal("2.0")}) {
            assertThat(ints(topK.eval(primitive(0.2, 0.5, 0.3), two))).as("k = %s", two).containsExactly(2, 3);
        }
        assertThat(topK.rejectedRows()).isZero();
    }

    @Test
    void badRowsGiveNullAndAreCounted() throws Exception {
        TopKScalarFunction topK = opened(new TopKScalarFunction());
        assertThat(topK.eval(array(1.0), 0)).as("k = 0").isNull();
        assertThat(topK.eval(map("a", 1.0), -1)).as("k < 0").isNull();
        assertThat(topK.eval(array(1.0), new BigDecimal("1.5"))).as("k not whole").isNull();
        assertThat(topK.eval(array(1.0), Double.NaN)).as("k NaN").isNull();
        assertThat(topK.eval(array(Double.NaN, 1.0), 1)).as("NaN").isNull();
        assertThat(topK.eval(array(1.0, null), 1)).as("NULL entry").isNull();
        assertThat(topK.eval(pairs(new String[] {"a", "a"}, new double[] {1, 2}), 1)).as("a name twice").isNull();
        assertThat(topK.rejectedRows()).isEqualTo(7);
        assertThat(topK.eval(array(1.0), null)).as("NULL k").isNull();
        assertThat(topK.rejectedRows()).isEqualTo(7);
    }
}
