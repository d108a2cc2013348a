package org.infoprob.sql;

import org.apache.flink.table.functions.FunctionContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The class aggregates called as the planner calls them in an OVER window: accumulate, then
 * getValue, row by row. Expected values are computed by hand from {@code p_x = (c_x + a) / (C
 * + a (V + 1))} with the counts before each row.
 */
class ClassAggregatesTest {

    private static final double EPS = 1e-15;

    private static <F extends ClassAggregateFunction<?>> F opened(F function) throws Exception {
        function.open(new FunctionContext(null));
        return function;
    }

    @Test
    void surprisalScoresEachRowBeforeCountingIt() throws Exception {
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
        assertThat(acc.classes).containsExactly("a", "b", "c");
        assertThat(acc.counts).containsExactly(3, 1, 1);
        assertThat(acc.total).isEqualTo(5);
    }

    @Test
    void surprisalWithAlpha() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        ClassCountAccumulator acc = surprisal.createAccumulator();
        surprisal.accumulate(acc, "a", 0.5);
        surprisal.accumulate(acc, "a", 0.5);
        // b: C=2 V=1 c=0, a = 0.5: p = 0.5 / (2 + 0.5 * 2) = 1/6
        surprisal.accumulate(acc, "b", 0.5);
        assertThat(surprisal.getValue(acc)).isCloseTo(Math.log(6), within(EPS));
    }

    @Test
    void rarityIsTheSoftmaxOfTheSurprisalsOverSeenClassesPlusTheNewOne() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassCountAccumulator acc = rarity.createAccumulator();
        // T = 1: proportional to 1/p. a: 1; a: 1; b: 1/p = 4/3 and 4 -> 3/4;
        // a: 1/p = 2 and 3 -> 2/5; c: 7/4, 7/2, 7 -> 4/7
        double[] expected = {1.0, 1.0, 0.75, 0.4, 4.0 / 7};
        String[] classes = {"a", "a", "b", "a", "c"};
        for (int i = 0; i < classes.length; i++) {
            rarity.accumulate(acc, classes[i]);
            assertThat(rarity.getValue(acc)).as("row %s (%s)", i, classes[i]).isCloseTo(expected[i], within(EPS));
        }
    }

    @Test
    void rarityTemperatureSharpensTowardsTheRareClass() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassCountAccumulator acc = rarity.createAccumulator();
        rarity.accumulate(acc, "a", 0.5);
        rarity.accumulate(acc, "a", 0.5);
        // b at T = 0.5: weights p^-2: (4/3)^2 = 16/9 and 16 -> 16 / (16 + 16/9) = 9/10
        rarity.accumulate(acc, "b", 0.5);
        assertThat(rarity.getValue(acc)).isCloseTo(0.9, within(EPS));
        // a rare class seen before (b again, with T = 1 and a = 2): C=3 V=2, c_a=2, c_b=1,
        // denominator 3 + 2 * 3 = 9: p_a = 4/9, p_b = 3/9 -> 1/p: 9/4, 3 -> b: 3 / (21/4) = 4/7
        rarity.accumulate(acc, "b", 1.0, 2.0);
        assertThat(rarity.getValue(acc)).isCloseTo(4.0 / 7, within(EPS));
    }

    @Test
    void withoutSmoothingANewClassTakesAllTheRarity() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        ClassCountAccumulator r = rarity.createAccumulator();
        ClassCountAccumulator s = surprisal.createAccumulator();
        // First row with a = 0: nothing seen, no estimate (the math core refuses): NULL, but counted.
        rarity.accumulate(r, "a", 1.0, 0.0);
        surprisal.accumulate(s, "a", 0.0);
        assertThat(rarity.getValue(r)).isNull();
        assertThat(surprisal.getValue(s)).isNull();
        assertThat(r.total).isEqualTo(1);
        // b unseen with a = 0: p_b = 0, surprisal +inf, and +inf takes the whole softmax mass
        rarity.accumulate(r, "b", 1.0, 0.0);
        surprisal.accumulate(s, "b", 0.0);
        assertThat(rarity.getValue(r)).isEqualTo(1.0);
        assertThat(surprisal.getValue(s)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(rarity.rejectedRows()).isEqualTo(1);
        assertThat(surprisal.rejectedRows()).isEqualTo(1);
    }

    @Test
    void nullClassesAreNeitherCountedNorRejected() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        ClassCountAccumulator acc = surprisal.createAccumulator();
        surprisal.accumulate(acc, "a");
        surprisal.accumulate(acc, null);
        assertThat(surprisal.getValue(acc)).as("the NULL row's value").isNull();
        assertThat(acc.total).isEqualTo(1);
        // NULL alpha: NULL, but the class is counted
        surprisal.accumulate(acc, "a", null);
        assertThat(surprisal.getValue(acc)).isNull();
        assertThat(acc.total).isEqualTo(2);
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
        assertThat(acc.classes).containsExactly("a", "b");
        assertThat(acc.total).isEqualTo(2);
        // a known class is still scored at the limit: C=2 V=2 c=1 -> p = 2/5
        surprisal.accumulate(acc, "b");
        assertThat(surprisal.getValue(acc)).isCloseTo(Math.log(2.5), within(EPS));
        // a bad alpha: NULL and rejected, the class counted
        surprisal.accumulate(acc, "a", -1.0);
        assertThat(surprisal.getValue(acc)).isNull();
        assertThat(acc.total).isEqualTo(4);
        assertThat(surprisal.rejectedRows()).isEqualTo(3);
    }

    @Test
    void retractForgetsTheOldestRowsOfABoundedWindow() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        ClassCountAccumulator acc = surprisal.createAccumulator();
        surprisal.accumulate(acc, "a");
        surprisal.accumulate(acc, "b");
        surprisal.retract(acc, "a");
        assertThat(acc.classes).as("a count of 0 forgets the class").containsExactly("b");
        // a again, against {b}: C=1 V=1 c=0 -> p = 1/3
        surprisal.accumulate(acc, "a");
        assertThat(surprisal.getValue(acc)).isCloseTo(Math.log(3), within(EPS));
        surprisal.retract(acc, null);
        surprisal.retract(acc, "never-seen");
        assertThat(acc.total).isEqualTo(2);
    }

    @Test
    void distributionIsTheRelativeFrequencyAndMerges() throws Exception {
        ClassDistributionAggregateFunction distribution = opened(new ClassDistributionAggregateFunction());
        ClassCountAccumulator left = distribution.createAccumulator();
        ClassCountAccumulator right = distribution.createAccumulator();
        assertThat(distribution.getValue(left)).as("no rows").isNull();
        for (String cls : new String[] {"a", "a", "b"}) {
            distribution.accumulate(left, cls);
        }
        for (String cls : new String[] {"a", "c", null}) {
            distribution.accumulate(right, cls);
        }
        assertThat(distribution.getValue(left)).isEqualTo(Map.of("a", 2.0 / 3, "b", 1.0 / 3));
        distribution.merge(left, List.of(right));
        // a, a, b + a, c: {a: 3/5, b: 1/5, c: 1/5}
        assertThat(distribution.getValue(left)).isEqualTo(Map.of("a", 0.6, "b", 0.2, "c", 0.2));
        distribution.retract(left, "c");
        assertThat(distribution.getValue(left)).isEqualTo(Map.of("a", 0.75, "b", 0.25));
    }

    @Test
    void classLimitMustBePositive() {
        assertThatThrownBy(() -> new RarityAggregateFunction(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxClasses must be >= 1, was 0");
    }
}
