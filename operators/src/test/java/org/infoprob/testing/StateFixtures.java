package org.infoprob.testing;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.infoprob.information.ClassCountAccumulator;
import org.infoprob.information.ClassCountAggregate;
import org.infoprob.information.InformationFunction;
import org.infoprob.information.InformationWindowFunction;
import org.infoprob.math.Smoothing;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.RarityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.StateFixture.Step;
import org.infoprob.scores.CombineStrategy;
import org.infoprob.window.ScoreAccumulator;
import org.infoprob.scores.ScoreAggregateFunction;
import org.infoprob.scores.ScoreWindowFunction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.infoprob.testing.StateFixture.element;
import static org.infoprob.testing.StateFixture.ttlTime;
import static org.infoprob.testing.StateFixture.watermark;

/**
 * The operator states of release 0.1, committed under {@code
 * src/test/resources/state/0.1/} (see the README there), and the generator that wrote them.
 * Every fixture is a fixed script: keys, classes, weights, scores, timestamps and watermarks are
 * literals, nothing is random. The restore tests ({@code InformationStateFormatTest}, {@code
 * InformationWindowStateFormatTest}, {@code ScoreWindowStateFormatTest}) restore each file into
 * the current operator and run its continuation.
 *
 * <pre>
 *   StateFixtures write DIRECTORY   runs every prefix and writes the savepoints into DIRECTORY
 *   StateFixtures expected          prints the outputs of every uninterrupted script as the
 *                                   Java literals of the restore tests
 *   StateFixtures restored          prints the outputs of every restored file the same way:
 *                                   the literals of a key whose state the current release
 *                                   converts inexactly (they differ from an uninterrupted run),
 *                                   which the restore test checks by a second computation
 * </pre>
 *
 * <p>Only the code of a release writes that release's directory: later code reads these files
 * and never rewrites them; a new release that changes state adds a directory of its own.
 */
public final class StateFixtures {

    /** The release whose state the files hold. */
    public static final String RELEASE = "0.1";
    /** The files' directory on the test class path. */
    public static final String RESOURCE_DIRECTORY = "state/" + RELEASE;
    /** Max parallelism of every fixture (Flink's default for small jobs); key groups depend on it. */
    public static final int MAX_PARALLELISM = 128;
    /** 2025-01-01T00:00:00Z: the event time every script counts from (a multiple of 30 s). */
    public static final long T0 = 1_735_689_600_000L;

    private StateFixtures() {}

    // ---- (a) InformationFunction, default settings ---------------------------------------------

    private static final List<Step<ClassEvent, RarityEvent>> INFORMATION_DEFAULT_PREFIX =
            List.of(
                    classEvent("user-1", 1_000, "login", 1.0),
                    classEvent("user-1", 2_000, "login", 1.0),
                    classEvent("user-1", 3_000, "view", 1.0),
                    classEvent("user-1", 4_000, "login", 1.0),
                    classEvent("user-1", 5_000, "logout", 1.0),
                    classEvent("user-1", 6_000, "view", 0.5),
                    classEvent("user-2", 7_000, "view", 1.0),
                    classEvent("user-2", 8_000, "view", 1.0),
                    classEvent("user-2", 9_000, "view", 2.0),
                    classEvent("user-3", 10_000, "purchase", 1.0),
                    classEvent("user-4", 11_000, "login", 1.0),
                    classEvent("user-4", 12_000, "login_failed", 3.0),
                    classEvent("user-4", 13_000, "login", 0.0));

    private static final List<Step<ClassEvent, RarityEvent>> INFORMATION_DEFAULT_CONTINUATION =
            List.of(
                    classEvent("user-1", 20_000, "login", 1.0),
                    classEvent("user-1", 21_000, "purchase", 1.0),
                    classEvent("user-1", 22_000, "logout", 0.0),
                    classEvent("user-2", 23_000, "view", 1.0),
                    classEvent("user-2", 24_000, "logout", 1.0),
                    classEvent("user-3", 25_000, "purchase", 1.0),
                    classEvent("user-3", 26_000, "view", 1.0),
                    classEvent("user-4", 27_000, "login_failed", 1.0),
                    classEvent("user-5", 28_000, "login", 1.0),
                    classEvent("user-5", 29_000, "login", 1.0));

    /**
     * (a) Default settings (a = 1, T = 1, no decay, no TTL), heap backend: four keys, user-2 and
     * user-3 with a single class, one event of weight 0.5 and one of weight 0.
     */
    public static final StateFixture<ClassEvent, RarityEvent> INFORMATION_DEFAULT =
            new StateFixture<>(
                    "information-default-heap.snapshot",
                    () -> information(InformationFunction.builder().build()),
                    false,
                    INFORMATION_DEFAULT_PREFIX,
                    INFORMATION_DEFAULT_CONTINUATION,
                    null);

