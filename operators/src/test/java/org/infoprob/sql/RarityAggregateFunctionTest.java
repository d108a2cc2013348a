package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.opened;

/**
 * {@link RarityAggregateFunction} called as the planner calls it in an OVER window. Expected
 * values are computed by hand: at {@code T = 1} the rarity is proportional to {@code 1/p_j},
 * {@code p_j = (c_j + a) / (C + a (V + 1))}, over the classes seen plus the row's if new.
 */
class RarityAggregateFunctionTest {

    private static final double EPS = 1e-15;

    @Test
    void isTheSoftmaxOfTheSurprisalsOverSeenClassesPlusTheNewOne() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassCountAccumulator acc = rarity.createAccumulator();
        // a: 1; a: 1; b: 1/p = 4/3 and 4 -> 3/4; a: 1/p = 2 and 3 -> 2/5; c: 7/4, 7/2, 7 -> 4/7
        double[] expected = {1.0, 1.0, 0.75, 0.4, 4.0 / 7};
        String[] classes = {"a", "a", "b", "a", "c"};
        for (int i = 0; i < classes.length; i++) {
            rarity.accumulate(acc, classes[i]);
            assertThat(rarity.getValue(acc)).as("row %s (%s)", i, classes[i]).isCloseTo(expected[i], within(EPS));
        }
    }

    @Test
    void temperatureSharpensTowardsTheRareClass() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassCountAccumulator acc = rarity.createAccumulator();
        rarity.accumulate(acc, "a", 0.5);
        rarity.accumulate(acc, "a", 0.5f);
        // b at T = 0.5: weights p^-2: (4/3)^2 = 16/9 and 16 -> 16 / (16 + 16/9) = 9/10
        rarity.accumulate(acc, "b", new BigDecimal("0.5"));
        assertThat(rarity.getValue(acc)).isCloseTo(0.9, within(EPS));
        // b again with T = 1 and a = 2 (INT literals): C=3 V=2, c_a=2, c_b=1, denominator
        // 3 + 2 * 3 = 9: p_a = 4/9, p_b = 3/9 -> 1/p: 9/4, 3 -> b: 3 / (21/4) = 4/7
        rarity.accumulate(acc, "b", 1, 2);
        assertThat(rarity.getValue(acc)).isCloseTo(4.0 / 7, within(EPS));
    }

    @Test
    void withoutSmoothingANewClassTakesAllTheRarity() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassCountAccumulator acc = rarity.createAccumulator();
        // First row with a = 0: nothing seen, no estimate (the math core refuses): NULL, but counted.
        rarity.accumulate(acc, "a", 1.0, 0.0);
        assertThat(rarity.getValue(acc)).isNull();
        assertThat(acc.total).isEqualTo(1);
        // b unseen with a = 0: p_b = 0, surprisal +inf, and +inf takes the whole softmax mass
        rarity.accumulate(acc, "b", 1.0, 0.0);
        assertThat(rarity.getValue(acc)).isEqualTo(1.0);
        assertThat(rarity.rejectedRows()).isEqualTo(1);
    }

    @Test
    void nullParametersGiveNullButTheClassIsCounted() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassCountAccumulator acc = rarity.createAccumulator();
        rarity.accumulate(acc, "a", null);
        rarity.accumulate(acc, "b", 1.0, null);
        assertThat(rarity.getValue(acc)).isNull();
        rarity.accumulate(acc, null, 1.0);
        assertThat(acc.total).isEqualTo(2);
        assertThat(rarity.rejectedRows()).isZero();
        rarity.retract(acc, "a", 1.0);
        rarity.retract(acc, "b", 1.0, 1.0);
        assertThat(acc.total).isZero();
    }

    @Test
    void classLimitMustBePositive() {
        assertThatThrownBy(() -> new RarityAggregateFunction(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxClasses must be >= 1, was 0");
    }
}
