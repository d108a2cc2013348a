package org.infoprob.jobs.demo;

import org.infoprob.internal.Json;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's JSON, on Jackson's streaming API and the library's one factory: the records the
 * traffic sends, and the fields of the jobs' output that the demo reads back.
 *
 * <pre>{@code
 * String record = DemoJson.write(g -> {
 *     g.writeStartObject();
 *     g.writeStringField("key", "user-1");
 *     g.writeEndObject();
 * });
 * Map<String, String> out = DemoJson.fields(bytes);   // {"key" -> "user-1", "probabilities.positive" -> "0.73"}
 * }</pre>
 */
final class DemoJson {

    /** The one JSON factory of the jobs module. */
    private static final JsonFactory FACTORY = Json.FACTORY;

    /** Writes a JSON text with a generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private DemoJson() {}

    /**
     * The text that {@code body} writes. Objects it leaves open stay open, so a body can write
     * a record cut short, as a broken producer would.
     */
    static String write(Body body) {
        StringWriter text = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to a string cannot fail", e);
        }
        return text.toString();
    }

    /**
     * The scalar fields of a JSON object as text, those of nested objects as {@code
     * outer.inner} (e.g. {@code probabilities.positive}); arrays are skipped.
     *
     * @throws IOException if {@code json} is not a JSON object
     */
    static Map<String, String> fields(byte[] json) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("Expected a JSON object, was " + p.currentToken());
            }
            readObject(p, "", fields);
        }
        return fields;
    }

    /** Opens a record: {@code {"key":...,"ts":...}. */
    static void startRecord(JsonGenerator g, String key, long ts) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeNumberField("ts", ts);
    }

    private static void readObject(JsonParser p, String prefix, Map<String, String> fields) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = prefix + p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT) {
                readObject(p, name + ".", fields);
            } else if (value == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                fields.put(name, p.getText());
            }
        }
    }
}
