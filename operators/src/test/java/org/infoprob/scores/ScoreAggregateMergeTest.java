package org.infoprob.scores;

import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Property: adding a window's events one by one and adding them in parts that are then merged
 * (as session windows do) give the same result. Events are random (fixed seeds) with random
 * subsets of six classes in random order, so merge() must also build the same class union.
 *
 * <p>Tolerance: the running sums are compensated (Neumaier, and merge() adds the compensations
 * too), so a split changes the per-class totals at most in their last bit; after normalization
 * the probabilities agree within 2 ulp of 1.0 (4.4e-16 absolute). A plain running sum would
 * not pass this for the longer windows.
 */
class ScoreAggregateMergeTest {

    private static final String[] POOL = {"a", "b", "c", "d", "e", "f"};
    private static final double TOLERANCE = 2 * Math.ulp(1.0);

    static Stream<Arguments> configurations() {
        List<Arguments> all = new ArrayList<>();
        for (CombineStrategy strategy : CombineStrategy.values()) {
            for (Normalization normalization : Normalization.values()) {
                all.add(Arguments.of(strategy, normalization));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void oneByOneEqualsEveryTwoWaySplitMerged(CombineStrategy strategy, Normalization normalization) {
        ScoreAggregateFunction f = aggregate(strategy, normalization);
        Random random = new Random(42 + strategy.ordinal() * 7 + normalization.ordinal());
        for (int window = 0; window < 40; window++) {
            List<ScoreEvent> events = randomEvents(random, 1 + random.nextInt(20));
            ProbabilityEvent expected = f.getResult(fold(f, events));

            for (int split = 0; split <= events.size(); split++) {
                ScoreAccumulator left = fold(f, events.subList(0, split));
                ScoreAccumulator right = fold(f, events.subList(split, events.size()));
                ProbabilityEvent merged = f.getResult(f.merge(left, right));

                assertSame(expected, merged, "window " + window + " split at " + split);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void mergeIsAssociativeOverThreeParts(CombineStrategy strategy, Normalization normalization) {
        ScoreAggregateFunction f = aggregate(strategy, normalization);
        Random random = new Random(7 + strategy.ordinal() * 3 + normalization.ordinal());
        for (int window = 0; window < 40; window++) {
            List<ScoreEvent> events = randomEvents(random, 3 + random.nextInt(18));
            int i = 1 + random.nextInt(events.size() - 2);
            int j = i + 1 + random.nextInt(events.size() - i - 1);
            ProbabilityEvent expected = f.getResult(fold(f, events));

            ScoreAccumulator leftFirst =
                    f.merge(f.merge(fold(f, events.subList(0, i)), fold(f, events.subList(i, j))),
                            fold(f, events.subList(j, events.size())));
            ScoreAccumulator rightFirst =
                    f.merge(fold(f, events.subList(0, i)),
                            f.merge(fold(f, events.subList(i, j)), fold(f, events.subList(j, events.size()))));

            assertSame(expected, f.getResult(leftFirst), "window " + window + " ((a b) c)");
            assertSame(expected, f.getResult(rightFirst), "window " + window + " (a (b c))");
        }
    }

    private static void assertSame(ProbabilityEvent expected, ProbabilityEvent actual, String what) {
        assertThat(actual.classes).as("%s: classes", what).containsExactly(expected.classes);
        assertThat(actual.count).as("%s: count", what).isEqualTo(expected.count);
        assertThat(actual.ts).as("%s: ts", what).isEqualTo(expected.ts);
        for (int c = 0; c < expected.classes.length; c++) {
            assertThat(actual.probabilities[c])
                    .as("%s: p(%s)", what, expected.classes[c])
                    .isCloseTo(expected.probabilities[c], within(TOLERANCE));
        }
        assertThat(actual.entropy).as("%s: entropy", what).isCloseTo(expected.entropy, within(TOLERANCE));
    }

    private static ScoreAggregateFunction aggregate(CombineStrategy strategy, Normalization normalization) {
        return ScoreAggregateFunction.builder()
                .setStrategy(strategy)
                .setNormalization(normalization)
                .setTemperature(1.5)
                .build();
    }

    private static ScoreAccumulator fold(ScoreAggregateFunction f, List<ScoreEvent> events) {
        ScoreAccumulator acc = f.createAccumulator();
        for (ScoreEvent e : events) {
            acc = f.add(e, acc);
        }
        return acc;
    }

    private static List<ScoreEvent> randomEvents(Random random, int count) {
        List<ScoreEvent> events = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            List<String> classes = new ArrayList<>(List.of(POOL));
            Collections.shuffle(classes, random);
            int n = 1 + random.nextInt(POOL.length);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = 10 * random.nextDouble() - 5;
            }
            events.add(ScoreEvent.of("k", random.nextInt(1000), classes.subList(0, n).toArray(new String[0]), scores));
        }
        return events;
    }
}
