package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.internal.DeadLetters;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes a rejected record as the dead-letter JSON of docs/DESIGN.md:
 *
 * <pre>{@code
 * {"reason":"NON_FINITE_SCORE","error":"Scores must not be NaN, was NaN at index 1",
 *  "rejectedBy":"softmax","key":"sensor-7","ts":1732752000000,
 *  "topic":"scores","partition":0,"offset":42,
 *  "originalSize":38,"payloadSha256":"9f2c…","payloadTruncated":false,"payload":"{\"key\":\"sensor-7\",...}"}
 * }</pre>
 *
 * Absent fields (no key, not from Kafka, no payload) are left out rather than written as null.
 * A key or payload that was not valid UTF-8 is written base64-encoded as {@code "keyBase64"} or
 * {@code "payloadBase64"}, so the original bytes survive exactly; {@code "keyTruncated":true}
 * appears when the key was cut.
 *
 * <p>Size: every dead letter is first cut to the {@link DeadLetterLimits} of this serializer
 * (whoever built it), so its JSON is never longer than {@link #maxSerializedBytes}: a Kafka
 * producer whose {@code max.request.size} exceeds that bound (plus the record overhead) never
 * refuses a dead letter.
 *
 * <pre>{@code
 * DeadLetterSerializer json = new DeadLetterSerializer(DeadLetterLimits.DEFAULT);
 * int bound = DeadLetterSerializer.maxSerializedBytes(DeadLetterLimits.DEFAULT);  // 411925 bytes (402 KiB)
 * }</pre>
 */
@PublicEvolving
public final class DeadLetterSerializer extends JsonRecordWriter<DeadLetter> {

    private static final long serialVersionUID = 1L;

    /**
     * Most bytes one character of a string can take in the JSON: a control character is
     * written as <code>&#92;u001f</code> (6 bytes); any other takes at most 3 bytes per UTF-16 unit
     * (4 per surrogate pair, or two 6-byte escapes), never more than 6 per byte of its UTF-8.
     */
    private static final int MAX_BYTES_PER_TEXT_BYTE = 6;

    /** Longest decimal long ({@code -9223372036854775808}) and int. */
    private static final int LONG_DIGITS = 20;

    private static final int INT_DIGITS = 11;

    private final DeadLetterLimits limits;

    /** With the {@link DeadLetterLimits#DEFAULT default limits}. */
    public DeadLetterSerializer() {
        this(DeadLetterLimits.DEFAULT);
    }

    public DeadLetterSerializer(DeadLetterLimits limits) {
        if (limits == null) {
            throw new IllegalArgumentException("Dead letter limits must not be null");
        }
        this.limits = limits;
    }

    /** The largest JSON this serializer writes: {@link #maxSerializedBytes(DeadLetterLimits)}. */
    public int maxSerializedBytes() {
        return maxSerializedBytes(limits);
    }

    /**
     * The largest JSON, in bytes, that a dead letter cut to {@code limits} can take: every field
     * present at once, every string at its cap and every character of it at its widest
     * encoding (6 bytes: a control character's <code>&#92;u00XX</code>; base64 takes 4/3 bytes per byte).
     * A bound, not an estimate: real dead letters are far smaller.
     *
     * <pre>
     *   bound = 6 * (maxErrorBytes + maxKeyBytes + maxPayloadBytes + 4 * MAX_NAME_BYTES)
     *           + field names, quotes, separators, and 3 numbers of 20 and 2 of 11 digits
     * </pre>
     */
    public static int maxSerializedBytes(DeadLetterLimits limits) {
        long text = (long) limits.maxErrorBytes()
                + limits.maxKeyBytes()
                + limits.maxPayloadBytes()
                + 4L * DeadLetterLimits.MAX_NAME_BYTES;
        // {"reason":"","error":"","rejectedBy":"","keyBase64":"","keyTruncated":false,"ts":,
        // "topic":"","partition":,"offset":,"originalSize":,"payloadSha256":"",
        // "payloadTruncated":false,"payloadBase64":""}
        String skeleton =
                "{'reason':'','error':'','rejectedBy':'','keyBase64':'','keyTruncated':false,'ts':,"
                        + "'topic':'','partition':,'offset':,'originalSize':,'payloadSha256':'',"
                        + "'payloadTruncated':false,'payloadBase64':''}";
        long bound = skeleton.length() + 3L * LONG_DIGITS + 2L * INT_DIGITS + MAX_BYTES_PER_TEXT_BYTE * text;
        return (int) Math.min(Integer.MAX_VALUE, bound);
    }

    @Override
    void write(JsonGenerator g, DeadLetter letter) throws IOException {
        DeadLetter e = DeadLetters.capped(letter, limits);
        g.writeStartObject();
        writeIfPresent(g, "reason", e.reason);
        writeIfPresent(g, "error", e.error);
        writeIfPresent(g, "rejectedBy", e.rejectedBy);
        if (e.key != null) {
            g.writeStringField(e.keyBase64 ? "keyBase64" : "key", e.key);
            if (e.keyTruncated) {
                g.writeBooleanField("keyTruncated", true);
            }
        }
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
        if (e.originalSize != null) {
            g.writeNumberField("originalSize", e.originalSize);
        }
        writeIfPresent(g, "payloadSha256", e.payloadSha256);
        if (e.payload != null) {
            g.writeBooleanField("payloadTruncated", e.payloadTruncated);
            g.writeStringField(e.payloadBase64 ? "payloadBase64" : "payload", e.payload);
        }
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
