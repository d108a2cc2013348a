package org.infoprob.information;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.testing.FlinkMiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The window variant in a real job: tumbling and (merging) session windows, parallelism 2. */
class InformationWindowITCase {

    private static final double EPS = 1e-15;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            FlinkMiniCluster.extension();

    @Test
    void tumblingAndSessionWindowsScoreEveryClassOfTheWindow() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);

        // u: window [0, 10 s) holds a, a, b; window [10 s, 20 s) holds c.
        // v: a session a@1000, b@3000 (gap 5 s merges them), then a@20000 alone.
        List<ClassEvent> events =
                List.of(
                        ClassEvent.of("u", 1000L, "a"),
                        ClassEvent.of("v", 1000L, "a"),
                        ClassEvent.of("u", 2000L, "b"),
                        ClassEvent.of("v", 3000L, "b"),
                        ClassEvent.of("u", 3000L, "a"),
                        ClassEvent.of("u", 4000L, ""),
                        ClassEvent.of("u", 12000L, "c"),
                        ClassEvent.of("v", 20000L, "a"));
        SingleOutputStreamOperator<ClassEvent> valid =
                env.fromData(events, TypeInformation.of(ClassEvent.class))
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ClassEvent>forMonotonousTimestamps()
                                        .withTimestampAssigner((e, ts) -> e.ts))
                        .setParallelism(1)
                        .process(new ClassEventValidationFunction(true))
                        .name("validate");
        KeyedStream<ClassEvent, String> keyed = valid.keyBy(ClassEvent.keySelector());
        DataStream<ClassDistribution> tumbling =
                keyed.window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
                        .aggregate(new ClassCountAggregate(), InformationWindowFunction.builder().build())
                        .name("information-tumbling");
        DataStream<ClassDistribution> sessions =
                keyed.window(EventTimeSessionWindows.withGap(Duration.ofSeconds(5)))
                        .aggregate(new ClassCountAggregate(), InformationWindowFunction.builder().build())
                        .name("information-sessions");
        CloseableIterator<ClassDistribution> tumblingIt = tumbling.collectAsync();
        CloseableIterator<ClassDistribution> sessionIt = sessions.collectAsync();
        CloseableIterator<DeadLetter> rejectedIt = valid.getSideOutput(DeadLetter.TAG).collectAsync();
        env.execute("information-window-it");

        List<ClassDistribution> t = sorted(drain(tumblingIt));
        // Sorted by key, then start: u [0, 10 s), u [10 s, 20 s), v [0, 10 s), v [20 s, 30 s).
        assertThat(t).extracting(d -> d.key + "@" + d.windowStart)
                .containsExactly("u@0", "u@10000", "v@0", "v@20000");
        ClassDistribution u0 = t.get(0);
        // a x 2, b x 1: D = 3 + 3 = 6, p_a = 1/2, p_b = 1/3, unseen 1/6; 1/p = 2, 3, 6: rarity 2/11, 3/11, 6/11.
        assertThat(u0.classNames).containsExactly("a", "b");
        assertThat(u0.probabilities).containsExactly(new double[] {0.5, 1.0 / 3}, within(EPS));
        assertThat(u0.rarities).containsExactly(new double[] {2.0 / 11, 3.0 / 11}, within(EPS));
        assertThat(u0.unseenRarity).isCloseTo(6.0 / 11, within(EPS));
        assertThat(u0.windowEnd).isEqualTo(10_000L);
        // A window with one class: p = (1 + 1) / (1 + 2) = 2/3, unseen 1/3; rarity (3/2) / (3/2 + 3) = 1/3.
        ClassDistribution u1 = t.get(1);
        assertThat(u1.classNames).containsExactly("c");
        assertThat(u1.probabilities[0]).isCloseTo(2.0 / 3, within(EPS));
        assertThat(u1.rarities[0]).isCloseTo(1.0 / 3, within(EPS));
        assertThat(u1.scores[0]).isEqualTo(0.0);

        List<ClassDistribution> s = sorted(drain(sessionIt));
        // u's invalid event at 4 s never reaches the windows: its session ends at 3 s + 5 s.
        assertThat(s).extracting(d -> d.key + "@" + d.windowStart + "-" + d.windowEnd)
                .containsExactly("u@1000-8000", "u@12000-17000", "v@1000-8000", "v@20000-25000");
        ClassDistribution v0 = s.get(2);
        // Merged session of v: a, b once each: p = 2/5 each, unseen 1/5; 1/p = 2.5, 2.5, 5:
        // rarity 1/4 each and 1/2 for the unseen slot; both score 0.
        assertThat(v0.classNames).containsExactly("a", "b");
        assertThat(v0.probabilities).containsExactly(new double[] {0.4, 0.4}, within(EPS));
        assertThat(v0.rarities).containsExactly(new double[] {0.25, 0.25}, within(EPS));
        assertThat(v0.unseenRarity).isCloseTo(0.5, within(EPS));
        assertThat(v0.countErrors).containsExactly(0.0, 0.0);
        assertThat(v0.total).isEqualTo(2.0);

        assertThat(drain(rejectedIt)).extracting(r -> r.reason).containsExactly("EMPTY_CLASS_NAME");
    }

    private static List<ClassDistribution> sorted(List<ClassDistribution> list) {
        list.sort(Comparator.comparing((ClassDistribution d) -> d.key).thenComparing(d -> d.windowStart));
        return list;
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> list = new ArrayList<>();
        while (it.hasNext()) {
            list.add(it.next());
        }
        it.close();
        return list;
    }
}
