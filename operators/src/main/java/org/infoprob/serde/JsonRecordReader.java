package org.infoprob.serde;

import org.apache.flink.annotation.Internal;
import org.infoprob.internal.Json;
import org.infoprob.model.Reason;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * The common part of every JSON decoder: size and UTF-8 checks, one top-level object, the
 * {@code key} and {@code ts} fields with their Kafka defaults, and typed field readers that
 * turn Jackson's errors into reason codes. Unknown fields are skipped, so producers may add
 * fields (an {@code id}, a trace header) without breaking the jobs.
 */
@Internal
public abstract class JsonRecordReader<T> implements RecordDecoder<T>, Serializable {

    private static final long serialVersionUID = 1L;

    /** Default limit on one record's size: 1 MiB, the default max message size of Kafka. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    private final int maxRecordBytes;

    protected JsonRecordReader(int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("Max record bytes must be >= 1, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public final T decode(KafkaRecord record) throws DecodeException {
        byte[] value = record.value;
        if (value == null || value.length == 0) {
            throw new DecodeException(Reason.INVALID_JSON, "Record value must be a JSON object, was empty (null or 0 bytes)");
        }
        if (value.length > maxRecordBytes) {
            throw new DecodeException(
                    Reason.RECORD_TOO_LARGE,
                    "Record must be at most " + maxRecordBytes + " bytes, was " + value.length);
        }
        int bad = Utf8.firstInvalid(value);
        if (bad >= 0) {
            throw new DecodeException(
                    Reason.INVALID_UTF8,
                    "Record must be UTF-8, byte " + bad + " (0x" + Integer.toHexString(value[bad] & 0xFF) + ") is not");
        }
        try (JsonParser p = Json.FACTORY.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DecodeException(
                        Reason.NOT_AN_OBJECT, "Record must be a JSON object, was " + describe(p.currentToken()));
            }
            T event = readObject(p, record);
            if (p.nextToken() != null) {
                throw new DecodeException(Reason.INVALID_JSON, "Record must hold one JSON object, found more after it");
            }
            return event;
        } catch (StreamConstraintsException e) {
            throw new DecodeException(Reason.INVALID_JSON, "Record exceeds a JSON limit: " + e.getOriginalMessage());
        } catch (JsonParseException e) {
            throw new DecodeException(Reason.INVALID_JSON, "Record is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DecodeException(Reason.INVALID_JSON, "Record cannot be read as JSON: " + e.getMessage());
        }
    }

    /**
     * Reads the fields of the object whose START_OBJECT was just consumed, through its
     * END_OBJECT: {@code key} and {@code ts} here, every other field by {@link #readField}.
     */
    private T readObject(JsonParser p, KafkaRecord record) throws IOException, DecodeException {
        startRecord();
        String key = null;
        Long ts = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "key":
                    key = readString(p, field);
                    break;
                case "ts":
                    ts = readTimestamp(p, field);
                    break;
                default:
                    readField(field, p);
            }
        }
        return finishRecord(key(key, record), ts(ts, record), record);
    }

    /** Forgets the fields of the previous record. */
    protected abstract void startRecord();

    /**
     * Reads the value of {@code field}, the parser standing on it; unknown fields must be
     * skipped with {@code p.skipChildren()}.
     */
    protected abstract void readField(String field, JsonParser p) throws IOException, DecodeException;

    /**
     * Checks the fields read and builds the event.
     *
     * @param key the record's {@code key}, or the Kafka key; may be null
     * @param ts the record's {@code ts}, or the Kafka timestamp; null when neither has one
     */
    protected abstract T finishRecord(String key, Long ts, KafkaRecord record) throws DecodeException;

    /** The {@code key} value: a JSON string, or the Kafka key (UTF-8) when the field is absent or null. */
    private static String key(String jsonKey, KafkaRecord record) {
        if (jsonKey != null) {
            return jsonKey;
        }
        return record.key == null ? null : new String(record.key, StandardCharsets.UTF_8);
    }

    /** The {@code ts} value, or the Kafka timestamp (null when negative, i.e. absent). */
    private static Long ts(Long jsonTs, KafkaRecord record) {
        if (jsonTs != null) {
            return jsonTs;
        }
        return record.timestamp >= 0 ? record.timestamp : null;
    }

    /** The {@code ts} required by event-time consumers: MISSING_TIMESTAMP when there is none. */
    protected static long requireTimestamp(Long ts) throws DecodeException {
        if (ts == null) {
            throw new DecodeException(
                    Reason.MISSING_TIMESTAMP, "Field 'ts' is required when the Kafka record has no timestamp");
        }
        return ts;
    }

    /** Reads the current value as a string or null; numbers and others are WRONG_TYPE. */
    protected static String readString(JsonParser p, String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(field, "a string", t);
        }
        return p.getText();
    }

    /** Reads the current value as an integral number of epoch milliseconds, or null. */
    protected static Long readTimestamp(JsonParser p, String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw wrongType(field, "an integer (epoch milliseconds)", t);
        }
        return p.getLongValue();
    }

    /** Reads the current value as a number; NaN and +-Infinity literals are passed through. */
    protected static double readNumber(JsonParser p, String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(field, "a number", t);
        }
        return p.getDoubleValue();
    }

    protected static DecodeException wrongType(String field, String expected, JsonToken actual) {
        return new DecodeException(Reason.WRONG_TYPE, "Field '" + field + "' must be " + expected + ", was " + describe(actual));
    }

    protected static DecodeException missing(String field) {
        return new DecodeException(Reason.MISSING_FIELD, "Field '" + field + "' is required");
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        switch (t) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString() == null ? t.name() : t.asString();
        }
    }
}
