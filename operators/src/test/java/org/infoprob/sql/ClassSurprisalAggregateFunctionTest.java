package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.opened;

/**
 * {@link ClassSurprisalAggregateFunction} called as the planner calls it in an OVER window:
 * accumulate, then getValue, row by row. Expected values are computed by hand from {@code p_x =
 * (c_x + a) / (C + a (V + 1))} with the counts before each row.
 */
class ClassSurprisalAggregateFunctionTest {

    private static final double EPS = 1e-15;

    @Test
    void scoresEachRowBeforeCountingIt() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        ClassCountAccumulator acc = surprisal.createAccumulator();
        // a: nothing seen, p = 1; a: C=1 V=1 c=1, p = 2/3; b: C=2 V=1, p = 1/4;
        // a: C=3 V=2 c=2, p = 1/2; c: C=4 V=2, p = 1/7
        double[] expected = {0.0, Math.log(1.5), Math.log(4), Math.log(2), Math.log(7)};
        String[] classes = {"a", "a", "b", "a", "c"};
        for (int i = 0; i < classes.length; i++) {
            surprisal.accumulate(acc, classes[i]);
            assertThat(surprisal.getValue(acc)).as("row %s (%s)", i, classes[i]).isCloseTo(expected[i], within(EPS));
        }
        assertThat(acc.classes()).containsExactly("a", "b", "c");
        assertThat(java.util.Arrays.copyOf(acc.weights, acc.size)).containsExactly(3, 1, 1);
        assertThat(acc.total).isEqualTo(5.0);
    }

    @Test
    void alphaMayBeAnyNumber() throws Exception {
        // b after a, a: C=2 V=1 c=0, a = 0.5: p = 0.5 / (2 + 0.5 * 2) = 1/6
        for (Number half : new Number[] {0.5, 0.5f, new BigDecimal("0.50")}) {
            ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
            ClassCountAccumulator acc = surprisal.createAccumulator();
            surprisal.accumulate(acc, "a", half);
            surprisal.accumulate(acc, "a", half);
            surprisal.accumulate(acc, "b", half);
            assertThat(surprisal.getValue(acc)).as("alpha %s", half.getClass().getSimpleName()).isCloseTo(Math.log(6), within(EPS));
        }
        // an INT alpha of 2: b after a: C=1 V=1 c=0: p = 2 / (1 + 2 * 2) = 2/5
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        ClassCountAccumulator acc = surprisal.createAccumulator();
        surprisal.accumulate(acc, "a", 2);
        surprisal.accumulate(acc, "b", 2);
        assertThat(surprisal.getValue(acc)).isCloseTo(Math.log(2.5), within(EPS));
    }

    @Test
    void nullClassesAreNeitherCountedNorRejected() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        ClassCountAccumulator acc = surprisal.createAccumulator();
        surprisal.accumulate(acc, "a");
        surprisal.accumulate(acc, null);
        assertThat(surprisal.getValue(acc)).as("the NULL row's value").isNull();
        assertThat(acc.total).isEqualTo(1.0);
        // NULL alpha: NULL, but the class is counted
        surprisal.accumulate(acc, "a", null);
        assertThat(surprisal.getValue(acc)).isNull();
        assertThat(acc.total).isEqualTo(2.0);
        assertThat(surprisal.rejectedRows()).isZero();
    }

    @Test
    void badRowsAreRejectedAndNotCounted() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction(2));
        ClassCountAccumulator acc = surprisal.createAccumulator();
        surprisal.accumulate(acc, "a");
        surprisal.accumulate(acc, "");
        assertThat(surprisal.getValue(acc)).as("empty class name").isNull();
        surprisal.accumulate(acc, "b");
        surprisal.accumulate(acc, "c");
        assertThat(surprisal.getValue(acc)).as("third class over the limit of 2").isNull();
        assertThat(acc.classes()).containsExactly("a", "b");
        assertThat(acc.total).isEqualTo(2.0);
        // a known class is still scored at the limit: C=2 V=2 c=1 -> p = 2/5
        surprisal.accumulate(acc, "b");
        assertThat(surprisal.getValue(acc)).isCloseTo(Math.log(2.5), within(EPS));
        // a bad alpha: NULL and rejected, the class counted
        surprisal.accumulate(acc, "a", -1.0);
        assertThat(surprisal.getValue(acc)).isNull();
        assertThat(acc.total).isEqualTo(4.0);
        assertThat(surprisal.rejectedRows()).isEqualTo(3);
    }

    @Test
    void retractForgetsTheOldestRowsOfABoundedWindow() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        ClassCountAccumulator acc = surprisal.createAccumulator();
        surprisal.accumulate(acc, "a");
        surprisal.accumulate(acc, "b");
        surprisal.retract(acc, "a");
        assertThat(acc.classes()).as("a count of 0 forgets the class").containsExactly("b");
        // a again, against {b}: C=1 V=1 c=0 -> p = 1/3
        surprisal.accumulate(acc, "a");
        assertThat(surprisal.getValue(acc)).isCloseTo(Math.log(3), within(EPS));
        surprisal.retract(acc, null);
        surprisal.retract(acc, "never-seen");
        surprisal.retract(acc, "a", 0.5);
        assertThat(acc.total).isEqualTo(1.0);
    }

    @Test
    void classLimitMustBePositive() {
        assertThatThrownBy(() -> new ClassSurprisalAggregateFunction(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxClasses must be >= 1, was 0");
    }
}
