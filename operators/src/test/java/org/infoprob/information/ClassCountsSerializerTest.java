package org.infoprob.information;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link ClassCountsSerializer}: format 2 round trips, format 1 (release 0.1) read as Space-Saving counters. */
class ClassCountsSerializerTest {

    private static final long H = 1000;

    /**
     * Written by release 0.1's serializer (the base commit of the Space-Saving change, run from
     * its benchmark jar) for: half-life 1 s, capacity 2, login 1 @0, login 2 @500, view 1 @1000,
     * logout 0.5 @1500 (folds view), purchase 3 @2000 (folds logout), login 1 @1800 (late). Its
     * state: login, __other__ (view + logout) and purchase.
     */
    private static final String RELEASE_0_1_BYTES =
            "0100000000000003e8000000000000000000000000000007d080000000000000000100000000000000010000"
                    + "00034036b98f4e93575a066c6f67696e401d3e15a0ad8e76000000030a5f5f6f746865725f5f400b504f"
                    + "333f9de600000003097075726368617365402800000000000000000001";

    @Test
    void formatTwoRoundTripAndCopyKeepEverything() throws Exception {
        ClassCounts c = new ClassCounts(H);
        for (int i = 0; i < 50; i++) {
            ClassCountsTest.add(c, "class-" + (i % 7), i * 100L, 1.0 + i, 5);
        }
        c.eventsSinceDistribution = 3;
        c.distributionTimer = 60_000;
        c.expiryTimer = 70_000;
        assertThat(c.errorBound()).as("evicted: errors are stored").isPositive();
        TypeSerializer<ClassCounts> serializer = ClassCountsSerializer.INSTANCE;

        byte[] bytes = bytes(c);
        assertThat(bytes[0]).as("format version").isEqualTo((byte) 2);
        ClassCounts back = read(bytes);
        assertThat(back).isEqualTo(c);
        for (int i = 0; i < c.size(); i++) {
            assertThat(back.indexOf(c.name(i))).as("lookup of %s", c.name(i)).isEqualTo(i);
            assertThat(back.error(i)).isEqualTo(c.error(i));
        }

        ClassCounts copy = serializer.copy(c);
        assertThat(copy).isEqualTo(c);
        ClassCountsTest.add(copy, "class-1", 5000, 1.0, 5);
        assertThat(copy).as("a deep copy").isNotEqualTo(c);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(bytes), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);

