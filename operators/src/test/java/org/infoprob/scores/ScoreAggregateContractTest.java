package org.infoprob.scores;

import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.AggregateContract;
import org.infoprob.window.ScoreAccumulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link ScoreAggregateFunction} meets the accumulator contract for every strategy and
 * normalization. Events are random (fixed seeds) with random subsets of six classes in random
 * order, so merge() must also build the same class union.
 *
 * <p>Tolerance: the running sums are compensated (Neumaier, and merge() adds the compensations
 * too), so a split changes the per-class totals at most in their last bit; after normalization
 * the probabilities agree within 2 ulp of 1.0 (4.4e-16 absolute). A plain running sum would
 * not pass this for the longer windows.
 */
class ScoreAggregateContractTest
        extends AggregateContract<ScoreEvent, ScoreAccumulator, ProbabilityEvent> {

    private static final String[] POOL = {"a", "b", "c", "d", "e", "f"};
    private static final double TOLERANCE = 2 * Math.ulp(1.0);

    @Override
    protected Stream<Aggregate<ScoreEvent, ScoreAccumulator, ProbabilityEvent>> aggregates() {
        List<Aggregate<ScoreEvent, ScoreAccumulator, ProbabilityEvent>> all = new ArrayList<>();
        for (CombineStrategy strategy : CombineStrategy.values()) {
            for (Normalization normalization : Normalization.values()) {
                all.add(Aggregate.of(
                        strategy + " " + normalization,
                        ScoreAggregateFunction.builder()
                                .setStrategy(strategy)
                                .setNormalization(normalization)
                                .setTemperature(1.5)
                                .build()));
            }
        }
        return all.stream();
    }

    @Override
    protected List<List<ScoreEvent>> windows(Random random) {
        List<List<ScoreEvent>> windows = new ArrayList<>();
        for (int w = 0; w < 40; w++) {
            List<ScoreEvent> events = new ArrayList<>();
            int count = 1 + random.nextInt(20);
            for (int k = 0; k < count; k++) {
                List<String> classes = new ArrayList<>(List.of(POOL));
                Collections.shuffle(classes, random);
                int n = 1 + random.nextInt(POOL.length);
                double[] scores = new double[n];
                for (int i = 0; i < n; i++) {
                    scores[i] = 10 * random.nextDouble() - 5;
                }
                events.add(ScoreEvent.of(
                        "k", random.nextInt(1000), classes.subList(0, n).toArray(new String[0]), scores));
            }
            windows.add(events);
        }
        return windows;
    }

    @Override
    protected void assertSameResult(ProbabilityEvent expected, ProbabilityEvent actual, String what) {
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

    /** An empty window has no distribution: no classes, null probabilities, count 0. */
    @Override
    protected void assertEmptyResult(ProbabilityEvent empty) {
        assertThat(empty.probabilities).as("probabilities of an empty window").isNull();
        assertThat(empty.classes).as("classes of an empty window").isEmpty();
        assertThat(empty.count).as("count of an empty window").isZero();
    }
}
