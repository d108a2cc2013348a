package org.infoprob.scores;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.FlinkMiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The operators in real jobs on a MiniCluster at parallelism 2, with generic types disabled so
 * that any type falling back to Kryo fails the job. Windows run over event time with bounded
 * out-of-orderness watermarks. Expected distributions are derived by hand from softmax({0, ln 3})
 * = {1/4, 3/4}, softmax({ln 2, 0}) = {2/3, 1/3} and sigmoid(ln 3) = 3/4, combined per the
 * formulas of {@link CombineStrategy}; tolerance 1e-15 (a few ulp of values below 1).
 */
// close() of Flink's test harnesses, environments and collect iterators declares InterruptedException; tests let it propagate.
@SuppressWarnings("try")
class ScoreOperatorsITCase {

    private static final int PARALLELISM = 2;
    private static final double LN3 = Math.log(3);
    private static final double TOLERANCE = 1e-15;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            FlinkMiniCluster.extension();

    @Test
    void tumblingWindowsAverageTheDistributionsPerKeyAndRouteInvalidEventsBeforeTheWindow() throws Exception {
        WindowRun run =
                runWindows(
                        TumblingEventTimeWindows.of(Duration.ofSeconds(10)),
                        CombineStrategy.MEAN_PROBABILITIES,
                        event("a", 1_000, "x", 0.0, "y", LN3),
                        event("b", 2_000, "x", Math.log(2), "y", 0.0),
                        event("a", 3_000, "x", Double.NaN, "y", 0.0),
                        event(null, 4_000, "x", 0.0),
                        event("a", 6_000, "x", 0.0, "y", 0.0),
                        event("a", 15_000, "x", LN3, "y", 0.0));

        assertThat(run.results).extracting(r -> r.key + "@" + r.windowStart + "-" + r.windowEnd + "#" + r.count)
                .as("windows")
                .containsExactly("a@0-10000#2", "a@10000-20000#1", "b@0-10000#1");
        // a, [0, 10s): ({1/4, 3/4} + {1/2, 1/2}) / 2 = {3/8, 5/8}; the NaN event is not counted.
        assertProbabilities(run.results.get(0), 0.375, 0.625);
        assertProbabilities(run.results.get(1), 0.75, 0.25);
        assertProbabilities(run.results.get(2), 2.0 / 3, 1.0 / 3);
        assertThat(run.rejected).extracting(r -> r.reason + " " + r.rejectedBy)
                .as("rejected before the window")
                .containsExactlyInAnyOrder(
                        "NON_FINITE_SCORE ScoreValidationFunction", "MISSING_FIELD ScoreValidationFunction");
    }

    @Test
    void slidingWindowsMultiplyTheExpertsOfEachWindow() throws Exception {
        WindowRun run =
                runWindows(
                        SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(5)),
                        CombineStrategy.PRODUCT_OF_EXPERTS,
                        event("a", 2_000, "x", 0.0, "y", LN3),
                        event("a", 7_000, "x", LN3, "y", 0.0),
                        event("a", 12_000, "x", LN3, "y", 0.0));

