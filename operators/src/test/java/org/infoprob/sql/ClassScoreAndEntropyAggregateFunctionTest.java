package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.opened;

/**
 * {@link ClassScoreAggregateFunction} and {@link ClassEntropyAggregateFunction} called as the
 * planner calls them in an OVER window, on the classes a, a, b, a, c with a = 1. Expected values
 * by hand from {@code p_j = (c_j + 1) / (C + V + 1)}, {@code p_u = 1 / (C + V + 1)} with the
 * counts before each row (the worked example of SQL.md).
 */
class ClassScoreAndEntropyAggregateFunctionTest {

    private static final double EPS = 1e-15;
    private static final String[] CLASSES = {"a", "a", "b", "a", "c"};

    @Test
    void scoreIsTheSurprisalAboveTheMostProbableClassBeforeTheRow() throws Exception {
        ClassScoreAggregateFunction score = opened(new ClassScoreAggregateFunction());
        ClassCountAccumulator acc = score.createAccumulator();
        // a: nothing held -> 0; a: a is the reference -> 0; b (unseen): ln(q_a / a) = ln 3;
        // a: the reference -> 0; c (unseen): ln(4 / 1)
        double[] expected = {0.0, 0.0, Math.log(3), 0.0, Math.log(4)};
        for (int i = 0; i < CLASSES.length; i++) {
            score.accumulate(acc, CLASSES[i]);
            assertThat(score.getValue(acc)).as("row %s (%s)", i, CLASSES[i]).isCloseTo(expected[i], within(EPS));
        }
    }

    @Test
    void entropyIsThatOfTheGroupBeforeTheRowWithTheUnseenSlot() throws Exception {
        ClassEntropyAggregateFunction entropy = opened(new ClassEntropyAggregateFunction());
        ClassCountAccumulator acc = entropy.createAccumulator();
        // before row 1 nothing: p_u = 1 -> 0; row 2: p = 2/3, 1/3; row 3: 3/4, 1/4;
        // row 4: 3/6, 2/6, 1/6; row 5: 4/7, 2/7, 1/7
        double[] expected = {
            0.0,
            Math.log(3) - 2.0 / 3 * Math.log(2),
            Math.log(4) - 0.75 * Math.log(3),
            2.0 / 3 * Math.log(2) + 0.5 * Math.log(3),
            Math.log(7) - 10.0 / 7 * Math.log(2)
        };
        for (int i = 0; i < CLASSES.length; i++) {
            entropy.accumulate(acc, CLASSES[i]);
            assertThat(entropy.getValue(acc)).as("row %s (%s)", i, CLASSES[i]).isCloseTo(expected[i], within(EPS));
        }
        // Good-Turing after a, a, b, a, c: c and b seen once (N1 = 2), a 3 times: D = 5 + 4 = 9,
        // p_u = 3/9, the rest (6/9) shared as 4 : 2 : 2 over C + aV = 8: 1/3, 1/6, 1/6
        entropy.accumulate(acc, "d", 1, "good-turing");
        assertThat(entropy.getValue(acc))
                .isCloseTo(-(2 * (1.0 / 3) * Math.log(1.0 / 3) + 2 * (1.0 / 6) * Math.log(1.0 / 6)), within(EPS));
    }
}
