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
 * {@code p_j = (c_j + a) / (C + a (V + 1))}, over the classes seen and the unseen slot ({@code
 * p_u = a / (C + a (V + 1))}), which a new class takes.
 */
class RarityAggregateFunctionTest {

    private static final double EPS = 1e-15;

    @Test
    void isTheSoftmaxOfTheSurprisalsOverSeenClassesPlusTheNewOne() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassCountAccumulator acc = rarity.createAccumulator();
        // with q = c + a (1/p is proportional to 1/q) and q = 1 for the unseen slot:
        // a: nothing seen -> 0; a: (1/2) / (1/2 + 1) = 1/3; b (unseen): 1 / (1/3 + 1) = 3/4;
        // a: (1/3) / (1/3 + 1/2 + 1) = 2/11; c (unseen): 1 / (1/4 + 1/2 + 1) = 4/7
        double[] expected = {0.0, 1.0 / 3, 0.75, 2.0 / 11, 4.0 / 7};
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
        // b (unseen) at T = 0.5: weights p^-2, proportional to q^-2: 1/9 for a (q = 3), 1 for
        // the unseen slot -> 1 / (1 + 1/9) = 9/10
        rarity.accumulate(acc, "b", new BigDecimal("0.5"));
        assertThat(rarity.getValue(acc)).isCloseTo(0.9, within(EPS));
        // b again with T = 1 and a = 2 (INT literals): q = c + 2: a 4, b 3, unseen 2 ->
        // (1/3) / (1/4 + 1/3 + 1/2) = 4/13
        rarity.accumulate(acc, "b", 1, 2);
        assertThat(rarity.getValue(acc)).isCloseTo(4.0 / 13, within(EPS));
    }

    @Test
    void alphaBelowTheSmallestAcceptedIsRejectedAndTheSmallestGivesFiniteRarities() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassCountAccumulator acc = rarity.createAccumulator();
        // a = 0 is outside [1e-10, 1e100]: NULL, OUT_OF_RANGE, but counted.
        rarity.accumulate(acc, "a", 1.0, 0.0);
        assertThat(rarity.getValue(acc)).isNull();
        assertThat(acc.total).isEqualTo(1.0);
        // b unseen with a = 1e-10: q_a = 1 + 1e-10, q_u = 1e-10: 1 / (1e-10 / (1 + 1e-10) + 1),
        // just below 1 and finite
        rarity.accumulate(acc, "b", 1.0, 1e-10);
        assertThat(rarity.getValue(acc)).isCloseTo(1.0 / (1e-10 / (1 + 1e-10) + 1), within(EPS)).isLessThan(1.0);
        assertThat(rarity.rejectedRows()).isEqualTo(1);
    }

    @Test
    void goodTuringSizesTheUnseenSlotByTheSingletons() throws Exception {
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        ClassCountAccumulator acc = rarity.createAccumulator();
        for (String cls : new String[] {"a", "b", "a"}) {
            rarity.accumulate(acc, cls, 1.0, 1.0, "good-turing");
        }
        // c after a 2, b 1 (a singleton, N1 = 1), a = 1: D = 3 + 3 = 6, p_u = (1 + 1)/6 = 1/3,
        // p_a = (2/3) 3/5 = 2/5, p_b = (2/3) 2/5 = 4/15; 1/p: 5/2, 15/4, 3 -> 3 / (37/4) = 12/37
        rarity.accumulate(acc, "c", 1.0, 1.0, "GOOD_TURING");
        assertThat(rarity.getValue(acc)).isCloseTo(12.0 / 37, within(EPS));
        // additive would give 1 / (1/3 + 1/2 + 1) = 6/11
        rarity.accumulate(acc, "d", 1.0, 1.0, "laplace");
        assertThat(rarity.getValue(acc)).as("unknown smoothing").isNull();
        assertThat(acc.total).as("but counted").isEqualTo(5.0);
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
        assertThat(acc.total).isEqualTo(2.0);
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
