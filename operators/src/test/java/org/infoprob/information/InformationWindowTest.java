package org.infoprob.information;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The window variant: incremental counting with merge, and the scores of a window. */
class InformationWindowTest {

    private static final double EPS = 1e-15;

    @Test
    void mergedAccumulatorsCountLikeOneAccumulator() {
        ClassCountAggregate aggregate = new ClassCountAggregate();
        List<ClassEvent> events =
                List.of(
                        ClassEvent.of("k", 1L, "a"),
                        ClassEvent.of("k", 2L, "b", 2.0),
                        ClassEvent.of("k", 3L, "a", 0.5),
                        ClassEvent.of("k", 4L, ""),
                        ClassEvent.of("k", 5L, "c"),
                        ClassEvent.of("k", 6L, "b", 0.0),
                        ClassEvent.of("k", 7L, "a", Double.NaN));
        ClassCountAccumulator whole = aggregate.createAccumulator();
        events.forEach(e -> aggregate.add(e, whole));
        ClassCountAccumulator left = aggregate.createAccumulator();
        ClassCountAccumulator right = aggregate.createAccumulator();
        for (int i = 0; i < events.size(); i++) {
            aggregate.add(events.get(i), i % 2 == 0 ? left : right);
        }
        ClassCountAccumulator merged = aggregate.getResult(aggregate.merge(right, left));

        for (ClassCountAccumulator acc : List.of(whole, merged)) {
            assertThat(acc.summary().size()).isEqualTo(3);
            assertThat(count(acc, "a")).isEqualTo(1.5);
            assertThat(count(acc, "b")).as("weight-0 event counts nothing").isEqualTo(2.0);
            assertThat(count(acc, "c")).isEqualTo(1.0);
            assertThat(acc.summary().totalCount()).isEqualTo(4.5);
            assertThat(acc.summary().errorBound()).as("under the limit: exact").isZero();
            assertThat(acc.invalid).as("empty class and NaN weight").isEqualTo(2);
        }
    }

    @Test
    void mergingSummariesBeyondTheLimitKeepsTheHeaviestClassesAndTheBounds() {
        // Two windows of a session, limit 2 classes. Left: a 5, b 1 (exact). Right: a 1, c 4, d 1
        // -> Space-Saving: {a 1, c 4}, then d takes a's counter: F = 1, d = 2 (error 1).
        ClassCountAggregate aggregate = new ClassCountAggregate(2);
        ClassCountAccumulator left = aggregate.createAccumulator();
        aggregate.add(ClassEvent.of("k", 1L, "a", 5.0), left);
        aggregate.add(ClassEvent.of("k", 2L, "b", 1.0), left);
        ClassCountAccumulator right = aggregate.createAccumulator();
        aggregate.add(ClassEvent.of("k", 3L, "a", 1.0), right);
        aggregate.add(ClassEvent.of("k", 4L, "c", 4.0), right);
        aggregate.add(ClassEvent.of("k", 5L, "d", 1.0), right);
        assertThat(count(right, "d")).isEqualTo(2.0);
        // Merged, by hand: a = 5 + F_right(1) (error 1), b = 1 + 1 (error 1), c = 0 + 4, d = 0 + 2
        // (error 1). The two heaviest stay: a 6, c 4; F = max(0 + 1, 2) = 2 (b and d dropped at 2).
        ClassCountAccumulator merged = aggregate.merge(left, right);
        ClassCounts c = merged.summary();
        assertThat(c.size()).isEqualTo(2);
        assertThat(count(merged, "a")).isEqualTo(6.0);
        assertThat(c.error(c.indexOf("a"))).isEqualTo(1.0);
        assertThat(count(merged, "c")).isEqualTo(4.0);
        assertThat(c.error(c.indexOf("c"))).isEqualTo(0.0);
        assertThat(c.errorBound()).isEqualTo(2.0);
        assertThat(c.totalCount()).isEqualTo(12.0);
        // True counts: a 6, b 1, c 4, d 1: within [count - error, count], or at most F.
        assertThat(c.errorBound()).isLessThanOrEqualTo(12.0 / 2);
    }

