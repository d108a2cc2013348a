package org.infoprob.sql;

import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.opened;

/**
 * The information aggregates with a half-life, {@code (class, time, half_life [, ...])}, called
 * as the planner calls them: accumulate, then getValue, row by row. Expected values are the
 * hand computation of SQL.md ("Half-life"), from {@code c_j(now) = sum_i 2^{-(now - t_i)/h}}
 * and {@code p_j = (c_j + 1) / (C + V + 1)}, {@code p_u = 1 / (C + V + 1)}: with h = 1 minute and
 * times on whole minutes every count is a dyadic fraction, so the probabilities are the exact
 * fractions written in the comments.
 */
class HalfLifeAggregateFunctionTest {

    private static final double EPS = 1e-15;
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_732_752_000_000L;

    /** The example of SQL.md: class, minute. */
    private static final String[] CLASSES = {"a", "a", "b", "b", "a"};
    private static final long[] MINUTES = {0, 1, 3, 4, 4};

    private static TimestampData at(long minute) {
        return TimestampData.fromEpochMillis(T0 + minute * MINUTE);
    }

    @Test
    void workedExampleOfSqlMd() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        ClassScoreAggregateFunction score = opened(new ClassScoreAggregateFunction());
        ClassEntropyAggregateFunction entropy = opened(new ClassEntropyAggregateFunction());
        RarityAggregateFunction rarity = opened(new RarityAggregateFunction());
        DecayingClassCountAccumulator s = (DecayingClassCountAccumulator) surprisal.createAccumulator();
        DecayingClassCountAccumulator z = (DecayingClassCountAccumulator) score.createAccumulator();
        DecayingClassCountAccumulator e = (DecayingClassCountAccumulator) entropy.createAccumulator();
        DecayingClassCountAccumulator r = (DecayingClassCountAccumulator) rarity.createAccumulator();
        // Counts before each row, decayed to its time (q = c + 1; unseen slot q = 1):
        // a@0: nothing                         -> p_u = 1
        // a@1: a = 1/2                         -> D = 5/2, p_a = 3/5, p_u = 2/5
        // b@3: a = 3/2 * 1/4 = 3/8             -> D = 19/8, p_a = 11/19, p_b = p_u = 8/19
        // b@4: a = 3/16, b = 1/2               -> D = 59/16, p_a = 19/59, p_b = 24/59, p_u = 16/59
        // a@4: a = 3/16, b = 3/2               -> D = 75/16, p_a = 19/75, p_b = 40/75, p_u = 16/75
        double[] surprisals = {0.0, Math.log(5.0 / 3), Math.log(19.0 / 8), Math.log(59.0 / 24), Math.log(75.0 / 19)};
        // ln(p_ref / p_x): a is the reference until row 4, then b
        double[] scores = {0.0, 0.0, Math.log(11.0 / 8), 0.0, Math.log(40.0 / 19)};
        // (1/q_x) / sum (1/q) over a, b and the unseen slot
        double[] rarities = {
            0.0,
            (2.0 / 3) / (2.0 / 3 + 1),
            1.0 / (8.0 / 11 + 1),
            (16.0 / 24) / (16.0 / 24 + 16.0 / 19 + 1),
            (16.0 / 19) / (16.0 / 19 + 16.0 / 40 + 1)
        };
        assertThat(rarities[1]).isCloseTo(2.0 / 5, within(EPS));
        assertThat(rarities[2]).isCloseTo(11.0 / 19, within(EPS));
        assertThat(rarities[3]).isCloseTo(38.0 / 143, within(EPS));
        assertThat(rarities[4]).isCloseTo(80.0 / 213, within(EPS));
        double[] entropies = {
            0.0,
            entropy(3.0 / 5, 2.0 / 5),
            entropy(11.0 / 19, 8.0 / 19),
            entropy(19.0 / 59, 24.0 / 59, 16.0 / 59),
            entropy(19.0 / 75, 40.0 / 75, 16.0 / 75)
        };
        Long h = MINUTE;
        for (int i = 0; i < CLASSES.length; i++) {
            String row = "row " + (i + 1) + " (" + CLASSES[i] + "@" + MINUTES[i] + ")";
            surprisal.accumulate(s, CLASSES[i], at(MINUTES[i]), h);
            score.accumulate(z, CLASSES[i], at(MINUTES[i]), h);
            entropy.accumulate(e, CLASSES[i], at(MINUTES[i]), h);
            rarity.accumulate(r, CLASSES[i], at(MINUTES[i]), h);
            assertThat(surprisal.getValue(s)).as(row + " surprisal").isCloseTo(surprisals[i], within(EPS));
            assertThat(score.getValue(z)).as(row + " score").isCloseTo(scores[i], within(EPS));
            assertThat(entropy.getValue(e)).as(row + " entropy").isCloseTo(entropies[i], within(EPS));
            assertThat(rarity.getValue(r)).as(row + " rarity").isCloseTo(rarities[i], within(EPS));
        }
        // after a@4: a = 3/16 + 1 = 19/16, b = 3/2 at minute 4, in weights relative to L = minute 0
        assertThat(s.scale()).isEqualTo(1.0 / 16);
        assertThat(s.classes()).containsExactly("a", "b");
        assertThat(s.weights[0] * s.scale()).isEqualTo(19.0 / 16);
        assertThat(s.weights[1] * s.scale()).isEqualTo(3.0 / 2);
        assertThat(s.total * s.scale()).isEqualTo(43.0 / 16);
    }

    @Test
    void aLateRowScoresAtNowAndEntersWithTheWeightOfItsAge() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        DecayingClassCountAccumulator acc = (DecayingClassCountAccumulator) surprisal.createAccumulator();
        Long h = MINUTE;
        surprisal.accumulate(acc, "a", at(0), h);
        surprisal.accumulate(acc, "a", at(1), h);
        surprisal.accumulate(acc, "b", at(3), h);
        // a@2 after b@3: scored against the counts at now = 3 (a = 3/8, b = 1): D = 11/8 + 3 = 35/8,
        // p_a = (11/8) / (35/8) = 11/35; then it enters with weight 2^{-(3 - 2)/1} = 1/2
        surprisal.accumulate(acc, "a", at(2), h);
        assertThat(surprisal.getValue(acc)).isCloseTo(Math.log(35.0 / 11), within(EPS));
        assertThat(acc.now).isEqualTo(T0 + 3 * MINUTE);
        assertThat(acc.weights[0] * acc.scale()).isEqualTo(3.0 / 8 + 1.0 / 2);
        // b@4: a = 7/16, b = 1/2: D = 15/16 + 3 = 63/16, p_b = (3/2) / (63/16) = 8/21
        surprisal.accumulate(acc, "b", at(4), h);
        assertThat(surprisal.getValue(acc)).isCloseTo(Math.log(21.0 / 8), within(EPS));
    }

    @Test
    void aRetractedRowTakesBackExactlyTheWeightItAdded() throws Exception {
        // A frame of 2 rows (ROWS BETWEEN 2 PRECEDING AND CURRENT ROW without the current one):
        // after retracting a@0, the counts are those of a fresh group fed a@1, b@3, to the bit
        // (dyadic weights: every sum is exact), and the next row scores the same.
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        Long h = MINUTE;
        DecayingClassCountAccumulator sliding = (DecayingClassCountAccumulator) surprisal.createAccumulator();
        surprisal.accumulate(sliding, "a", at(0), h);
        surprisal.accumulate(sliding, "a", at(1), h);
        surprisal.accumulate(sliding, "b", at(3), h);
        surprisal.retract(sliding, "a", at(0), h);
        DecayingClassCountAccumulator fresh = (DecayingClassCountAccumulator) surprisal.createAccumulator();
        surprisal.accumulate(fresh, "a", at(1), h);
        surprisal.accumulate(fresh, "b", at(3), h);
        assertThat(sliding.classes()).containsExactly("a", "b");
        for (int i = 0; i < 2; i++) {
            assertThat(sliding.weights[i] * sliding.scale()).isEqualTo(fresh.weights[i] * fresh.scale());
        }
        assertThat(sliding.total * sliding.scale()).isEqualTo(fresh.total * fresh.scale());
        surprisal.accumulate(sliding, "b", at(4), h);
        surprisal.accumulate(fresh, "b", at(4), h);
        // a = 1/8, b = 1/2 at 4: D = 5/8 + 3 = 29/8, p_b = (3/2) / (29/8) = 12/29
        assertThat(surprisal.getValue(sliding)).isEqualTo(surprisal.getValue(fresh)).isCloseTo(Math.log(29.0 / 12), within(EPS));
        // the last row of a class leaves: the class is forgotten, an empty group has total 0
        surprisal.retract(sliding, "a", at(1), h);
        surprisal.retract(sliding, "b", at(3), h);
        surprisal.retract(sliding, "b", at(4), h);
        assertThat(sliding.size).isZero();
        assertThat(sliding.total).isZero();
    }

    @Test
    void nullTimeOrHalfLifeIsNotCountedAndANonPositiveHalfLifeIsRejected() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        DecayingClassCountAccumulator acc = (DecayingClassCountAccumulator) surprisal.createAccumulator();
        surprisal.accumulate(acc, "a", null, MINUTE);
        assertThat(surprisal.getValue(acc)).isNull();
        surprisal.accumulate(acc, "a", at(0), null);
        assertThat(surprisal.getValue(acc)).isNull();
        assertThat(surprisal.rejectedRows()).as("NULL is not a rejection").isZero();
        surprisal.accumulate(acc, "a", at(0), 0L);
        assertThat(surprisal.getValue(acc)).isNull();
        surprisal.accumulate(acc, "a", at(0), -MINUTE);
        assertThat(surprisal.rejectedRows()).as("OUT_OF_RANGE").isEqualTo(2);
        assertThat(acc.size).as("nothing counted").isZero();
        assertThat(acc.hasTime).as("and no time taken").isFalse();
        // and retracting such rows takes nothing back
        surprisal.accumulate(acc, "a", at(0), MINUTE);
        surprisal.retract(acc, "a", null, MINUTE);
        surprisal.retract(acc, "a", at(0), 0L);
        assertThat(acc.size).isEqualTo(1);
        // a bad alpha gives NULL but the row is counted (counts do not depend on it)
        surprisal.accumulate(acc, "b", at(0), MINUTE, -1.0);
        assertThat(surprisal.getValue(acc)).isNull();
        assertThat(acc.classes()).containsExactly("a", "b");
    }

    @Test
    void theLandmarkMovesByWholeHalfLivesWithoutChangingACount() throws Exception {
        // 300 half-lives later the landmark has moved (at 256 behind); the counts are still
        // 2^{-300} and 2^{-299} of a row's weight, exact powers of two.
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        DecayingClassCountAccumulator acc = (DecayingClassCountAccumulator) surprisal.createAccumulator();
        Long h = MINUTE;
        surprisal.accumulate(acc, "a", at(0), h);
        surprisal.accumulate(acc, "b", at(1), h);
        surprisal.accumulate(acc, "c", at(300), h);
        assertThat(acc.landmark).isEqualTo(T0 + 300 * MINUTE);
        assertThat(acc.weights[0] * acc.scale()).isEqualTo(Math.scalb(1.0, -300));
        assertThat(acc.weights[1] * acc.scale()).isEqualTo(Math.scalb(1.0, -299));
        surprisal.retract(acc, "a", at(0), h);
        assertThat(acc.classes()).containsExactly("b", "c");
        assertThat(acc.weights[0] * acc.scale()).isEqualTo(Math.scalb(1.0, -299));
    }

    @Test
    void anotherHalfLifeKeepsTheCountsAsOfNowAndDecaysThemWithTheNewOne() throws Exception {
        ClassSurprisalAggregateFunction surprisal = opened(new ClassSurprisalAggregateFunction());
        DecayingClassCountAccumulator acc = (DecayingClassCountAccumulator) surprisal.createAccumulator();
        surprisal.accumulate(acc, "a", at(0), MINUTE);
        surprisal.accumulate(acc, "a", at(1), MINUTE);
        // now = 1: a = 1/2 + 1 = 3/2, kept; then b@3 with h = 2 minutes: a = 3/2 * 2^{-2/2} = 3/4,
        // D = 3/4 + 2 = 11/4, p_u = 4/11
        surprisal.accumulate(acc, "b", at(3), 2 * MINUTE);
        assertThat(surprisal.getValue(acc)).isCloseTo(Math.log(11.0 / 4), within(EPS));
        assertThat(acc.halfLifeMillis).isEqualTo(2 * MINUTE);
        assertThat(acc.weights[0] * acc.scale()).isEqualTo(3.0 / 4);
    }

    /** {@code -sum p ln p}. */
    private static double entropy(double... p) {
        double h = 0.0;
        for (double x : p) {
            h -= x * Math.log(x);
        }
        return h;
    }
}
