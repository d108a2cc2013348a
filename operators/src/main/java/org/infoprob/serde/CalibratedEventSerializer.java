package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.model.CalibratedEvent;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes a {@link CalibratedEvent}, classes in the record's order:
 *
 * <pre>{@code
 * {"key":"sensor-7","id":"e-42","ts":1732752000000,"segment":"",
 *  "probabilities":{"cat":0.62,"dog":0.38},"top":"cat","topProbability":0.62,
 *  "temperature":2.47,"standardError":0.05,"fitStatus":"FITTED","examples":5000}
 * }</pre>
 *
 * {@code id} is left out when the event had none; {@code temperature} (temperature scaling) or
 * {@code slope} and {@code intercept} (Platt scaling) are written, whichever applies;
 * {@code standardError} and {@code fitStatus} are left out before a segment's first fit.
 */
@PublicEvolving
public final class CalibratedEventSerializer extends JsonRecordWriter<CalibratedEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    void write(JsonGenerator g, CalibratedEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", e.key);
        if (e.id != null) {
            g.writeStringField("id", e.id);
        }
        g.writeNumberField("ts", e.ts);
        g.writeStringField("segment", e.segment);
        g.writeObjectFieldStart("probabilities");
        for (int i = 0; i < e.classes.length; i++) {
            g.writeNumberField(e.classes[i], e.probabilities[i]);
        }
        g.writeEndObject();
        g.writeStringField("top", e.top);
        g.writeNumberField("topProbability", e.topProbability);
        optional(g, "temperature", e.temperature);
        optional(g, "slope", e.slope);
        optional(g, "intercept", e.intercept);
        optional(g, "standardError", e.standardError);
        if (e.fitStatus != null) {
            g.writeStringField("fitStatus", e.fitStatus);
        }
        g.writeNumberField("examples", e.examples);
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, double value) throws IOException {
        if (!Double.isNaN(value)) {
            g.writeNumberField(name, value);
        }
    }
}
