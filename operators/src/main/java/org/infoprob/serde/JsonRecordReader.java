package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.Json;
import org.infoprob.internal.Utf8;
import org.infoprob.model.Reason;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;

/**
 * The common part of every JSON decoder: the checks of the raw bytes, one top-level object,
 * the {@code key} and {@code ts} fields with their Kafka defaults, and typed field readers that
 * turn Jackson's errors into reason codes. Unknown fields are skipped, so producers may add
 * fields (an {@code id}, a trace header) without breaking the jobs; their strings and names
 * are still checked for valid Unicode.
 *
 * <p>Every record, in this order:
 *
 * <ol>
 *   <li>a null value (a tombstone) is {@code TOMBSTONE}; 0 bytes are {@code INVALID_JSON};
 *       more than {@code maxRecordBytes} is {@code RECORD_TOO_LARGE};
 *   <li>bytes that are not UTF-8 are {@code INVALID_UTF8}, and so is UTF-16 or UTF-32 JSON
 *       (recognised by its NUL bytes: Jackson would otherwise detect and read it); any other raw
 *       NUL byte is {@code INVALID_JSON}. One leading UTF-8 byte order mark is skipped (RFC
 *       8259, section 8.1 allows a parser to ignore it); a second one is {@code INVALID_JSON};
 *   <li>the JSON must be one object and nothing after it ({@code INVALID_JSON}, {@code
 *       NOT_AN_OBJECT}; comments, single quotes, trailing commas: {@code INVALID_JSON}); a
 *       field twice in one object, at any depth, is {@code DUPLICATE_FIELD} (no "last one
 *       wins"; the decoder of named scores calls a repeated key of {@code scores} {@code
 *       DUPLICATE_CLASS}, as its validator does for any event); nesting deeper than 64 or a
 *       number longer than 400 characters is {@code JSON_LIMIT_EXCEEDED};
 *   <li>every string and field name must be valid Unicode: an unpaired surrogate (an escape
 *       such as <code>&#92;ud83e</code> without its pair) is {@code INVALID_UNICODE}. Control
 *       characters written as escapes (<code>&#92;u0000</code>) are valid Unicode and are kept:
 *       names are compared exactly, code unit by code unit, with no normalisation;
 *   <li>{@code key}: a string, or null or absent for the Kafka key; a Kafka key that is not
 *       UTF-8 is {@code INVALID_KEY} (decoding it would replace its bytes by U+FFFD and merge
 *       different keys), unless the {@code key} field gives the key;
 *   <li>{@code ts}: epoch milliseconds in [0, {@value #MAX_TIMESTAMP}] (9999-12-31T23:59:59.999Z)
 *       and at most {@code maxFutureSkew} (default 1 h) ahead of the clock, else {@code
 *       TIMESTAMP_OUT_OF_RANGE}; the same holds for the Kafka timestamp when it stands in for a
 *       missing {@code ts} (a negative Kafka timestamp means none). An integral value is
 *       accepted in any notation ({@code 1732752000000}, {@code 1.732752e12}, {@code -0} is 0);
 *       a fraction ({@code 1.5}), a string ({@code "1732752000000"}), {@code NaN} or {@code
 *       Infinity} is {@code WRONG_TYPE}; an integer beyond a long is {@code
 *       TIMESTAMP_OUT_OF_RANGE};
 *   <li>numbers: a literal too large for a double ({@code 1e999}) is {@code OUT_OF_RANGE} (it
 *       does not become infinite); one too small underflows to 0 as IEEE 754 rounds it; the
 *       literals {@code NaN}, {@code Infinity}, {@code -Infinity} are read as such and judged by
 *       the field's rules. A number written as a string ({@code "1.5"}) is {@code WRONG_TYPE}.
 * </ol>
 *
 * A decoder throws nothing but {@link DecodeException} for any input.
 *
 * <pre>{@code
 * RecordDecoder<ClassEvent> decoder = new ClassEventDecoder().setMaxFutureSkew(Duration.ofMinutes(5));
 * }</pre>
 *
 * @param <T> the event type
 */
