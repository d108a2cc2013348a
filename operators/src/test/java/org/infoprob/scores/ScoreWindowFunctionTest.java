package org.infoprob.scores;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.CapturedMetrics;
import org.infoprob.testing.FunctionRun;
import org.infoprob.window.ScoreAccumulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.testing.Ulps.ulps;
import static org.infoprob.testing.ScoreEvents.event;

/**
 * {@link ScoreAggregateFunction} with {@link ScoreWindowFunction} inside Flink's real window
 * operator, driven by elements and watermarks. Generic types are disabled in the operator's
 * execution config, so the accumulator state would fail if it needed Kryo. Expected values:
 * softmax({0, ln 3}) = {1/4, 3/4}, softmax({0, 0}) = {1/2, 1/2}, averaged by hand.
 */
// close() of Flink's test harnesses, environments and collect iterators declares InterruptedException; tests let it propagate.
@SuppressWarnings("try")
class ScoreWindowFunctionTest {

    private static final double LN3 = Math.log(3);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final CapturedMetrics metrics = new CapturedMetrics();

    @Test
    void tumblingWindowFiresWhenTheWatermarkPassesItsEnd() throws Exception {
        try (MockEnvironment env = metrics.environment();
                KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, ProbabilityEvent> h =
                        harness(TumblingEventTimeWindows.of(TEN_SECONDS), CombineStrategy.MEAN_PROBABILITIES, env)) {
            h.open();
            add(h, event("a", 1_000, "x", 0.0, "y", LN3));
            add(h, event("b", 3_000, "x", 0.0, "y", 0.0));
            add(h, event("a", 5_000, "x", 0.0, "y", 0.0));
            add(h, event("a", 12_000, "x", LN3, "y", 0.0));

            h.processWatermark(9_998);
            assertThat(h.extractOutputValues()).as("before the end of [0, 10000)").isEmpty();

            h.processWatermark(9_999);
            List<ProbabilityEvent> first = sorted(h.extractOutputValues());
            assertThat(first).as("one result per key").hasSize(2);
            ProbabilityEvent a = first.get(0);
            assertThat(a.key).as("key").isEqualTo("a");
            assertThat(a.windowStart).as("window start").isEqualTo(0L);
            assertThat(a.windowEnd).as("window end").isEqualTo(10_000L);
            assertThat(a.count).as("events of a in the window").isEqualTo(2L);
            assertThat(a.ts).as("latest event time").isEqualTo(5_000L);
            // (1/4 + 1/2) / 2 = 3/8, (3/4 + 1/2) / 2 = 5/8.
            assertThat(a.probabilities[0]).as("p(x)").isCloseTo(0.375, ulps(2, 0.375));
            assertThat(a.probabilities[1]).as("p(y)").isCloseTo(0.625, ulps(2, 0.625));
            assertThat(first.get(1).probabilities).as("b: softmax(0, 0)").containsExactly(0.5, 0.5);

            h.processWatermark(19_999);
            List<ProbabilityEvent> all = h.extractOutputValues();
            ProbabilityEvent second = all.get(all.size() - 1);
            assertThat(all).as("results so far").hasSize(3);
            assertThat(second.windowStart).as("second window").isEqualTo(10_000L);
            assertThat(second.probabilities[0]).as("p(x) = 3/4").isCloseTo(0.75, ulps(2, 0.75));
            assertThat(h.numKeyedStateEntries()).as("window state cleared after firing").isZero();
        }
    }

    @Test
    void slidingWindowsEachCombineTheirOwnEvents() throws Exception {
        try (MockEnvironment env = metrics.environment();
                KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, ProbabilityEvent> h =
                        harness(
                                SlidingEventTimeWindows.of(TEN_SECONDS, Duration.ofSeconds(5)),
                                CombineStrategy.MEAN_PROBABILITIES,
                                env)) {
            h.open();
            add(h, event("a", 2_000, "x", 0.0, "y", LN3));
            add(h, event("a", 7_000, "x", 0.0, "y", 0.0));
            h.processWatermark(20_000);

            List<ProbabilityEvent> out = h.extractOutputValues();
            out.sort(Comparator.comparing(e -> e.windowStart));
            assertThat(out).extracting(e -> e.windowStart).as("window starts").containsExactly(-5_000L, 0L, 5_000L);
            assertThat(out).extracting(e -> e.count).as("counts").containsExactly(1L, 2L, 1L);
            assertThat(out.get(0).probabilities[1]).as("[-5s, 5s): first event only").isCloseTo(0.75, ulps(2, 0.75));
            assertThat(out.get(1).probabilities[1]).as("[0s, 10s): both").isCloseTo(0.625, ulps(2, 0.625));
            assertThat(out.get(2).probabilities).as("[5s, 15s): second event only").containsExactly(0.5, 0.5);
        }
    }