    /** (a) on the RocksDB backend, as a native savepoint: the same script, so the same outputs. */
    public static final StateFixture<ClassEvent, RarityEvent> INFORMATION_DEFAULT_ROCKSDB =
            new StateFixture<>(
                    "information-default-rocksdb.snapshot",
                    () -> information(InformationFunction.builder().build()),
                    true,
                    INFORMATION_DEFAULT_PREFIX,
                    INFORMATION_DEFAULT_CONTINUATION,
                    null);

    // ---- (b) InformationFunction: decay, Good-Turing, overflow, TTL, distributions ----------------

    /**
     * (b) Every setting that puts something into the state or the timers, heap backend: half-life
     * 60 s with late events, Good-Turing, T = 0.5, at most 3 classes per key (sensor-1 folds four
     * classes into __other__), state TTL 10 min (sensor-3 expires in the continuation), a
     * distribution every 4 events and every 30 s (timers pending at the snapshot).
     */
    public static final StateFixture<ClassEvent, RarityEvent> INFORMATION_DECAY =
            new StateFixture<>(
                    "information-decay-overflow-ttl-heap.snapshot",
                    () -> information(
                            InformationFunction.builder()
                                    .setHalfLife(Duration.ofSeconds(60))
                                    .setSmoothing(Smoothing.GOOD_TURING)
                                    .setTemperature(0.5)
                                    .setMaxClassesPerKey(3)
                                    .setStateTtl(Duration.ofMinutes(10))
                                    .setDistributionEveryEvents(4)
                                    .setDistributionInterval(Duration.ofSeconds(30))
                                    .build()),
                    false,
                    List.of(
                            ttlTime(1_000),
                            classEvent("sensor-1", 0, "a", 1.0),
                            classEvent("sensor-1", 5_000, "a", 1.0),
                            classEvent("sensor-1", 10_000, "b", 1.0),
                            classEvent("sensor-1", 15_000, "c", 1.0),
                            classEvent("sensor-1", 20_000, "d", 1.0),
                            watermark(T0 + 10_000),
                            classEvent("sensor-1", 8_000, "a", 1.0),
                            classEvent("sensor-1", 25_000, "e", 1.5),
                            classEvent("sensor-1", 12_000, "b", 1.0),
                            ttlTime(2_000),
                            classEvent("sensor-2", 3_000, "x", 1.0),
                            classEvent("sensor-2", 40_000, "y", 2.0),
                            classEvent("sensor-2", 35_000, "x", 1.0),
                            watermark(T0 + 30_000),
                            ttlTime(3_000),
                            classEvent("sensor-3", 50_000, "z", 2.0),
                            classEvent("sensor-1", 62_000, "f", 1.0),
                            classEvent("sensor-2", 61_000, "y", 1.0),
                            watermark(T0 + 45_000)),
                    List.of(
                            // A restarted source emits its watermark again.
                            watermark(T0 + 45_000),
                            ttlTime(400_000),
                            classEvent("sensor-1", 70_000, "a", 1.0),
                            classEvent("sensor-1", 55_000, "d", 1.0),
                            classEvent("sensor-2", 75_000, "x", 1.0),
                            // sensor-3, last written at TTL time 3000, expires at 603000.
                            ttlTime(650_000),
                            watermark(T0 + 65_000),
                            classEvent("sensor-3", 80_000, "z", 1.0),
                            classEvent("sensor-1", 80_000, "__other__", 0.0),
                            classEvent("sensor-1", 85_000, "g", 1.0),
                            classEvent("sensor-2", 90_000, "y", 1.0),
                            watermark(T0 + 120_000)),
                    null);

    // ---- (c) window surprisal ---------------------------------------------------------------------

