package org.infoprob.information;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/**
 * Flink serializer of {@link ClassCounts} (no Kryo): a format version byte, the scalar fields,
 * then per class its name, weight, event count and (once the key has evicted) error.
 *
 * <pre>
 *   byte    format version (2)
 *   long    half-life ms, landmark, now, distribution timer, expiry timer
 *   boolean has time
 *   int     events since distribution, size V
 *   double  total
 *   boolean Space-Saving errors follow; if so: double floor
 *   V x     (string name, double weight, int events[, double error])
 * </pre>
 *
 * <h2>Format 1 (release 0.1)</h2>
 *
 * Still read. It had no expiry timer and no errors, but a bucket {@code "__other__"} (its
 * index in the header, -1 for none) into which the least-weighted class was folded at
 * capacity, so a class held then may have weighed up to the bucket's weight B more than its
 * count (its folded past), and a class not held up to B. Read as Space-Saving counters with
 * that as the initial error: the bucket is dropped (its weight stays in the total), every
 * class held gets count {@code c + B} and error B, and the floor is B. A key that never folded
 * (B absent) reads as exact counts, and continues bit for bit as if it had been counted by
 * this release. For a key that folded, every guarantee of Space-Saving on a single count
 * holds ({@code c - e <= true <= c}, a class not held weighed at most the floor), but B is
 * counted once by the total and once by each of the V classes held: the counts sum to {@code
 * C + (V - 1) B} instead of C, so the probabilities of the classes held and the unseen slot
 * sum to more than 1 by {@code (1 - p_u) (V - 1) B / (C + a V)}. An eviction passes a
 * counter on with its B, so the excess decays with the counts but stays; the bound {@code
 * error <= total / maxClasses} holds for such a key only once its total has outgrown B that
 * far. (The 0.1 state cannot say which class the bucket's weight belonged to, so no
 * conversion both keeps every true count below its estimate and the sum at C.)
 *
 * <p>The snapshot ({@link Snapshot}) carries no configuration; its version 4 (version 3 was
 * written by Flink's {@code SimpleTypeSerializerSnapshot} for format 1) also records the
 * format version. Both restore this serializer as is: every record says its own format.
 */
@Internal
public final class ClassCountsSerializer extends TypeSerializerSingleton<ClassCounts> {

    private static final long serialVersionUID = 1L;

    /** The one instance; the serializer is stateless. */
    public static final ClassCountsSerializer INSTANCE = new ClassCountsSerializer();

    /** The format written. */
    static final byte FORMAT_VERSION = 2;

    /** The format of release 0.1, still read. */
    static final byte FORMAT_VERSION_1 = 1;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ClassCounts createInstance() {
        return new ClassCounts(0);
    }

    @Override
    public ClassCounts copy(ClassCounts from) {
        return from.copy();
    }

    @Override
    public ClassCounts copy(ClassCounts from, ClassCounts reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ClassCounts c, DataOutputView out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(c.halfLifeMillis);
        out.writeLong(c.landmark);
        out.writeLong(c.now);
        out.writeLong(c.distributionTimer);
        out.writeLong(c.expiryTimer);
        out.writeBoolean(c.hasTime);
        out.writeInt(c.eventsSinceDistribution);
        out.writeInt(c.size);
        out.writeDouble(c.total);
        SpaceSaving s = c.spaceSaving;
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeDouble(s.floor);
        }
        for (int i = 0; i < c.size; i++) {
            StringValue.writeString(c.names[i], out);
            out.writeDouble(c.weights[i]);
            out.writeInt(c.events[i]);
            if (s != null) {
                out.writeDouble(s.errors[i]);
            }
        }
    }

    @Override
    public ClassCounts deserialize(DataInputView in) throws IOException {
        int version = in.readByte();
        if (version == FORMAT_VERSION_1) {
            return deserializeFormat1(in);
        }
        if (version != FORMAT_VERSION) {
            throw new IOException(
                    "Unknown ClassCounts format version " + version + ", expected "
                            + FORMAT_VERSION_1 + " or " + FORMAT_VERSION);
        }
        ClassCounts c = new ClassCounts(in.readLong());
        c.landmark = in.readLong();
        c.now = in.readLong();
        c.distributionTimer = in.readLong();
        c.expiryTimer = in.readLong();
        c.hasTime = in.readBoolean();
        c.eventsSinceDistribution = in.readInt();
        int size = in.readInt();
        c.total = in.readDouble();
        SpaceSaving s = in.readBoolean() ? new SpaceSaving(size) : null;
        if (s != null) {
            s.floor = in.readDouble();
        }
        allocate(c, size);
        for (int i = 0; i < size; i++) {
            c.names[i] = StringValue.readString(in);
            c.weights[i] = in.readDouble();
            c.events[i] = in.readInt();
            if (s != null) {
                s.errors[i] = in.readDouble();
            }
        }
        c.size = size;
        c.spaceSaving = s;
        return c;
    }

    /** Format 1, converted as the class comment says. */
    private static ClassCounts deserializeFormat1(DataInputView in) throws IOException {
        ClassCounts c = new ClassCounts(in.readLong());
        c.landmark = in.readLong();
        c.now = in.readLong();
        c.distributionTimer = in.readLong();
        c.hasTime = in.readBoolean();
        c.eventsSinceDistribution = in.readInt();
        int bucket = in.readInt();
        int size = in.readInt();
        c.total = in.readDouble();
        allocate(c, size);
        double bucketWeight = 0.0;
        int held = 0;
        for (int i = 0; i < size; i++) {
            String name = StringValue.readString(in);
            double weight = in.readDouble();
            int events = in.readInt();
            if (i == bucket) {
                bucketWeight = weight;
                continue;
            }
            c.names[held] = name;
            c.weights[held] = weight;
            c.events[held] = events;
            held++;
        }
        c.size = held;
        if (bucket >= 0) {
            SpaceSaving s = c.spaceSaving();
            for (int i = 0; i < held; i++) {
                c.weights[i] += bucketWeight;
                s.errors[i] = bucketWeight;
            }
            s.floor = bucketWeight;
        }
        return c;
    }

    private static void allocate(ClassCounts c, int size) {
        c.names = new String[size];
        c.weights = new double[size];
        c.events = new int[size];
    }

    @Override
    public ClassCounts deserialize(ClassCounts reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<ClassCounts> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Snapshot of the stateless serializer; restores {@link #INSTANCE}. Version 3 is what
     * Flink's {@code SimpleTypeSerializerSnapshot} wrote for format 1 (no payload); version 4
     * writes the format version.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<ClassCounts> {

        private static final int VERSION_FORMAT_1 = 3;
        private static final int VERSION = 4;

        private int format = FORMAT_VERSION;

        public Snapshot() {}

        /** The state format the snapshot's data was written in. */
        public int format() {
            return format;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeByte(FORMAT_VERSION);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
                throws IOException {
            if (readVersion == VERSION_FORMAT_1) {
                format = FORMAT_VERSION_1;
            } else if (readVersion == VERSION) {
                format = in.readByte();
            } else {
                throw new IOException("Unknown ClassCountsSerializer snapshot version " + readVersion);
            }
        }

        @Override
        public TypeSerializer<ClassCounts> restoreSerializer() {
            return INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<ClassCounts> resolveSchemaCompatibility(
                TypeSerializerSnapshot<ClassCounts> oldSnapshot) {
            return oldSnapshot instanceof Snapshot
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
