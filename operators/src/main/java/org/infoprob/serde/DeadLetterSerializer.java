package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.model.DeadLetter;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes a rejected record as the dead-letter JSON of docs/DESIGN.md:
 *
 * <pre>{@code
 * {"reason":"NON_FINITE_SCORE","error":"Scores must not be NaN, was NaN at index 1",
 *  "rejectedBy":"softmax","key":"sensor-7","ts":1732752000000,
 *  "topic":"scores","partition":0,"offset":42,"payload":"{\"key\":\"sensor-7\",...}"}
 * }</pre>
 *
 * Absent fields (no key, not from Kafka) are left out rather than written as null. A payload
 * that was not valid UTF-8 is written base64-encoded as {@code "payloadBase64"}, so the original
 * bytes survive exactly.
 */
@PublicEvolving
public final class DeadLetterSerializer extends JsonRecordWriter<DeadLetter> {

    private static final long serialVersionUID = 1L;

    @Override
    void write(JsonGenerator g, DeadLetter e) throws IOException {
        g.writeStartObject();
        g.writeStringField("reason", e.reason);
        g.writeStringField("error", e.error);
        writeIfPresent(g, "rejectedBy", e.rejectedBy);
        writeIfPresent(g, "key", e.key);
        if (e.ts != null) {
            g.writeNumberField("ts", e.ts);
        }
        writeIfPresent(g, "topic", e.topic);
        if (e.partition != null) {
            g.writeNumberField("partition", e.partition);
        }
        if (e.offset != null) {
            g.writeNumberField("offset", e.offset);
        }
        writeIfPresent(g, e.payloadBase64 ? "payloadBase64" : "payload", e.payload);
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