        assertThat(run.results).extracting(r -> r.windowStart + "#" + r.count)
                .as("windows")
                .containsExactly("-5000#1", "0#2", "5000#2", "10000#1");
        assertProbabilities(run.results.get(0), 0.25, 0.75);
        // 1/4 * 3/4 : 3/4 * 1/4 = 1 : 1.
        assertProbabilities(run.results.get(1), 0.5, 0.5);
        // 3/4 * 3/4 : 1/4 * 1/4 = 9 : 1.
        assertProbabilities(run.results.get(2), 0.9, 0.1);
        assertProbabilities(run.results.get(3), 0.75, 0.25);
        assertThat(run.rejected).as("rejected").isEmpty();
    }

    @Test
    void sessionWindowsMergeAndAverageTheLogitsOfEachClass() throws Exception {
        WindowRun run =
                runWindows(
                        EventTimeSessionWindows.withGap(Duration.ofSeconds(5)),
                        CombineStrategy.MEAN_LOGITS,
                        event("a", 0, "x", LN3, "y", 0.0),
                        event("b", 1_000, "x", 0.0, "y", 0.0),
                        event("a", 8_000, "y", 0.0, "z", 0.0),
                        event("a", 4_000, "x", LN3),
                        event("b", 30_000, "x", 2 * LN3, "y", 0.0));

        assertThat(run.results).extracting(r -> r.key + "@" + r.windowStart + "-" + r.windowEnd + "#" + r.count)
                .as("sessions")
                .containsExactly("a@0-13000#3", "b@1000-6000#1", "b@30000-35000#1");
        ProbabilityEvent a = run.results.get(0);
        // Mean logits per class over the events that had it: x = ln 3, y = 0, z = 0: {3, 1, 1} / 5.
        assertThat(a.classes).as("union").containsExactlyInAnyOrder("x", "y", "z");
        assertThat(a.probabilities[List.of(a.classes).indexOf("x")]).as("p(x)").isCloseTo(0.6, within(TOLERANCE));
        assertThat(a.probabilities[List.of(a.classes).indexOf("z")]).as("p(z)").isCloseTo(0.2, within(TOLERANCE));
        assertProbabilities(run.results.get(1), 0.5, 0.5);
        // softmax({2 ln 3, 0}) = 9 : 1.
        assertProbabilities(run.results.get(2), 0.9, 0.1);
    }

    @Test
    void mapFunctionsEmitProbabilitiesAndDeadLettersInAJob() throws Exception {
        StreamExecutionEnvironment env = environment();
        DataStream<ScoreEvent> scores =
                env.fromData(
                        List.of(
                                event("k", 1, "cat", 0.0, "dog", LN3),
                                event("k", 2, "cat", 0.0, "cat", 1.0),
                                event("k", 3, "cat", Double.NEGATIVE_INFINITY, "dog", Double.NEGATIVE_INFINITY)),
                        TypeInformation.of(ScoreEvent.class));
        DataStream<BinaryScoreEvent> binary =
                env.fromData(
                        List.of(BinaryScoreEvent.of("k", 4, LN3), BinaryScoreEvent.of("k", 5, Double.NaN)),
                        TypeInformation.of(BinaryScoreEvent.class));

        SingleOutputStreamOperator<ProbabilityEvent> softmax =
                scores.process(SoftmaxFunction.builder().build()).name("softmax").uid("softmax");
        SingleOutputStreamOperator<ProbabilityEvent> labels =
                scores.process(MultiLabelSigmoidFunction.builder().build()).name("multi-label").uid("multi-label");
        SingleOutputStreamOperator<ProbabilityEvent> sigmoid =
                binary.process(SigmoidFunction.builder().build()).name("sigmoid").uid("sigmoid");
        List<ProbabilityEvent> softmaxOut = new ArrayList<>();
        List<ProbabilityEvent> labelsOut = new ArrayList<>();
        List<ProbabilityEvent> sigmoidOut = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        try (CloseableIterator<ProbabilityEvent> s = softmax.collectAsync();
                CloseableIterator<ProbabilityEvent> l = labels.collectAsync();
                CloseableIterator<ProbabilityEvent> b = sigmoid.collectAsync();
                CloseableIterator<DeadLetter> d =
                        softmax.getSideOutput(DeadLetter.TAG)
                                .union(labels.getSideOutput(DeadLetter.TAG), sigmoid.getSideOutput(DeadLetter.TAG))
                                .collectAsync()) {
            env.execute("map functions");
            s.forEachRemaining(softmaxOut::add);
            l.forEachRemaining(labelsOut::add);
            b.forEachRemaining(sigmoidOut::add);
            d.forEachRemaining(rejected::add);
        }

        assertThat(softmaxOut).as("softmax outputs").hasSize(1);
        assertProbabilities(softmaxOut.get(0), 0.25, 0.75);
        labelsOut.sort(Comparator.comparingLong(e -> e.ts));
        assertThat(labelsOut).extracting(e -> e.ts).as("multi-label accepts all -inf").containsExactly(1L, 3L);
        // sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, independently.
        assertProbabilities(labelsOut.get(0), 0.5, 0.75);
        assertProbabilities(labelsOut.get(1), 0.0, 0.0);
        assertProbabilities(sigmoidOut.get(0), 0.25, 0.75);
        assertThat(rejected).extracting(r -> r.rejectedBy + ":" + r.reason + "@" + r.ts)
                .as("dead letters")
                .containsExactlyInAnyOrder(
                        "SoftmaxFunction:DUPLICATE_CLASS@2",
                        "SoftmaxFunction:ALL_NEGATIVE_INFINITY@3",
                        "MultiLabelSigmoidFunction:DUPLICATE_CLASS@2",
                        "SigmoidFunction:NON_FINITE_SCORE@5");
    }

    /** Results sorted by key and window start, and everything sent to DeadLetter.TAG. */
    private record WindowRun(List<ProbabilityEvent> results, List<DeadLetter> rejected) {}

    private static WindowRun runWindows(
            WindowAssigner<Object, TimeWindow> windows, CombineStrategy strategy, ScoreEvent... events)
            throws Exception {
        StreamExecutionEnvironment env = environment();
        ScoreAggregateFunction aggregate = ScoreAggregateFunction.builder().setStrategy(strategy).build();
        SingleOutputStreamOperator<ScoreEvent> valid =
                env.fromData(List.of(events), TypeInformation.of(ScoreEvent.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ScoreEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                        .withTimestampAssigner((e, previous) -> e.ts))
                        .process(aggregate.validationFunction())
                        .name("validate-scores")
                        .uid("validate-scores");
        SingleOutputStreamOperator<ProbabilityEvent> results =
                valid.keyBy(e -> e.key, Types.STRING)
                        .window(windows)
                        .aggregate(aggregate, new ScoreWindowFunction())
                        .name("window-probabilities")
                        .uid("window-probabilities");
        List<ProbabilityEvent> out = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        try (CloseableIterator<ProbabilityEvent> r = results.collectAsync();
                CloseableIterator<DeadLetter> d =
                        valid.getSideOutput(DeadLetter.TAG).union(results.getSideOutput(DeadLetter.TAG)).collectAsync()) {
            env.execute("windows " + strategy);
            r.forEachRemaining(out::add);
            d.forEachRemaining(rejected::add);
        }
        out.sort(Comparator.comparing((ProbabilityEvent e) -> e.key).thenComparing(e -> e.windowStart));
        return new WindowRun(out, rejected);
    }

    private static StreamExecutionEnvironment environment() {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.configure(configuration);
        env.setParallelism(PARALLELISM);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled())
                .as("generic types disabled")
                .isTrue();
        return env;
    }

    private static void assertProbabilities(ProbabilityEvent e, double... expected) {
        assertThat(e.probabilities).as("probabilities of %s", e).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(e.probabilities[i]).as("p(%s) of %s", e.classes[i], e).isCloseTo(expected[i], within(TOLERANCE));
        }
    }

    private static ScoreEvent event(String key, long ts, Object... classScorePairs) {
        int n = classScorePairs.length / 2;
        String[] classes = new String[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (String) classScorePairs[2 * i];
            scores[i] = ((Number) classScorePairs[2 * i + 1]).doubleValue();
        }
        return ScoreEvent.of(key, ts, classes, scores);
    }
}
