package org.infoprob.information;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/**
 * Flink serializer of {@link ClassCounts} (no Kryo): a format version byte, the scalar fields,
 * then per class its name, weight and event count.
 *
 * <pre>
 *   byte    format version (1)
 *   long    half-life ms, landmark, now, distribution timer
 *   boolean has time
 *   int     events since distribution, index of the bucket (-1 = none), size V
 *   double  total
 *   V x     (string name, double weight, int events)
 * </pre>
 *
 * The version byte lets a later format read this one; the {@link Snapshot} carries no
 * configuration, because the serializer has none.
 */
@Internal
public final class ClassCountsSerializer extends TypeSerializerSingleton<ClassCounts> {

    private static final long serialVersionUID = 1L;

    /** The one instance; the serializer is stateless. */
    public static final ClassCountsSerializer INSTANCE = new ClassCountsSerializer();

    private static final byte FORMAT_VERSION = 1;

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
        out.writeBoolean(c.hasTime);
        out.writeInt(c.eventsSinceDistribution);
        out.writeInt(c.otherIndex);
        out.writeInt(c.size);
        out.writeDouble(c.total);
        for (int i = 0; i < c.size; i++) {
            StringValue.writeString(c.names[i], out);
            out.writeDouble(c.weights[i]);
            out.writeInt(c.events[i]);
        }
    }

    @Override
    public ClassCounts deserialize(DataInputView in) throws IOException {
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException(
                    "Unknown ClassCounts format version " + version + ", expected " + FORMAT_VERSION);
        }
        ClassCounts c = new ClassCounts(in.readLong());
        c.landmark = in.readLong();
        c.now = in.readLong();
        c.distributionTimer = in.readLong();
        c.hasTime = in.readBoolean();
        c.eventsSinceDistribution = in.readInt();
        c.otherIndex = in.readInt();
        int size = in.readInt();
        c.total = in.readDouble();
        c.names = new String[size];
        c.weights = new double[size];
        c.events = new int[size];
        for (int i = 0; i < size; i++) {
            c.names[i] = StringValue.readString(in);
            c.weights[i] = in.readDouble();
            c.events[i] = in.readInt();
        }
        c.size = size;
        return c;
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

    /** Snapshot of the stateless serializer; restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ClassCounts> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