    @Test
    void windowFunctionScoresEveryClassOfTheWindow() throws Exception {
        ClassCountAccumulator acc = new ClassCountAccumulator();
        acc.add("b", 1.0, 10);
        acc.add("a", 1.0, 10);
        acc.add("a", 1.0, 10);
        acc.invalid = 1;
        InformationWindowFunction fn = InformationWindowFunction.builder().build();
        fn.open(null);
        List<ClassDistribution> out = new ArrayList<>();
        fn.process("k", context(fn, new TimeWindow(0, 10_000)), List.of(acc), collector(out));

        assertThat(out).hasSize(1);
        ClassDistribution d = out.get(0);
        // C = 3, V = 2, D = 6: p_a = 3/6, p_b = 2/6, unseen 1/6; rarity over 1/p = 2, 3, 6
        // (sum 11): 2/11, 3/11, and 6/11 for a class not in the window.
        assertThat(d.key).isEqualTo("k");
        assertThat(d.windowStart).isEqualTo(0L);
        assertThat(d.windowEnd).isEqualTo(10_000L);
        assertThat(d.ts).isEqualTo(9_999L);
        assertThat(d.classNames).containsExactly("a", "b");
        assertThat(d.counts).containsExactly(2.0, 1.0);
        assertThat(d.probabilities).containsExactly(new double[] {0.5, 1.0 / 3}, within(EPS));
        assertThat(d.scores).containsExactly(new double[] {0.0, Math.log(1.5)}, within(EPS));
        assertThat(d.rarities).containsExactly(new double[] {2.0 / 11, 3.0 / 11}, within(EPS));
        assertThat(d.unseenRarity).isCloseTo(6.0 / 11, within(EPS));
        assertThat(d.countErrors).containsExactly(0.0, 0.0);
        assertThat(d.unseenProbability).isCloseTo(1.0 / 6, within(EPS));
        assertThat(d.ignoredInvalid).isEqualTo(1);
    }

    /**
     * Window state of release 0.1: the snapshot of Flink's POJO serializer for the 0.1 layout
     * of {@link ClassCountAccumulator} and one accumulator (a 2 + 1, b 1, 3 invalid events),
     * both written by the 0.1 code (its benchmark jar). The current class restores it by POJO
     * schema evolution and moves the old fields into the summary.
     */
    @Test
    void windowStateWrittenByRelease01RestoresIntoTheSummary() throws Exception {
        TypeSerializerSnapshot<ClassCountAccumulator> old =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(HexFormat.of().parseHex(RELEASE_0_1_SNAPSHOT)),
                        getClass().getClassLoader());
        TypeSerializer<ClassCountAccumulator> current =
                TypeInformation.of(ClassCountAccumulator.class).createSerializer(new SerializerConfigImpl());
        assertThat(current.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAfterMigration())
                .as("a new field: Flink migrates")
                .isTrue();
        byte[] bytes = HexFormat.of().parseHex(RELEASE_0_1_ACCUMULATOR);
        ClassCountAccumulator restored = old.restoreSerializer().deserialize(new DataInputDeserializer(bytes));
        assertThat(count(restored, "a")).isEqualTo(3.0);
        assertThat(count(restored, "b")).isEqualTo(1.0);
        assertThat(restored.summary().events(restored.summary().indexOf("a"))).isEqualTo(2);
        assertThat(restored.summary().totalCount()).isEqualTo(4.0);
        assertThat(restored.invalid).isEqualTo(3);
        assertThat(restored.names).as("the 0.1 fields are emptied").isNull();

