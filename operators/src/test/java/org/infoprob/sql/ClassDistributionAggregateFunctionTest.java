package org.infoprob.sql;

import org.infoprob.testing.AggregateContract;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.sql.SqlData.opened;

/**
 * {@link ClassDistributionAggregateFunction}: the relative frequencies {@code c_j / C} by hand,
 * and the accumulator contract (one by one equals split and merged, three-way merges, empty
 * accumulators) through its SQL {@code accumulate}, {@code merge} and {@code getValue}.
 */
class ClassDistributionAggregateFunctionTest
        extends AggregateContract<String, ClassCountAccumulator, Map<String, Double>> {

    @Override
    protected Stream<Aggregate<String, ClassCountAccumulator, Map<String, Double>>> aggregates() {
        ClassDistributionAggregateFunction function = new ClassDistributionAggregateFunction();
        try {
            opened(function);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Stream.of(Aggregate.ofTable("CLASS_DISTRIBUTION", function, String.class));
    }

    /** Windows of 0 to 30 rows over 8 classes, with NULL classes and rejected empty ones. */
    @Override
    protected List<List<String>> windows(Random random) {
        List<List<String>> windows = new ArrayList<>();
        for (int w = 0; w < 20; w++) {
            int n = w == 0 ? 0 : random.nextInt(31);
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int c = random.nextInt(10);
                rows.add(c == 8 ? null : c == 9 ? "" : "c" + c);
            }
            windows.add(rows);
        }
        return windows;
    }

    @Override
    protected void assertSameResult(Map<String, Double> expected, Map<String, Double> actual, String what) {
        // c_j / C of the same integer counts: the same doubles
        assertThat(actual).as(what).isEqualTo(expected);
    }

    @Override
    protected void assertEmptyResult(Map<String, Double> empty) {
        assertThat(empty).as("a group without a class").isNull();
    }

    @Test
    void isTheRelativeFrequencyAndMergesAndRetracts() throws Exception {
        ClassDistributionAggregateFunction distribution = opened(new ClassDistributionAggregateFunction());
        ClassCountAccumulator left = distribution.createAccumulator();
        ClassCountAccumulator right = distribution.createAccumulator();
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
    void emptyClassNamesAreRejectedAndTheLimitHolds() throws Exception {
        ClassDistributionAggregateFunction distribution = opened(new ClassDistributionAggregateFunction(2));
        ClassCountAccumulator acc = distribution.createAccumulator();
        for (String cls : new String[] {"a", "", "b", "c", "a"}) {
            distribution.accumulate(acc, cls);
        }
        assertThat(distribution.getValue(acc)).isEqualTo(Map.of("a", 2.0 / 3, "b", 1.0 / 3));
        assertThat(distribution.rejectedRows()).as("'' and c").isEqualTo(2);
    }
}
