package org.infoprob.benchmarks;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.infoprob.information.InformationFunction;
import org.infoprob.model.ClassEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * P3: the surprisal operator ({@link InformationFunction}) after a keyBy, on heap state and on
 * RocksDB, against a keyBy followed by a stateless pass-through. 10,000 keys drawn uniformly,
 * classes drawn from a Zipf distribution over {@value #CLASSES} classes (exponent 1). Each
 * round runs pass-through, heap, pass-through, RocksDB, and each operator is divided by the
 * pass-through run next to it.
 */
final class KeyedSuite {

    static final int KEYS = 10_000;
    static final int CLASSES = 20;
    static final String[] KEY_NAMES = names("user-", KEYS);
    static final String[] CLASS_NAMES = names("class-", CLASSES);

    private KeyedSuite() {}

    static List<Row> run(Settings s) throws Exception {
        int rounds = s.rounds();
        double[] passHeap = new double[rounds];
        double[] heap = new double[rounds];
        double[] passRocks = new double[rounds];
        double[] rocks = new double[rounds];
        for (int r = s.firstRound(); r < rounds; r++) {
            double a = run(s, false, false);
            double b = run(s, true, false);
            double c = run(s, false, true);
            double d = run(s, true, true);
            if (r >= 0) {
                passHeap[r] = a;
                heap[r] = b;
                passRocks[r] = c;
                rocks[r] = d;
            }
        }
        Ratio h = Ratio.of(heap, passHeap);
        Ratio k = Ratio.of(rocks, passRocks);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("P3", "surprisal on heap state / keyBy pass-through (10,000 keys, Zipf classes)",
                h.text() + "; pass-through " + Ratio.perSecond(Ratio.median(passHeap))
                        + ", surprisal " + Ratio.perSecond(Ratio.median(heap)),
                ">= 0.7x", h.median() >= 0.7));
        rows.add(new Row("P3", "surprisal on RocksDB state / keyBy pass-through",
                k.text() + "; pass-through " + Ratio.perSecond(Ratio.median(passRocks))
                        + ", surprisal " + Ratio.perSecond(Ratio.median(rocks)),
                ">= 0.3x", k.median() >= 0.3));
        return rows;
    }

    private static double run(Settings s, boolean surprisal, boolean rocksDb) throws Exception {
        Configuration c = new Configuration();
        c.set(StateBackendOptions.STATE_BACKEND, rocksDb ? "rocksdb" : "hashmap");
        StreamExecutionEnvironment env = Flink.local(c);
        DataStream<ClassEvent> in =
                env.fromSource(
                        Cycling.source(event(), TypeInformation.of(ClassEvent.class)),
                        WatermarkStrategy.noWatermarks(),
                        "cycling-source");
        DataStream<?> out =
                surprisal
                        ? in.keyBy(ClassEvent.keySelector()).process(InformationFunction.builder().build()).name("surprisal")
                        : in.keyBy(ClassEvent.keySelector()).process(new PassThrough()).name("pass-through");
        String id = "P3-" + UUID.randomUUID();
        PipelineSuite.sinkTo(out, new ThroughputSink<>(id, s.warmup(), s.measure()));
        return ThroughputSink.run(env, id, s.runTimeout());
    }

    /**
     * A class event of a uniformly drawn key and a Zipf-distributed class; class names are new
     * strings per event, as a decoder makes them.
     */
    static SerializableFunction<SplittableRandom, ClassEvent> event() {
        return random ->
                ClassEvent.of(
                        KEY_NAMES[random.nextInt(KEYS)],
                        1_700_000_000_000L,
                        new String(CLASS_NAMES[zipf(random, CLASSES)]));
    }

    /** A class index in [0, n) with P(i) proportional to 1 / (i + 1). */
    static int zipf(SplittableRandom random, int n) {
        double h = 0;
        for (int i = 1; i <= n; i++) {
            h += 1.0 / i;
        }
        double u = random.nextDouble() * h;
        for (int i = 0; i < n; i++) {
            u -= 1.0 / (i + 1);
            if (u <= 0) {
                return i;
            }
        }
        return n - 1;
    }

    static String[] names(String prefix, int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = prefix + i;
        }
        return names;
    }

    /** The baseline: keyed, stateless, passes every event on. */
    static final class PassThrough extends KeyedProcessFunction<String, ClassEvent, ClassEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(ClassEvent e, Context ctx, Collector<ClassEvent> out) {
            out.collect(e);
        }
    }
}