    @Test
    void sessionWindowsMergeTheirAccumulatorsWhenAnEventBridgesThem() throws Exception {
        try (MockEnvironment env = metrics.environment();
                KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, ProbabilityEvent> h =
                        harness(
                                EventTimeSessionWindows.withGap(Duration.ofSeconds(5)),
                                CombineStrategy.MEAN_LOGITS,
                                env)) {
            h.open();
            // Sessions [0, 5000) and [8000, 13000), then 4000 ([4000, 9000)) joins both into [0, 13000).
            add(h, event("a", 0, "x", LN3, "y", 0.0));
            add(h, event("a", 8_000, "y", 0.0, "z", 0.0));
            add(h, event("a", 4_000, "x", LN3));
            h.processWatermark(12_998);
            assertThat(h.extractOutputValues()).as("session still open").isEmpty();

            h.processWatermark(12_999);
            List<ProbabilityEvent> out = h.extractOutputValues();
            assertThat(out).as("one merged session").hasSize(1);
            ProbabilityEvent session = out.get(0);
            assertThat(session.windowStart).as("start").isEqualTo(0L);
            assertThat(session.windowEnd).as("end").isEqualTo(13_000L);
            assertThat(session.count).as("count").isEqualTo(3L);
            assertThat(session.classes).as("union of the classes").containsExactlyInAnyOrder("x", "y", "z");
            // Means per class over the events that had it: x = ln 3, y = 0, z = 0: softmax = {3, 1, 1} / 5.
            int x = List.of(session.classes).indexOf("x");
            assertThat(session.probabilities[x]).as("p(x)").isCloseTo(0.6, ulps(4, 0.6));
        }
    }

    @Test
    void aWindowWithoutADistributionGoesToTheSideOutputAndIsCounted() throws Exception {
        try (MockEnvironment env = metrics.environment();
                KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, ProbabilityEvent> h =
                        harness(TumblingEventTimeWindows.of(TEN_SECONDS), CombineStrategy.PRODUCT_OF_EXPERTS, env)) {
            h.open();
            // Experts that give each other's class probability 0: every product is 0.
            add(h, event("veto", 1_000, "x", Double.POSITIVE_INFINITY, "y", 0.0));
            add(h, event("veto", 2_000, "x", 0.0, "y", Double.POSITIVE_INFINITY));
            add(h, event("fine", 3_000, "x", 0.0, "y", LN3));
            h.processWatermark(10_000);

            assertThat(h.extractOutputValues()).extracting(e -> e.key).as("emitted").containsExactly("fine");
            List<DeadLetter> rejected = FunctionRun.sideOutput(h);
            assertThat(rejected).as("side output").hasSize(1);
            DeadLetter dead = rejected.get(0);
            assertThat(dead.reason).as("reason").isEqualTo("NO_DISTRIBUTION");
            assertThat(dead.key).as("key").isEqualTo("veto");
            assertThat(dead.rejectedBy).as("rejected by").isEqualTo("ScoreWindowFunction");
            assertThat(dead.error).as("error").startsWith("Window [0, 10000) of key 'veto' has no distribution after combining 2 events");
            assertThat(dead.payload).as("payload").contains("\"classes\":[\"x\",\"y\"]", "\"probabilities\":null", "\"count\":2");
            assertThat(metrics.count("deadLetters")).as("deadLetters").isEqualTo(1);
            assertThat(metrics.count("reason.NO_DISTRIBUTION.deadLetters")).as("per reason").isEqualTo(1);
        }
    }

    @Test
    void accumulatorsSurviveSnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (MockEnvironment env = metrics.environment();
                KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, ProbabilityEvent> h =
                        harness(TumblingEventTimeWindows.of(TEN_SECONDS), CombineStrategy.MEAN_PROBABILITIES, env)) {
            h.open();
            add(h, event("a", 1_000, "x", 0.0, "y", LN3));
            snapshot = h.snapshot(1L, 1L);
        }
        try (MockEnvironment env = metrics.environment();
                KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, ProbabilityEvent> h =
                        harness(TumblingEventTimeWindows.of(TEN_SECONDS), CombineStrategy.MEAN_PROBABILITIES, env)) {
            h.initializeState(snapshot);
            h.open();
            add(h, event("a", 2_000, "y", 0.0, "z", 0.0));
            h.processWatermark(9_999);

            List<ProbabilityEvent> out = h.extractOutputValues();
            assertThat(out).as("one result from restored and new events").hasSize(1);
            ProbabilityEvent a = out.get(0);
            assertThat(a.count).as("count").isEqualTo(2L);
            assertThat(a.classes).as("union in order of first appearance").containsExactly("x", "y", "z");
            // Mixture of {x: 1/4, y: 3/4} and {y: 1/2, z: 1/2}: {1/8, 5/8, 1/4}.
            assertThat(a.probabilities[0]).as("p(x)").isCloseTo(0.125, ulps(2, 0.125));
            assertThat(a.probabilities[1]).as("p(y)").isCloseTo(0.625, ulps(2, 0.625));
            assertThat(a.probabilities[2]).as("p(z)").isCloseTo(0.25, ulps(2, 0.25));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, ProbabilityEvent> harness(
            WindowAssigner<Object, TimeWindow> assigner, CombineStrategy strategy, MockEnvironment env)
            throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        WindowOperatorBuilder<ScoreEvent, String, TimeWindow> builder =
                new WindowOperatorBuilder<>(
                        assigner,
                        EventTimeTrigger.create(),
                        new ExecutionConfig(configuration),
                        TypeInformation.of(ScoreEvent.class),
                        e -> e.key,
                        Types.STRING);
        OneInputStreamOperator<ScoreEvent, ProbabilityEvent> operator =
                builder.aggregate(
                        ScoreAggregateFunction.builder().setStrategy(strategy).build(),
                        new ScoreWindowFunction(),
                        TypeInformation.of(ScoreAccumulator.class));
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, e -> e.key, Types.STRING, env);
    }

    private static void add(
            KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, ProbabilityEvent> h, ScoreEvent e)
            throws Exception {
        h.processElement(e, e.ts);
    }

    private static List<ProbabilityEvent> sorted(List<ProbabilityEvent> events) {
        events.sort(Comparator.comparing((ProbabilityEvent e) -> e.key).thenComparing(e -> e.windowStart));
        return events;
    }
}