@PublicEvolving
public abstract class JsonRecordReader<T> implements RecordDecoder<T>, Serializable {

    private static final long serialVersionUID = 1L;

    /** Default limit on one record's size: 1 MiB, the default max message size of Kafka. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    /** Default limit on how far an event time may be ahead of the clock: 1 h, as Kafka's brokers. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(1);

    /** The latest event time accepted: 9999-12-31T23:59:59.999Z. */
    public static final long MAX_TIMESTAMP = 253_402_300_799_999L;

    private final int maxRecordBytes;
    private long maxFutureSkewMillis = DEFAULT_MAX_FUTURE_SKEW.toMillis();
    private Clock clock = Clock.systemUTC();

    /** Most top-level fields after which the set of names is still reused. */
    private static final int REUSED_FIELD_NAMES = 64;

    /** The top-level field names of the current record, for DUPLICATE_FIELD; reused. */
    private transient HashSet<String> fieldNames;

    protected JsonRecordReader(int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("Max record bytes must be >= 1, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * How far ahead of the clock an event time may be (default 1 h, the default {@code
     * log.message.timestamp.after.max.ms} of Kafka brokers, which refuse records further ahead).
     *
     * @throws IllegalArgumentException if negative
     */
    public JsonRecordReader<T> setMaxFutureSkew(Duration skew) {
        if (skew == null || skew.isNegative()) {
            throw new IllegalArgumentException("Max future skew must be >= 0, was " + skew);
        }
        this.maxFutureSkewMillis = skew.compareTo(Duration.ofMillis(MAX_TIMESTAMP)) > 0 ? MAX_TIMESTAMP : skew.toMillis();
        return this;
    }

