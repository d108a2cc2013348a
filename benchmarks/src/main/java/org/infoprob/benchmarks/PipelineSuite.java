package org.infoprob.benchmarks;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.function.SerializableFunction;
import org.infoprob.scores.SigmoidFunction;
import org.infoprob.scores.SoftmaxFunction;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.ScoreEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * P2: the softmax (K=10) and sigmoid operators in a pipeline against an identity map: an
 * in-memory source cycling over pre-generated records, the operator, a discarding sink, all
 * chained at parallelism 1 with object reuse on. Ratio = operator records/s / identity
 * records/s, rounds alternating identity / operator.
 */
final class PipelineSuite {

    static final int K = 10;
    static final String[] CLASSES = classNames(K);

    private PipelineSuite() {}

    static List<Row> run(Settings s) throws Exception {
        double[][] softmax = alternate(s, score(), TypeInformation.of(ScoreEvent.class),
                new Identity<>(), SoftmaxFunction.builder().build());
        double[][] sigmoid = alternate(s, binary(), TypeInformation.of(BinaryScoreEvent.class),
                new Identity<>(), SigmoidFunction.builder().build());
        List<Row> rows = new ArrayList<>();
        rows.add(row("softmax K=10 / identity map", softmax, 0.8));
        rows.add(row("sigmoid / identity map", sigmoid, 0.9));
        return rows;
    }

    private static Row row(String what, double[][] ab, double goal) {
        Ratio r = Ratio.of(ab[1], ab[0]);
        return new Row(
                "P2",
                what + " (records/s, chained, p=1)",
                r.text() + "; identity " + Ratio.perSecond(Ratio.median(ab[0]))
                        + ", operator " + Ratio.perSecond(Ratio.median(ab[1])),
                ">= " + goal + "x",
                r.median() >= goal);
    }

    /** Records/s of [baseline, operator] per round, alternating, after one warm-up pair. */
    private static <T> double[][] alternate(
            Settings s,
            SerializableFunction<SplittableRandom, T> make,
            TypeInformation<T> type,
            MapFunction<T, T> baseline,
            ProcessFunction<T, ?> operator)
            throws Exception {
        double[][] out = new double[2][s.rounds()];
        for (int r = s.firstRound(); r < s.rounds(); r++) {
            double a = run(s, make, type, in -> in.map(baseline).returns(type).name("identity"));
            double b = run(s, make, type, in -> in.process(operator).name("operator"));
            if (r >= 0) {
                out[0][r] = a;
                out[1][r] = b;
            }
        }
        return out;
    }

    private static <T> double run(
            Settings s,
            SerializableFunction<SplittableRandom, T> make,
            TypeInformation<T> type,
            java.util.function.Function<DataStream<T>, DataStream<?>> pipeline)
            throws Exception {
        StreamExecutionEnvironment env = Flink.local(new Configuration());
        DataStream<T> in =
                env.fromSource(Cycling.source(make, type), WatermarkStrategy.noWatermarks(), "cycling-source");
        String id = "P2-" + UUID.randomUUID();
        sinkTo(pipeline.apply(in), new ThroughputSink<>(id, s.warmup(), s.measure()));
        return ThroughputSink.run(env, id, s.runTimeout());
    }

    @SuppressWarnings("unchecked")
    static <T> void sinkTo(DataStream<T> stream, ThroughputSink<?> sink) {
        stream.sinkTo((ThroughputSink<T>) sink).name("throughput-sink");
    }

    /** A K=10 score event with scores uniform in [-10, 10]. */
    static SerializableFunction<SplittableRandom, ScoreEvent> score() {
        return random -> {
            double[] scores = new double[K];
            for (int i = 0; i < K; i++) {
                scores[i] = random.nextDouble() * 20 - 10;
            }
            return ScoreEvent.of("sensor-" + random.nextInt(1000), 1_700_000_000_000L, CLASSES.clone(), scores);
        };
    }

    /** A binary score event with a score uniform in [-10, 10]. */
    static SerializableFunction<SplittableRandom, BinaryScoreEvent> binary() {
        return random ->
                BinaryScoreEvent.of("sensor-" + random.nextInt(1000), 1_700_000_000_000L, random.nextDouble() * 20 - 10);
    }

    static String[] classNames(int k) {
        String[] names = new String[k];
        for (int i = 0; i < k; i++) {
            names[i] = "class-" + i;
        }
        return names;
    }

    /** The baseline operator: passes every record on unchanged. */
    static final class Identity<T> implements MapFunction<T, T> {
        private static final long serialVersionUID = 1L;

        @Override
        public T map(T value) {
            return value;
        }
    }
}