    /**
     * (c) ClassCountAggregate + InformationWindowFunction (a = 0.5, T = 2) in sliding windows of
     * 10 s every 5 s, heap backend: three windows open per key, one with an invalid event.
     */
    public static final StateFixture<ClassEvent, ClassDistribution> WINDOW_SURPRISAL =
            new StateFixture<>(
                    "window-surprisal-sliding-heap.snapshot",
                    () -> window(
                            SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(5)),
                            new ClassCountAggregate(),
                            InformationWindowFunction.builder().setAlpha(0.5).setTemperature(2.0).build(),
                            TypeInformation.of(ClassEvent.class),
                            ClassEvent.keySelector(),
                            TypeInformation.of(ClassCountAccumulator.class)),
                    false,
                    List.of(
                            classEvent("user-1", 1_000, "login", 1.0),
                            classEvent("user-1", 2_000, "login", 1.0),
                            classEvent("user-1", 3_000, "view", 2.0),
                            classEvent("user-2", 4_000, "view", 1.0),
                            watermark(T0 + 4_999),
                            classEvent("user-1", 6_000, "logout", 1.0),
                            classEvent("user-1", 8_000, "login", 0.5),
                            classEvent("user-2", 7_000, "", 1.0),
                            classEvent("user-3", 9_000, "purchase", 1.0),
                            classEvent("user-2", 11_000, "view", 1.0),
                            watermark(T0 + 6_000)),
                    List.of(
                            watermark(T0 + 6_000),
                            classEvent("user-1", 9_500, "view", 1.0),
                            classEvent("user-3", 12_000, "purchase", 1.0),
                            classEvent("user-2", 13_000, "logout", 1.0),
                            classEvent("user-1", 14_000, "login", 1.0),
                            watermark(T0 + 9_999),
                            classEvent("user-4", 16_000, "login", 1.0),
                            watermark(T0 + 30_000)),
                    Comparator.comparing((ClassDistribution d) -> d.windowEnd)
                            .thenComparing(d -> d.key)
                            .thenComparing(d -> d.windowStart));

    // ---- (d) window softmax -----------------------------------------------------------------------

    /**
     * (d) ScoreAggregateFunction (MEAN_LOGITS, T = 2, top-2, log probabilities) +
     * ScoreWindowFunction in tumbling windows of 10 s, heap backend; one sum with a non-zero
     * compensation.
     */
    public static final StateFixture<ScoreEvent, ProbabilityEvent> WINDOW_SOFTMAX_MEAN_LOGITS =
            new StateFixture<>(
                    "window-softmax-mean-logits-tumbling-heap.snapshot",
                    () -> scoreWindow(
                            TumblingEventTimeWindows.of(Duration.ofSeconds(10)),
                            ScoreAggregateFunction.builder()
                                    .setStrategy(CombineStrategy.MEAN_LOGITS)
                                    .setTemperature(2.0)
                                    .setTopK(2)
                                    .setLogProbabilities(true)
                                    .build()),
                    false,
                    List.of(
                            scoreEvent("sensor-1", 1_000, "cat", 0.1, "dog", 1.0, "bird", -0.5),
                            scoreEvent("sensor-1", 3_000, "cat", 0.2, "dog", 1.5),
                            scoreEvent("sensor-2", 2_000, "cat", -1.0, "dog", 0.0),
                            scoreEvent("sensor-1", 12_000, "bird", 3.0, "cat", 0.0),
                            watermark(T0 + 5_000)),
                    List.of(
                            watermark(T0 + 5_000),
                            scoreEvent("sensor-1", 4_000, "dog", 2.5, "fish", 0.25, "cat", 0.3),
                            scoreEvent("sensor-2", 8_000, "cat", 1.0, "dog", 1.0),
                            scoreEvent("sensor-3", 9_000, "cat", 0.0),
                            watermark(T0 + 9_999),
                            scoreEvent("sensor-1", 15_000, "bird", 1.0, "cat", 1e-3),
                            watermark(T0 + 20_000)),
                    probabilityOrder());

    /**
     * (d) ScoreAggregateFunction (MEAN_PROBABILITIES) + ScoreWindowFunction in session windows
     * with a 5 s gap, heap backend: sensor-1 has two sessions that the continuation merges.
     */
    public static final StateFixture<ScoreEvent, ProbabilityEvent> WINDOW_SOFTMAX_MEAN_PROBABILITIES =
            new StateFixture<>(
                    "window-softmax-mean-probabilities-session-heap.snapshot",
                    () -> scoreWindow(
                            EventTimeSessionWindows.withGap(Duration.ofSeconds(5)),
                            ScoreAggregateFunction.builder()
                                    .setStrategy(CombineStrategy.MEAN_PROBABILITIES)
                                    .build()),
                    false,
                    List.of(
                            scoreEvent("sensor-1", 0, "a", 0.0, "b", Math.log(3)),
                            scoreEvent("sensor-1", 8_000, "b", 0.0, "c", 0.0),
                            scoreEvent("sensor-2", 1_000, "a", 1.0, "b", 2.0, "c", 3.0),
                            scoreEvent("sensor-2", 2_000, "a", 0.3),
                            watermark(T0 + 3_000)),
                    List.of(
                            watermark(T0 + 3_000),
                            // Joins both restored sessions of sensor-1 into [0 s, 13 s).
                            scoreEvent("sensor-1", 4_000, "a", 0.5),
                            scoreEvent("sensor-2", 5_000, "b", 0.1, "c", 0.2),
                            watermark(T0 + 12_999),
                            scoreEvent("sensor-3", 20_000, "x", 1.0),
                            watermark(T0 + 30_000)),
                    probabilityOrder());

    /** Every fixture, in the order of the README. */
    public static final List<StateFixture<?, ?>> ALL =
            List.of(
                    INFORMATION_DEFAULT,
                    INFORMATION_DEFAULT_ROCKSDB,
                    INFORMATION_DECAY,
                    WINDOW_SURPRISAL,
                    WINDOW_SOFTMAX_MEAN_LOGITS,
                    WINDOW_SOFTMAX_MEAN_PROBABILITIES);

    /** {@code write DIRECTORY}, {@code expected} or {@code restored}; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("write")) {
            Path directory = Path.of(args[1]);
            Files.createDirectories(directory);
            for (StateFixture<?, ?> fixture : ALL) {
                fixture.write(directory);
                System.out.printf("%s (%d bytes)%n", directory.resolve(fixture.file()), Files.size(directory.resolve(fixture.file())));
            }
        } else if (args.length == 1 && args[0].equals("expected")) {
            for (StateFixture<?, ?> fixture : ALL) {
                StateFixture.Outputs<?> outputs = fixture.uninterruptedRun();
                print(fixture.file(), outputs);
                StateFixture.Outputs<?> onRocksDb = fixture.uninterruptedRunOnRocksDb();
                if (onRocksDb.equals(outputs)) {
                    System.out.println("// " + fixture.file() + " on RocksDB: the same outputs");
                } else {
                    print(fixture.file() + " on RocksDB", onRocksDb);
                }
            }
        } else if (args.length == 1 && args[0].equals("restored")) {
            for (StateFixture<?, ?> fixture : ALL) {
                print(fixture.file() + " restored", fixture.restoredRun());
            }
        } else {
            System.err.println("Usage: StateFixtures write DIRECTORY | StateFixtures expected | StateFixtures restored");
            System.exit(2);
        }
    }

    private static void print(String what, StateFixture.Outputs<?> outputs) {
        System.out.println("// " + what + ": main output");
        outputs.main().forEach(o -> System.out.println(ExpectedOutputs.source(o) + ","));
        System.out.println("// " + what + ": distributions");
        outputs.distributions().forEach(o -> System.out.println(ExpectedOutputs.source(o) + ","));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> information(
            InformationFunction function) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function),
                ClassEvent.keySelector(),
                Types.STRING,
                MAX_PARALLELISM,
                1,
                0);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, ProbabilityEvent> scoreWindow(
            WindowAssigner<Object, TimeWindow> assigner, ScoreAggregateFunction aggregate) throws Exception {
        return window(
                assigner,
                aggregate,
                new ScoreWindowFunction(),
                TypeInformation.of(ScoreEvent.class),
                e -> e.key,
                TypeInformation.of(ScoreAccumulator.class));
    }

    /**
     * The operator that {@code keyBy(key).window(assigner).aggregate(aggregate, function)}
     * builds, with generic types disabled (as in a job with {@code pipeline.generic-types:
     * false}), so the accumulator is stored by Flink's POJO serializer and never by Kryo.
     */
    public static <IN, ACC, V, OUT> KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> window(
            WindowAssigner<Object, TimeWindow> assigner,
            AggregateFunction<IN, ACC, V> aggregate,
            ProcessWindowFunction<V, OUT, String, TimeWindow> function,
            TypeInformation<IN> inputType,
            KeySelector<IN, String> key,
            TypeInformation<ACC> accumulatorType)
            throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        WindowOperatorBuilder<IN, String, TimeWindow> builder =
                new WindowOperatorBuilder<>(
                        assigner,
                        EventTimeTrigger.create(),
                        new ExecutionConfig(configuration),
                        inputType,
                        key,
                        Types.STRING);
        return new KeyedOneInputStreamOperatorTestHarness<>(
                builder.aggregate(aggregate, function, accumulatorType),
                key,
                Types.STRING,
                MAX_PARALLELISM,
                1,
                0);
    }

    /** A class event at {@code T0 + offset} ms, the record timestamp equal to its event time. */
    private static <OUT> Step<ClassEvent, OUT> classEvent(String key, long offset, String className, double weight) {
        return element(ClassEvent.of(key, T0 + offset, className, weight), T0 + offset);
    }

    /** A score event at {@code T0 + offset} ms: key, offset, then class/score pairs. */
    private static Step<ScoreEvent, ProbabilityEvent> scoreEvent(String key, long offset, Object... classScorePairs) {
        int n = classScorePairs.length / 2;
        String[] classes = new String[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (String) classScorePairs[2 * i];
            scores[i] = ((Number) classScorePairs[2 * i + 1]).doubleValue();
        }
        return element(ScoreEvent.of(key, T0 + offset, classes, scores), T0 + offset);
    }

    private static Comparator<ProbabilityEvent> probabilityOrder() {
        return Comparator.comparing((ProbabilityEvent e) -> e.windowEnd)
                .thenComparing(e -> e.key)
                .thenComparing(e -> e.windowStart);
    }
}