    /** The clock that event times are compared with (default {@link Clock#systemUTC()}); for tests. */
    public JsonRecordReader<T> setClock(Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("Clock must not be null");
        }
        this.clock = clock;
        return this;
    }

    @Override
    public final T decode(KafkaRecord record) throws DecodeException {
        byte[] value = checkBytes(record.value);
        try (JsonParser p = Json.FACTORY.createParser(value)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new DecodeException(Reason.INVALID_JSON, "Record value must be a JSON object, was only whitespace");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new DecodeException(Reason.NOT_AN_OBJECT, "Record must be a JSON object, was " + JsonFields.describe(first));
            }
            T event = readObject(p, record);
            if (p.nextToken() != null) {
                throw new DecodeException(Reason.INVALID_JSON, "Record must hold one JSON object, found more after it");
            }
            return event;
        } catch (IOException e) {
            DeadLetterCause cause = DeadLetterCause.ofJson(e);
            throw new DecodeException(cause.reason(), cause.message());
        }
    }

    /** The checks of the raw bytes (steps 1 and 2 of the class comment). */
    private byte[] checkBytes(byte[] value) throws DecodeException {
        if (value == null) {
            throw new DecodeException(
                    Reason.TOMBSTONE, "Record value is null (a tombstone); it deletes nothing and is not an event");
        }
        if (value.length == 0) {
            throw new DecodeException(Reason.INVALID_JSON, "Record value must be a JSON object, was empty (0 bytes)");
        }
        if (value.length > maxRecordBytes) {
            throw new DecodeException(
                    Reason.RECORD_TOO_LARGE, "Record must be at most " + maxRecordBytes + " bytes, was " + value.length);
        }
        int bad = Utf8.firstInvalid(value);
        if (bad >= 0) {
            String bom = bad == 0 && value.length >= 2 && (value[0] & 0xFE) == 0xFE && (value[1] & 0xFE) == 0xFE
                    ? " (a UTF-16 or UTF-32 byte order mark)" : "";
            throw new DecodeException(
                    Reason.INVALID_UTF8,
                    "Record must be UTF-8, byte " + bad + " (0x" + Integer.toHexString(value[bad] & 0xFF) + ") is not" + bom);
        }
        for (int i = 0; i < value.length; i++) {
            if (value[i] == 0) {
                if (i < 4 && value.length >= 2) {
                    throw new DecodeException(
                            Reason.INVALID_UTF8, "Record must be UTF-8 JSON, its NUL byte at " + i + " says UTF-16 or UTF-32");
                }
                throw new DecodeException(
                        Reason.INVALID_JSON, "Record must not hold a raw NUL byte (JSON writes it as \\u0000), found one at " + i);
            }
        }
        return value;
    }

    /**
     * Reads the fields of the object whose START_OBJECT was just consumed, through its
     * END_OBJECT: {@code key} and {@code ts} here, every other field by {@link #readField}.
     */
    private T readObject(JsonParser p, KafkaRecord record) throws IOException, DecodeException {
        startRecord();
        if (fieldNames == null || fieldNames.size() > REUSED_FIELD_NAMES) {
            // A fresh set after a record with many fields: clear() would sweep its grown table
            // for every record after it.
            fieldNames = new HashSet<>();
        } else {
            fieldNames.clear();
        }
        String key = null;
        Long ts = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonFields.checkUnicode(field, "A field name");
            if (!fieldNames.add(field)) {
                throw JsonFields.duplicate(field);
            }
            p.nextToken();
            switch (field) {
                case "key":
                    key = JsonFields.readString(p, field);
                    break;
                case "ts":
                    ts = JsonFields.readTimestamp(p, field);
                    break;
                default:
                    readField(field, p);
            }
        }
        long now = clock.millis();
        if (ts != null) {
            checkTimestamp(ts, "Field 'ts'", now);
        } else if (record.timestamp >= 0) {
            ts = checkTimestamp(record.timestamp, "Kafka timestamp", now);
        }
        return finishRecord(key != null ? key : kafkaKey(record.key), ts, record);
    }

    /** Forgets the fields of the previous record. */
    protected abstract void startRecord();

    /**
     * Reads the value of {@code field}, the parser standing on it, with the readers of {@link
     * JsonFields}; unknown fields must be skipped with {@link JsonFields#skip}.
     */
    protected abstract void readField(String field, JsonParser p) throws IOException, DecodeException;

    /**
     * Checks the fields read and builds the event.
     *
     * @param key the record's {@code key}, or the Kafka key; may be null
     * @param ts the record's {@code ts}, or the Kafka timestamp; null when neither has one
     */
    protected abstract T finishRecord(String key, Long ts, KafkaRecord record) throws DecodeException;

    /** The Kafka key as text; INVALID_KEY when it is not UTF-8. */
    private static String kafkaKey(byte[] key) throws DecodeException {
        if (key == null) {
            return null;
        }
        if (Utf8.firstInvalid(key) >= 0) {
            throw new DecodeException(
                    Reason.INVALID_KEY,
                    "Kafka key must be UTF-8 when the record has no 'key' field, was " + JsonFields.hex(key, 32) + " (" + key.length + " bytes)");
        }
        return new String(key, StandardCharsets.UTF_8);
    }

    private long checkTimestamp(long ts, String what, long now) throws DecodeException {
        if (ts < 0 || ts > MAX_TIMESTAMP) {
            throw JsonFields.outOfRange(what, Long.toString(ts));
        }
        long latest = now > MAX_TIMESTAMP - maxFutureSkewMillis ? MAX_TIMESTAMP : now + maxFutureSkewMillis;
        if (ts > latest) {
            throw new DecodeException(
                    Reason.TIMESTAMP_OUT_OF_RANGE,
                    what + " must be at most " + Duration.ofMillis(maxFutureSkewMillis) + " ahead of the clock ("
                            + Instant.ofEpochMilli(now) + "), so at most " + latest + ", was " + ts + " ("
                            + Instant.ofEpochMilli(ts) + ")");
        }
        return ts;
    }

    /** The {@code ts} required by event-time consumers: MISSING_TIMESTAMP when there is none. */
    protected static long requireTimestamp(Long ts) throws DecodeException {
        if (ts == null) {
            throw new DecodeException(
                    Reason.MISSING_TIMESTAMP, "Field 'ts' is required when the Kafka record has no timestamp");
        }
        return ts;
    }
}
