package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.model.ProbabilityEvent;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes a {@link ProbabilityEvent} as the probabilities JSON of docs/DESIGN.md, classes in the
 * record's order:
 *
 * <pre>{@code
 * {"key":"sensor-7","ts":1732752000000,
 *  "probabilities":{"cat":0.6896720861245036,"dog":0.25371618163502524,"bird":0.05661173224047129},
 *  "top":"cat","topProbability":0.6896720861245036,"entropy":0.7667845440888864,"margin":0.43595590448947835}
 * }</pre>
 *
 * Optional parts appear only when the operator produced them: {@code logProbabilities} (an
 * object like {@code probabilities}), {@code topK} (an array of {@code {"class":…,
 * "probability":…}}, most probable first), {@code entropy} and {@code margin} (left out when
 * switched off), {@code windowStart}, {@code windowEnd}, {@code count} (window results). A
 * log-probability of -inf is written as the string {@code "-Infinity"} (JSON has no infinity).
 */
@PublicEvolving
public final class ProbabilityEventSerializer extends JsonRecordWriter<ProbabilityEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    void write(JsonGenerator g, ProbabilityEvent e) throws IOException {
        startRecord(g, e.key, e.ts);
        writeClassMap(g, "probabilities", e.classes, e.probabilities);
        if (e.logProbabilities != null) {
            writeClassMap(g, "logProbabilities", e.classes, e.logProbabilities);
        }
        g.writeStringField("top", e.top);
        g.writeNumberField("topProbability", e.topProbability);
        if (e.topK != null) {
            g.writeArrayFieldStart("topK");
            for (int i = 0; i < e.topK.length; i++) {
                g.writeStartObject();
                g.writeStringField("class", e.topK[i]);
                g.writeNumberField("probability", e.topKProbabilities[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!Double.isNaN(e.entropy)) {
            g.writeNumberField("entropy", e.entropy);
        }
        if (!Double.isNaN(e.margin)) {
            g.writeNumberField("margin", e.margin);
        }
        if (e.windowStart != null) {
            g.writeNumberField("windowStart", e.windowStart);
            g.writeNumberField("windowEnd", e.windowEnd);
            g.writeNumberField("count", e.count);
        }
        g.writeEndObject();
    }

    private static void writeClassMap(JsonGenerator g, String name, String[] classes, double[] values)
            throws IOException {
        g.writeObjectFieldStart(name);
        for (int i = 0; i < classes.length; i++) {
            g.writeNumberField(classes[i], values[i]);
        }
        g.writeEndObject();
    }
}
