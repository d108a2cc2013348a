package org.infoprob.information;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClassCountsTest {

    private static final long H = 1000;

    @Test
    void countsWithoutDecayArePlainWeightedSums() {
        ClassCounts c = new ClassCounts(0);
        add(c, "a", 0, 1.0);
        add(c, "b", 0, 2.5);
        add(c, "a", 0, 0.5);
        assertThat(c.count(c.indexOf("a"))).isEqualTo(1.5);
        assertThat(c.count(c.indexOf("b"))).isEqualTo(2.5);
        assertThat(c.totalCount()).isEqualTo(4.0);
        assertThat(c.events(c.indexOf("a"))).isEqualTo(2);
        assertThat(c.indexOf("c")).isEqualTo(-1);
    }

    @Test
    void countsHalveEveryHalfLifeAndLateEventsEnterDecayed() {
        ClassCounts c = new ClassCounts(H);
        add(c, "a", 0, 1.0);
        add(c, "a", 1000, 1.0);
        // At t = 2000: 2^-2 + 2^-1 = 0.75; b at 2000 counts 1.
        add(c, "b", 2000, 1.0);
        assertThat(c.count(c.indexOf("a"))).isCloseTo(0.75, within(1e-15));
        // Late: a at 1500 while now = 2000 enters with 2^-0.5.
        add(c, "a", 1500, 1.0);
        assertThat(c.now()).isEqualTo(2000);
        assertThat(c.count(c.indexOf("a"))).isCloseTo(0.75 + Math.sqrt(0.5), within(1e-15));
        assertThat(c.totalCount()).isCloseTo(1.75 + Math.sqrt(0.5), within(1e-15));
    }

    /**
     * The direct O(V) computation: on every event decay every count by 2^{-(t - now)/h}, then
     * add the event (a late one with weight 2^{-(now - t)/h}).
     */
    @Test
    void forwardDecayMatchesDirectDecayOfEveryCountOnRandomStreams() {
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int v = 12;
            ClassCounts c = new ClassCounts(H);
            double[] direct = new double[v];
            long now = 0;
            for (int i = 0; i < 20_000; i++) {
                // Mean gap 0.3 half-lives: 6000 half-lives, about 23 landmark moves.
                long t = now + rnd.nextLong(0, 600);
                if (i > 0 && rnd.nextInt(8) == 0) {
                    t = now - rnd.nextLong(0, 3 * H); // late
                }
                int k = Math.min(v - 1, (int) Math.floor(-Math.log(rnd.nextDouble()) * 3));
                double w = 0.1 + rnd.nextDouble();
                if (t > now) {
                    double f = Math.pow(2.0, -(double) (t - now) / H);
                    for (int j = 0; j < v; j++) {
                        direct[j] *= f;
                    }
                    now = t;
                }
                direct[k] += w * Math.pow(2.0, -(double) (now - t) / H);
                add(c, "c" + k, t, w);
                for (int j = 0; j < v; j++) {
                    int idx = c.indexOf("c" + j);
                    double ours = idx < 0 ? 0.0 : c.count(idx);
                    assertThat(ours)
                            .as("seed %d, event %d, class %d", seed, i, j)
                            .isCloseTo(direct[j], within(1e-12 * direct[j]));
                }
            }
            assertThat(c.landmark).as("the landmark moved forward").isGreaterThan(5000 * H);
        }
    }

    @Test
    void aJumpOfAMillionHalfLivesForgetsEverythingWithoutUnderflowOrNaN() {
        ClassCounts c = new ClassCounts(H);
        add(c, "a", 0, 1e100);
        add(c, "b", 1_000_000L * H, 2.0);
        assertThat(c.count(c.indexOf("a"))).isZero();
        assertThat(c.count(c.indexOf("b"))).isEqualTo(2.0);
        assertThat(c.totalCount()).isEqualTo(2.0);
    }

    @Test
    void atCapacityTheLeastWeightedClassFoldsIntoTheOtherBucket() {
        ClassCounts c = new ClassCounts(0);
        add(c, "a", 0, 3.0);
        add(c, "b", 0, 1.0);
        assertThat(c.add("c", -1, 0, 1.0, 2)).as("b folds to make room for c").isTrue();
        assertThat(c.indexOf("b")).isEqualTo(-1);
        assertThat(c.count(c.indexOf(ClassCounts.OTHER))).isEqualTo(1.0);
        assertThat(c.add("d", -1, 0, 0.5, 2)).as("c (1.0 < 3.0) folds").isTrue();
        assertThat(c.indexOf("c")).isEqualTo(-1);
        assertThat(c.count(c.indexOf(ClassCounts.OTHER))).isEqualTo(2.0);
        assertThat(c.count(c.indexOf("d"))).isEqualTo(0.5);
        assertThat(c.totalCount()).as("nothing is lost").isEqualTo(5.5);
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.events(c.indexOf(ClassCounts.OTHER)))
                .as("the bucket never counts as a singleton (Good-Turing)")
                .isGreaterThan(1);
        assertThat(c.add("a", c.indexOf("a"), 0, 1.0, 2)).as("known class, no fold").isFalse();
    }

    @Test
    void changingTheHalfLifeKeepsTheCountsOfNow() {
        ClassCounts c = new ClassCounts(H);
        add(c, "a", 0, 1.0);
        add(c, "b", 1000, 1.0);
        c.reconfigure(4 * H);
        assertThat(c.count(c.indexOf("a"))).isCloseTo(0.5, within(1e-15));
        add(c, "b", 5000, 1.0);
        // From t = 1000 on, one half-life of 4000 ms: a = 0.25, b = 0.5 + 1.
        assertThat(c.count(c.indexOf("a"))).isCloseTo(0.25, within(1e-15));
        assertThat(c.count(c.indexOf("b"))).isCloseTo(1.5, within(1e-15));
    }

    @Test
    void serializerRoundTripAndCopyKeepEverything() throws Exception {
        ClassCounts c = new ClassCounts(H);
        for (int i = 0; i < 50; i++) {
            add(c, "class-" + (i % 7), i * 100L, 1.0 + i, 5);
        }
        c.eventsSinceDistribution = 3;
        c.distributionTimer = 60_000;
        TypeSerializer<ClassCounts> serializer = ClassCountsSerializer.INSTANCE;

        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(c, out);
        ClassCounts back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(c);
        assertThat(back.otherIndex).isGreaterThanOrEqualTo(0);
        for (int i = 0; i < c.size(); i++) {
            assertThat(back.indexOf(c.name(i))).as("lookup rebuilt for %s", c.name(i)).isEqualTo(i);
        }

        ClassCounts copy = serializer.copy(c);
        assertThat(copy).isEqualTo(c);
        add(copy, "class-1", 5000, 1.0, 5);
        assertThat(copy).as("a deep copy").isNotEqualTo(c);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    @Test
    void serializerSnapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializerSnapshot<ClassCounts> snapshot =
                ClassCountsSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(16);
        snapshot.writeSnapshot(out);
        TypeSerializerSnapshot<ClassCounts> read = new ClassCountsSerializer.Snapshot();
        read.readSnapshot(
                snapshot.getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isSameAs(ClassCountsSerializer.INSTANCE);
        TypeSerializerSchemaCompatibility<ClassCounts> compatibility =
                ClassCountsSerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    static void add(ClassCounts c, String name, long t, double w) {
        add(c, name, t, w, 10_000);
    }

    static void add(ClassCounts c, String name, long t, double w, int maxClasses) {
        c.advance(t);
        c.add(name, c.indexOf(name), t, w, maxClasses);
    }
}
