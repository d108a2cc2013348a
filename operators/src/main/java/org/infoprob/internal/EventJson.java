package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.LabelEvent;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Renders an event the library received or computed as the {@code payload} of its dead letter,
 * with the one Jackson factory ({@link Json#FACTORY}): every field, arrays kept parallel (so a
 * repeated class name survives), non-finite numbers as the strings {@code "NaN"}, {@code
 * "Infinity"}, {@code "-Infinity"} (JSON has no such literals; the payload stays valid JSON and
 * still shows the bad value). The origin is not repeated: a dead letter has its own fields for
 * it.
 *
 * <pre>{@code
 * EventJson.of(ScoreEvent.of("k", 1L, new String[] {"a"}, new double[] {Double.NaN}));
 * // {"key":"k","ts":1,"classes":["a"],"scores":["NaN"]}
 * }</pre>
 *
 * Only on the dead-letter path: it allocates a writer and a generator per call.
 */
@Internal
public final class EventJson {

    private EventJson() {}

    /** {@code {"key":..,"ts":..,"classes":[..],"scores":[..]}}, and {@code "id"} after the key when set. */
    public static String of(ScoreEvent e) {
        return render(g -> {
            g.writeStringField("key", e.key);
            optionalString(g, "id", e.id);
            g.writeNumberField("ts", e.ts);
            strings(g, "classes", e.classes);
            numbers(g, "scores", e.scores);
        });
    }

    /** {@code {"key":..,"ts":..,"score":..}}, and {@code "id"} after the key when set. */
    public static String of(BinaryScoreEvent e) {
        return render(g -> {
            g.writeStringField("key", e.key);
            optionalString(g, "id", e.id);
            g.writeNumberField("ts", e.ts);
            g.writeNumberField("score", e.score);
        });
    }

    /** {@code {"key":..,"ts":..,"class":..,"weight":..}}; {@code ts} null when unknown. */
    public static String of(ClassEvent e) {
        return render(g -> {
            g.writeStringField("key", e.key);
            g.writeFieldName("ts");
            if (e.ts == null) {
                g.writeNull();
            } else {
                g.writeNumber(e.ts);
            }
            g.writeStringField("class", e.className);
            g.writeNumberField("weight", e.weight);
        });
    }

    /** {@code {"id":..,"ts":..,"label":..}}, the label a class name or a boolean as it came. */
    public static String of(LabelEvent e) {
        return render(g -> {
            g.writeStringField("id", e.id);
            g.writeNumberField("ts", e.ts);
            if (e.label != null || e.positive == null) {
                g.writeStringField("label", e.label);
            } else {
                g.writeBooleanField("label", e.positive);
            }
        });
    }

    /** {@code {"key":..,"id":..,"ts":..,"classes":[..] or null,"scores":[..],"label":..}}. */
    public static String of(LabelledScores e) {
        return render(g -> {
            g.writeStringField("key", e.key);
            g.writeStringField("id", e.id);
            g.writeNumberField("ts", e.ts);
            strings(g, "classes", e.classes);
            numbers(g, "scores", e.scores);
            g.writeNumberField("label", e.label);
        });
    }

    /** Every field of a (window) result, e.g. one whose window has no distribution. */
    public static String of(ProbabilityEvent e) {
        return render(g -> {
            g.writeStringField("key", e.key);
            g.writeNumberField("ts", e.ts);
            strings(g, "classes", e.classes);
            numbers(g, "probabilities", e.probabilities);
            numbers(g, "logProbabilities", e.logProbabilities);
            g.writeStringField("top", e.top);
            g.writeNumberField("topProbability", e.topProbability);
            strings(g, "topK", e.topK);
            numbers(g, "topKProbabilities", e.topKProbabilities);
            g.writeNumberField("entropy", e.entropy);
            g.writeNumberField("margin", e.margin);
            nullableLong(g, "windowStart", e.windowStart);
            nullableLong(g, "windowEnd", e.windowEnd);
            nullableLong(g, "count", e.count);
        });
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String render(Fields fields) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JSON to memory", e);
        }
        return out.toString();
    }

    private static void strings(JsonGenerator g, String name, String[] values) throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void numbers(JsonGenerator g, String name, double[] values) throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (double v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void optionalString(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void nullableLong(JsonGenerator g, String name, Long value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