        // Written in the current layout and read back, nothing changes.
        DataOutputSerializer out = new DataOutputSerializer(128);
        current.serialize(restored, out);
        ClassCountAccumulator again = current.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(count(again, "a")).isEqualTo(3.0);
        assertThat(again.summary()).isEqualTo(restored.summary());
        assertThat(again.invalid).isEqualTo(3);
    }

    private static final String RELEASE_0_1_SNAPSHOT =
            "00426f72672e6170616368652e666c696e6b2e6170692e6a6176612e747970657574696c732e72756e74696d652e506f"
            + "6a6f53657269616c697a6572536e617073686f7400000002002e6f72672e696e666f70726f622e696e666f726d617469"
            + "6f6e2e436c617373436f756e74416363756d756c61746f72000004f2c69a3d70000000060006636f756e747301000000"
            + "38002e6f72672e696e666f70726f622e696e666f726d6174696f6e2e436c617373436f756e74416363756d756c61746f"
            + "720006636f756e7473010000007c00766f72672e6170616368652e666c696e6b2e6170692e636f6d6d6f6e2e74797065"
            + "7574696c732e626173652e61727261792e446f75626c655072696d6974697665417272617953657269616c697a657224"
            + "446f75626c655072696d6974697665417272617953657269616c697a6572536e617073686f740000000300066576656e"
            + "74730100000038002e6f72672e696e666f70726f622e696e666f726d6174696f6e2e436c617373436f756e7441636375"
            + "6d756c61746f7200066576656e7473010000007600706f72672e6170616368652e666c696e6b2e6170692e636f6d6d6f"
            + "6e2e747970657574696c732e626173652e61727261792e496e745072696d6974697665417272617953657269616c697a"
            + "657224496e745072696d6974697665417272617953657269616c697a6572536e617073686f74000000030007696e7661"
            + "6c69640100000039002e6f72672e696e666f70726f622e696e666f726d6174696f6e2e436c617373436f756e74416363"
            + "756d756c61746f720007696e76616c6964010000005600506f72672e6170616368652e666c696e6b2e6170692e636f6d"
            + "6d6f6e2e747970657574696c732e626173652e4c6f6e6753657269616c697a6572244c6f6e6753657269616c697a6572"
            + "536e617073686f740000000300056e616d65730100000037002e6f72672e696e666f70726f622e696e666f726d617469"
            + "6f6e2e436c617373436f756e74416363756d756c61746f7200056e616d6573010000006a00646f72672e617061636865"
            + "2e666c696e6b2e6170692e636f6d6d6f6e2e747970657574696c732e626173652e61727261792e537472696e67417272"
            + "617953657269616c697a657224537472696e67417272617953657269616c697a6572536e617073686f74000000030004"
            + "73697a650100000036002e6f72672e696e666f70726f622e696e666f726d6174696f6e2e436c617373436f756e744163"
            + "63756d756c61746f72000473697a650100000054004e6f72672e6170616368652e666c696e6b2e6170692e636f6d6d6f"
            + "6e2e747970657574696c732e626173652e496e7453657269616c697a657224496e7453657269616c697a6572536e6170"
            + "73686f74000000030005746f74616c0100000037002e6f72672e696e666f70726f622e696e666f726d6174696f6e2e43"
            + "6c617373436f756e74416363756d756c61746f720005746f74616c010000005a00546f72672e6170616368652e666c69"
            + "6e6b2e6170692e636f6d6d6f6e2e747970657574696c732e626173652e446f75626c6553657269616c697a657224446f"
            + "75626c6553657269616c697a6572536e617073686f7400000003000004f2c69a3d7000000000000004f2c69a3d700000"
            + "0000";

    private static final String RELEASE_0_1_ACCUMULATOR =
            "02000000000840080000000000003ff00000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000008000000020000000100000000000000000000000000"
            + "000000000000000000000000000000000000000300000000080261026200000000000000000000020040100000000000"
            + "00";

    private static double count(ClassCountAccumulator acc, String name) {
        ClassCounts c = acc.summary();
        int i = c.indexOf(name);
        return i < 0 ? 0.0 : c.count(i);
    }

    private static <T> Collector<T> collector(List<T> out) {
        return new Collector<T>() {
            @Override
            public void collect(T record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
    }

    private static InformationWindowFunction.Context context(
            InformationWindowFunction fn, TimeWindow window) {
        return fn.new Context() {
            @Override
            public TimeWindow window() {
                return window;
            }

            @Override
            public long currentProcessingTime() {
                return 0;
            }

            @Override
            public long currentWatermark() {
                return window.maxTimestamp();
            }

            @Override
            public KeyedStateStore windowState() {
                throw new UnsupportedOperationException("not used by the function");
            }

            @Override
            public KeyedStateStore globalState() {
                throw new UnsupportedOperationException("not used by the function");
            }

            @Override
            public <X> void output(OutputTag<X> outputTag, X value) {
                throw new UnsupportedOperationException("not used by the function");
            }
        };
    }
}
