package org.infoprob.testing;

import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.ScoreEvent;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Events written back in the input form the decoders read, by Jackson's generator (an
 * encoder independent of the decoders): {@code {"key":..,"ts":..,"class":..,"weight":..}},
 * {@code {"key":..,"ts":..,"scores":{..}}}, {@code {"key":..,"ts":..,"score":..}} (score events
 * with their {@code "id"} when they have one). Non-finite
 * numbers as the bare literals {@code NaN}, {@code Infinity}, {@code -Infinity} that the
 * decoders accept; a null key or ts is left out.
 */
public final class InputJson {

    private static final JsonFactory FACTORY =
            JsonFactory.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private InputJson() {}

    public static byte[] of(ClassEvent e) {
        return write(g -> {
            head(g, e.key, e.ts);
            g.writeStringField("class", e.className);
            g.writeNumberField("weight", e.weight);
        });
    }

    public static byte[] of(ScoreEvent e) {
        return write(g -> {
            head(g, e.key, e.ts);
            id(g, e.id);
            g.writeObjectFieldStart("scores");
            for (int i = 0; i < e.classes.length; i++) {
                g.writeNumberField(e.classes[i], e.scores[i]);
            }
            g.writeEndObject();
        });
    }

    public static byte[] of(BinaryScoreEvent e) {
        return write(g -> {
            head(g, e.key, e.ts);
            id(g, e.id);
            g.writeNumberField("score", e.score);
        });
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static void head(JsonGenerator g, String key, Long ts) throws IOException {
        if (key != null) {
            g.writeStringField("key", key);
        }
        if (ts != null) {
            g.writeNumberField("ts", ts);
        }
    }

    private static void id(JsonGenerator g, String id) throws IOException {
        if (id != null) {
            g.writeStringField("id", id);
        }
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
