package org.infoprob.testing;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The contract every accumulator of the library meets, as one test base that each accumulator
 * test extends: adding a window's inputs one by one equals adding them in two parts that are
 * then merged (at every split point, as session windows and two-phase SQL aggregation do);
 * merge is associative over three parts; merging an empty accumulator on either side changes
 * nothing; and the empty accumulator has its documented result.
 *
 * <p>Merge may reuse and change its arguments (Flink allows that), so every fold here starts
 * from a fresh accumulator. A subclass names the aggregates under test (one per configuration),
 * gives input windows (fixed seeds) and says what "the same result" means for its output type.
 *
 * <pre>{@code
 * class ScoreAggregateFunctionContractTest extends AggregateContract<ScoreEvent, ScoreAccumulator, ProbabilityEvent> {
 *     protected Stream<Aggregate<...>> aggregates() { return Stream.of(Aggregate.of("mean", function)); }
 *     // a Flink Table aggregate: Aggregate.ofTable("distribution", function, String.class)
 *     protected List<List<ScoreEvent>> windows(Random random) { ... }
 *     protected void assertSameResult(ProbabilityEvent expected, ProbabilityEvent actual, String what) { ... }
 *     protected void assertEmptyResult(ProbabilityEvent empty) { ... }
 * }
 * }</pre>
 *
 * @param <IN> input type
 * @param <ACC> accumulator type
 * @param <OUT> result type
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AggregateContract<IN, ACC, OUT> {

    /** One aggregate under test, with a name for the report. */
    public interface Aggregate<IN, ACC, OUT> {
        ACC create();

        ACC add(IN input, ACC acc);

        ACC merge(ACC a, ACC b);

        OUT result(ACC acc);

        /** The operations of a Flink {@link AggregateFunction}. */
        static <IN, ACC, OUT> Aggregate<IN, ACC, OUT> of(String name, AggregateFunction<IN, ACC, OUT> f) {
            return new Aggregate<>() {
                @Override
                public ACC create() {
                    return f.createAccumulator();
                }

                @Override
                public ACC add(IN input, ACC acc) {
                    return f.add(input, acc);
                }

                @Override
                public ACC merge(ACC a, ACC b) {
                    return f.merge(a, b);
                }

                @Override
                public OUT result(ACC acc) {
                    return f.getResult(acc);
                }

                @Override
                public String toString() {
                    return name;
                }
            };
        }

        /**
         * The operations of a Flink Table {@link org.apache.flink.table.functions.AggregateFunction}
         * of one argument of type {@code input}, called as the planner calls them: its public
         * {@code accumulate(ACC, IN)} and {@code merge(ACC, Iterable<ACC>)}, found by reflection
         * as Flink finds them, then {@code getValue}. Open the function first if it needs it.
         */
        static <IN, ACC, OUT> Aggregate<IN, ACC, OUT> ofTable(
                String name, org.apache.flink.table.functions.AggregateFunction<OUT, ACC> f, Class<IN> input) {
            ACC probe = f.createAccumulator();
            Method accumulate = method(f, "accumulate", probe.getClass(), input);
            Method merge = method(f, "merge", probe.getClass(), Iterable.class);
            return new Aggregate<>() {
                @Override
                public ACC create() {
                    return f.createAccumulator();
                }

                @Override
                public ACC add(IN in, ACC acc) {
                    invoke(accumulate, f, acc, in);
                    return acc;
                }

                @Override
                public ACC merge(ACC a, ACC b) {
                    invoke(merge, f, a, List.of(b));
                    return a;
                }

                @Override
                public OUT result(ACC acc) {
                    return f.getValue(acc);
                }

                @Override
                public String toString() {
                    return name;
                }
            };
        }

        private static Method method(Object f, String name, Class<?>... parameters) {
            try {
                return f.getClass().getMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                throw new AssertionError(f.getClass().getSimpleName() + " has no public " + name, e);
            }
        }

        private static void invoke(Method method, Object target, Object... arguments) {
            try {
                method.invoke(target, arguments);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            } catch (InvocationTargetException e) {
                throw new AssertionError(method.getName() + " threw", e.getCause());
            }
        }
    }

    /** The aggregates under test, one per configuration. */
    protected abstract Stream<Aggregate<IN, ACC, OUT>> aggregates();

    /** Input windows to aggregate whole and in parts; draw them from {@code random}. */
    protected abstract List<List<IN>> windows(Random random);

    /** Asserts that {@code actual} is the same result as {@code expected}, within the class's bound. */
    protected abstract void assertSameResult(OUT expected, OUT actual, String what);

    /** Asserts the documented result of an accumulator that saw no input. */
    protected abstract void assertEmptyResult(OUT empty);

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregates")
    void oneByOneEqualsEveryTwoWaySplitMerged(Aggregate<IN, ACC, OUT> a) {
        List<List<IN>> windows = windows(new Random(42));
        for (int w = 0; w < windows.size(); w++) {
            List<IN> in = windows.get(w);
            OUT expected = a.result(fold(a, in));
            for (int split = 0; split <= in.size(); split++) {
                ACC merged = a.merge(fold(a, in.subList(0, split)), fold(a, in.subList(split, in.size())));
                assertSameResult(expected, a.result(merged), "window " + w + " split at " + split);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregates")
    void mergeIsAssociativeOverThreeParts(Aggregate<IN, ACC, OUT> a) {
        Random random = new Random(7);
        List<List<IN>> windows = windows(new Random(43));
        for (int w = 0; w < windows.size(); w++) {
            List<IN> in = windows.get(w);
            if (in.size() < 3) {
                continue;
            }
            int i = 1 + random.nextInt(in.size() - 2);
            int j = i + 1 + random.nextInt(in.size() - i - 1);
            OUT expected = a.result(fold(a, in));
            ACC leftFirst =
                    a.merge(a.merge(fold(a, in.subList(0, i)), fold(a, in.subList(i, j))),
                            fold(a, in.subList(j, in.size())));
            ACC rightFirst =
                    a.merge(fold(a, in.subList(0, i)),
                            a.merge(fold(a, in.subList(i, j)), fold(a, in.subList(j, in.size()))));
            assertSameResult(expected, a.result(leftFirst), "window " + w + " ((a b) c)");
            assertSameResult(expected, a.result(rightFirst), "window " + w + " (a (b c))");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregates")
    void mergingAnEmptyAccumulatorChangesNothing(Aggregate<IN, ACC, OUT> a) {
        List<List<IN>> windows = windows(new Random(44));
        for (int w = 0; w < windows.size(); w++) {
            List<IN> in = windows.get(w);
            OUT expected = a.result(fold(a, in));
            assertSameResult(expected, a.result(a.merge(fold(a, in), a.create())), "window " + w + " + empty");
            assertSameResult(expected, a.result(a.merge(a.create(), fold(a, in))), "empty + window " + w);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregates")
    void anEmptyAccumulatorHasItsDocumentedResult(Aggregate<IN, ACC, OUT> a) {
        assertEmptyResult(a.result(a.create()));
        assertEmptyResult(a.result(a.merge(a.create(), a.create())));
    }

    private static <IN, ACC, OUT> ACC fold(Aggregate<IN, ACC, OUT> a, List<IN> inputs) {
        ACC acc = a.create();
        for (IN in : inputs) {
            acc = a.add(in, acc);
        }
        return acc;
    }
}
