package org.infoprob.serde;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * The JSON serializers' common part, the counterpart of {@link JsonRecordReader}: a reusable
 * buffer and generator per instance (serializers are used by one thread), reset per record, so
 * writing a record allocates only the resulting byte array. Subclasses write one record's
 * fields in {@link #write}.
 *
 * @param <T> the record type
 */
@Internal
public abstract class JsonRecordWriter<T> implements SerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private transient JsonBuffer buffer;

    @Override
    public final byte[] serialize(T record) {
        if (buffer == null) {
            buffer = new JsonBuffer();
        }
        try {
            write(buffer.start(), record);
            return buffer.finish();
        } catch (IOException e) {
            throw JsonBuffer.inMemory(e);
        }
    }

    /** Writes {@code record} as one JSON object with {@code g}. */
    abstract void write(JsonGenerator g, T record) throws IOException;

    /** Opens the record's object with the fields every output starts with: key, then ts if set. */
    static void startRecord(JsonGenerator g, String key, Long ts) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        if (ts != null) {
            g.writeNumberField("ts", ts);
        }
    }
}
