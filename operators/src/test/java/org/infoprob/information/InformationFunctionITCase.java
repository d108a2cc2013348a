package org.infoprob.information;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.RarityEvent;
import org.infoprob.testing.FlinkMiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The information operator in a real job: MiniCluster, parallelism 2, generic types disabled
 * (so any Kryo fallback fails the job), POJO records and the custom state serializer.
 */
class InformationFunctionITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            FlinkMiniCluster.extension();

    @Test
    void scoresEveryEventPrequentiallyPerKeyAtParallelismTwo() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);

        List<ClassEvent> events = new ArrayList<>();
        String[] classes = {"ok", "ok", "ok", "slow", "ok", "error", "ok", "slow", "ok", "ok"};
        for (int i = 0; i < 300; i++) {
            events.add(ClassEvent.of("host-" + (i % 6), 1000L * i, classes[(i * 7 + i / 6) % classes.length]));
        }
        events.add(ClassEvent.of("host-1", 400_000L, ""));
        events.add(ClassEvent.of("host-2", 400_001L, "ok", Double.NaN));

        SingleOutputStreamOperator<RarityEvent> rarities =
                env.fromData(events, TypeInformation.of(ClassEvent.class))
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ClassEvent>forMonotonousTimestamps()
                                        .withTimestampAssigner((e, ts) -> e.ts))
                        .setParallelism(1)
                        .keyBy(ClassEvent.keySelector())
                        .process(InformationFunction.builder().setDistributionEveryEvents(10).build())
                        .name("information")
                        .uid("information");
        DataStream<DeadLetter> rejected = rarities.getSideOutput(DeadLetter.TAG);
        DataStream<ClassDistribution> distributions =
                rarities.getSideOutput(InformationFunction.DISTRIBUTIONS);
        CloseableIterator<RarityEvent> rarityIt = rarities.collectAsync();
        CloseableIterator<DeadLetter> rejectedIt = rejected.collectAsync();
        CloseableIterator<ClassDistribution> distributionIt = distributions.collectAsync();
        env.execute("information-it");

        List<RarityEvent> out = drain(rarityIt);
        assertThat(out).hasSize(300);
        // Expected per key from the formula, in the order the source emitted the events:
        // count and total before the event, p = (c + 1) / (C + (V + 1)).
        Map<String, Map<String, Integer>> seen = new HashMap<>();
        Map<String, List<RarityEvent>> byKey = new HashMap<>();
        out.forEach(r -> byKey.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r));
        Map<String, Integer> position = new HashMap<>();
        for (ClassEvent e : events.subList(0, 300)) {
            RarityEvent r = byKey.get(e.key).get(position.merge(e.key, 1, Integer::sum) - 1);
            Map<String, Integer> counts = seen.computeIfAbsent(e.key, k -> new HashMap<>());
            int c = counts.getOrDefault(e.className, 0);
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            int v = counts.size();
            assertThat(r.ts).isEqualTo(e.ts);
            assertThat(r.className).isEqualTo(e.className);
            assertThat(r.count).as("count before %s", e).isEqualTo(c);
            assertThat(r.total).isEqualTo(total);
            assertThat(r.firstSeen).isEqualTo(c == 0);
            assertThat(r.probability).isCloseTo((c + 1.0) / (total + v + 1.0), within(1e-15));
            // rarity = (1/q_x) / (sum_j 1/q_j + 1/a), q = c + a, the unseen slot q = a = 1; 0 for a new key.
            double norm = 1.0 + counts.values().stream().mapToDouble(n -> 1.0 / (n + 1.0)).sum();
            assertThat(r.rarity).as("rarity of %s", e).isCloseTo(v == 0 ? 0.0 : 1.0 / (c + 1.0) / norm, within(1e-15));
            assertThat(r.countError).isZero();
            counts.merge(e.className, 1, Integer::sum);
        }

        List<DeadLetter> bad = drain(rejectedIt);
        assertThat(bad).extracting(b -> b.reason).containsExactlyInAnyOrder("EMPTY_CLASS_NAME", "INVALID_WEIGHT");
        // 50 events per key, a distribution every 10: 5 per key.
        List<ClassDistribution> ds = drain(distributionIt);
        assertThat(ds).hasSize(30);
        for (ClassDistribution d : ds) {
            assertThat(Arrays.stream(d.rarities).sum() + d.unseenRarity)
                    .as("rarities of %s and of its unseen slot sum to 1", d.key)
                    .isCloseTo(1.0, within(1e-14));
        }
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