        ClassCounts exact = new ClassCounts(0);
        ClassCountsTest.add(exact, "a", 0, 2.0);
        assertThat(read(bytes(exact))).as("exact counts, no errors stored").isEqualTo(exact);
        assertThat(read(bytes(exact)).spaceSaving).isNull();
    }

    @Test
    void theFormatOneWriterKeptHereWritesWhatRelease01Wrote() throws Exception {
        // The fields of RELEASE_0_1_BYTES (weights relative to the landmark 0, scale 2^-2 at 2000).
        DataOutputSerializer out = new DataOutputSerializer(128);
        writeFormat1(out, H, 0L, 2000L, Long.MIN_VALUE, true, 0, 1, 22.72484294030378,
                new String[] {"login", "__other__", "purchase"},
                new double[] {7.310629377930686, 3.414213562373095, 12.0},
                new int[] {3, 3, 1});
        assertThat(HexFormat.of().formatHex(out.getCopyOfBuffer())).isEqualTo(RELEASE_0_1_BYTES);
    }

    @Test
    void formatOneFoldedCountsBecomeSpaceSavingCountersWithTheBucketAsError() throws Exception {
        ClassCounts c = read(HexFormat.of().parseHex(RELEASE_0_1_BYTES));
        // True counts at 2000 (h = 1 s), by hand:
        //   login    = 2^-2 + 2 * 2^-1.5 + 2^-0.2 = 1.8276573444826717 (never folded)
        //   view     = 2^-1 = 0.5, logout = 0.5 * 2^-0.5 = 0.3535533905932738: the bucket B = 0.8535533905932738
        //   purchase = 3
        double login = 0.25 + 2 * Math.pow(2, -1.5) + Math.pow(2, -0.2);
        double bucket = 0.5 + 0.5 * Math.sqrt(0.5);
        assertThat(c.size()).as("the bucket is dropped").isEqualTo(2);
        assertThat(c.indexOf("__other__")).isEqualTo(-1);
        assertThat(c.count(c.indexOf("login"))).as("c + B").isCloseTo(login + bucket, within(1e-15));
        assertThat(c.count(c.indexOf("purchase"))).isCloseTo(3 + bucket, within(1e-15));
        for (int i = 0; i < c.size(); i++) {
            assertThat(c.error(i)).as("initial error B").isCloseTo(bucket, within(1e-15));
        }
        assertThat(c.errorBound()).as("view and logout, not held, weighed at most B").isCloseTo(bucket, within(1e-15));
        assertThat(c.totalCount()).as("the bucket's weight stays in the total").isCloseTo(login + bucket + 3, within(1e-14));
        assertThat(c.now()).isEqualTo(2000L);
        assertThat(c.halfLifeMillis()).isEqualTo(H);
        assertThat(c.expiryTimer).as("0.1 registered none").isEqualTo(ClassCounts.NO_TIMER);
        assertThat(c.events(c.indexOf("login"))).isEqualTo(3);

        // Written back, it is format 2 and reads the same.
        assertThat(read(bytes(c))).isEqualTo(c);

        // Counting goes on under Space-Saving: a new class at capacity 2 takes login's counter.
        ClassCountsTest.add(c, "search", 2000, 1.0, 2);
        assertThat(c.indexOf("login")).isEqualTo(-1);
        assertThat(c.errorBound()).isCloseTo(login + bucket, within(1e-15));
    }

    @Test
    void formatOneWithoutFoldsReadsAsExactCounts() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        writeFormat1(out, 0L, 0L, 0L, Long.MIN_VALUE, true, 0, -1, 3.0,
                new String[] {"x", "y"}, new double[] {2.0, 1.0}, new int[] {2, 1});
        ClassCounts c = read(out.getCopyOfBuffer());
        assertThat(c.spaceSaving).isNull();
        assertThat(c.count(c.indexOf("x"))).isEqualTo(2.0);
        assertThat(c.events(c.indexOf("y"))).isEqualTo(1);
        assertThat(c.errorBound()).isZero();
    }

    @Test
    void anUnknownFormatIsRejected() {
        assertThatThrownBy(() -> read(new byte[] {9}))
                .isInstanceOf(IOException.class)
                .hasMessage("Unknown ClassCounts format version 9, expected 1 or 2");
    }

    @Test
    void snapshotsOfBothVersionsRestoreTheSerializerAsIs() throws Exception {
        TypeSerializerSnapshot<ClassCounts> snapshot = ClassCountsSerializer.INSTANCE.snapshotConfiguration();
        assertThat(snapshot.getCurrentVersion()).isEqualTo(4);
        DataOutputSerializer out = new DataOutputSerializer(16);
        snapshot.writeSnapshot(out);
        ClassCountsSerializer.Snapshot read = new ClassCountsSerializer.Snapshot();
        read.readSnapshot(4, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.format()).isEqualTo(2);
        assertThat(read.restoreSerializer()).isSameAs(ClassCountsSerializer.INSTANCE);

        // What Flink's SimpleTypeSerializerSnapshot wrote in 0.1: version 3, no payload.
        ClassCountsSerializer.Snapshot old = new ClassCountsSerializer.Snapshot();
        old.readSnapshot(3, new DataInputDeserializer(new byte[0]), getClass().getClassLoader());
        assertThat(old.format()).isEqualTo(1);
        for (TypeSerializerSnapshot<ClassCounts> previous : java.util.List.of(read, old)) {
            TypeSerializerSchemaCompatibility<ClassCounts> compatibility =
                    ClassCountsSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(previous);
            assertThat(compatibility.isCompatibleAsIs()).isTrue();
        }
    }

    /** Release 0.1's {@code ClassCountsSerializer.serialize}, field by field. */
    static void writeFormat1(
            DataOutputView out, long halfLife, long landmark, long now, long distributionTimer, boolean hasTime,
            int eventsSinceDistribution, int otherIndex, double total, String[] names, double[] weights,
            int[] events) throws IOException {
        out.writeByte(1);
        out.writeLong(halfLife);
        out.writeLong(landmark);
        out.writeLong(now);
        out.writeLong(distributionTimer);
        out.writeBoolean(hasTime);
        out.writeInt(eventsSinceDistribution);
        out.writeInt(otherIndex);
        out.writeInt(names.length);
        out.writeDouble(total);
        for (int i = 0; i < names.length; i++) {
            StringValue.writeString(names[i], out);
            out.writeDouble(weights[i]);
            out.writeInt(events[i]);
        }
    }

    static byte[] bytes(ClassCounts c) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ClassCountsSerializer.INSTANCE.serialize(c, out);
        return out.getCopyOfBuffer();
    }

    static ClassCounts read(byte[] bytes) throws IOException {
        return ClassCountsSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
    }
}
