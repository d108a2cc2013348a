package org.infoprob.serde;

import org.apache.flink.annotation.Internal;
import org.infoprob.internal.Json;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A reusable output buffer and generator for {@link JsonRecordWriter}: one per serializer instance
 * (serializers are used by one thread), reset per record, so writing a record allocates only
 * the resulting byte array.
 */
@Internal
final class JsonBuffer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private final JsonGenerator generator;

    JsonBuffer() {
        try {
            generator = Json.FACTORY.createGenerator(bytes);
        } catch (IOException e) {
            throw inMemory(e);
        }
    }

    /** Clears the buffer and returns the generator to write one record with. */
    JsonGenerator start() {
        bytes.reset();
        return generator;
    }

    /** Flushes the generator and returns the record's bytes. */
    byte[] finish() throws IOException {
        generator.flush();
        return bytes.toByteArray();
    }

    static UncheckedIOException inMemory(IOException e) {
        return new UncheckedIOException("Cannot write JSON to memory", e);
    }
}
