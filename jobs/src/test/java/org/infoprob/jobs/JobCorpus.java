package org.infoprob.jobs;

import org.infoprob.model.Reason;
import org.infoprob.testing.HostileCorpus;
import org.infoprob.testing.HostileCorpus.Format;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.json.JsonReadFeature;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The input of one job in {@link HostileJobsITCase}: the decode side's {@link HostileCorpus}
 * for the job's format, plus job-level kinds, each record with what it must become.
 *
 * <p>From the corpus: every entry of the job's format, and the entries of the other formats
 * whose reason is decided before any field of the format is read (raw bytes, JSON shape,
 * Unicode, duplicates, limits, key, event time), so every job sees every such kind. Left out:
 * "ts just beyond the skew", which is exact to the millisecond against a fixed clock; a job on
 * the wall clock gets "ts ten minutes beyond the skew" instead.
 *
 * <p>Job-level kinds: records at and one byte over {@code --max-record-bytes}, an event time in
 * 1970 (accepted: the output's Kafka timestamp is its write time, which a topic refusing
 * timestamps older than an hour accepts), valid records of several keys, and per format one
 * record whose result is too large for the producer (ten thousand long class names; a
 * 200,000-character key; the corpus's half-megabyte class name, moved to its own key).
 */
final class JobCorpus {

    /** The reasons a decoder gives before it reads any field of its own format. */
    private static final Set<Reason> FORMAT_FREE = EnumSet.of(
            Reason.TOMBSTONE, Reason.RECORD_TOO_LARGE, Reason.INVALID_UTF8, Reason.INVALID_JSON, Reason.NOT_AN_OBJECT,
            Reason.DUPLICATE_FIELD, Reason.INVALID_UNICODE, Reason.JSON_LIMIT_EXCEEDED, Reason.TIMESTAMP_OUT_OF_RANGE,
            Reason.INVALID_KEY);

    /** Entries of other reasons that are as free of the format: the shared fields ts and key, and {}. */
    private static final Set<String> FORMAT_FREE_NAMES =
            Set.of("ts with a fraction", "ts as a string", "ts NaN", "key as a number", "empty object");

    /**
     * Entries whose reason is found only after the object was read as an event of its format
     * (what follows the object): in another format the missing field comes first.
     */
    private static final Set<String> AFTER_THE_OBJECT = Set.of("trailing garbage", "two root objects");

    static final int MAX_RECORD_BYTES = 1 << 20;

    /** Jackson, reading the literals NaN and Infinity as the decoders do. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * One record to produce.
     *
     * @param name the kind
     * @param phase 1, or 2 for records sent after the job has processed phase 1 (late events)
     * @param deadLetter the reason of its dead letter with its origin, or null when it is accepted
     * @param atDecode whether that dead letter comes from the decoder (else from a later operator)
     * @param resultTooLarge whether its result (or its window's) becomes a RECORD_TOO_LARGE dead letter
     */
    record Input(String name, byte[] key, byte[] value, long kafkaTs, int phase, Reason deadLetter, boolean atDecode,
            boolean resultTooLarge) {

        boolean accepted() {
            return deadLetter == null;
        }

        /** The event's key: the {@code key} field, else the Kafka key as UTF-8. */
        String eventKey() {
            JsonNode key = json().get("key");
            return key != null && !key.isNull() ? key.asText() : new String(this.key, StandardCharsets.UTF_8);
        }

        /** The event time: the {@code ts} field, else the Kafka timestamp. */
        long eventTime() {
            JsonNode ts = json().get("ts");
            return ts != null ? ts.asLong() : kafkaTs;
        }

        /** The value as a JSON tree (Jackson skips a byte order mark). */
        private JsonNode json() {
            try {
                return JSON.readTree(value);
            } catch (IOException e) {
                throw new IllegalStateException("An accepted record must be JSON: " + name, e);
            }
        }

        Input withKey(String key) {
            return new Input(name, utf8(key), value, kafkaTs, phase, deadLetter, atDecode, resultTooLarge);
        }

        Input tooLarge() {
            return new Input(name, key, value, kafkaTs, phase, deadLetter, atDecode, true);
        }
    }

    private JobCorpus() {}

    /** The corpus entries for a job reading {@code format}, the wall clock at {@code now}. */
    static List<Input> fromCorpus(Format format, long now) {
        List<Input> inputs = new ArrayList<>();
        for (HostileCorpus.Entry e : HostileCorpus.entries(now)) {
            boolean own = e.format() == format;
            boolean free = !e.accepted()
                    && (FORMAT_FREE.contains(e.expected()) || FORMAT_FREE_NAMES.contains(e.name()))
                    && !AFTER_THE_OBJECT.contains(e.name());
            if ((own || free) && !e.name().equals("ts just beyond the skew")) {
                Input input = new Input(e.name(), e.key(), e.value(), e.kafkaTimestamp(), 1, e.expected(), true, false);
                // Its result (or window) is too large to write; alone under its own key, it
                // takes no other result with it.
                inputs.add(e.name().equals("half-megabyte class name") ? input.withKey("wide").tooLarge() : input);
            }
        }
        inputs.add(rejected("ts ten minutes beyond the skew", "user-1",
                "{'ts':" + (now + 4_200_000L) + "," + field(format, 0) + "}", Reason.TIMESTAMP_OUT_OF_RANGE));
        return inputs;
    }

    /** Job-level kinds every job gets: the size limit of a record, an event time in 1970, valid records of {@code keys}. */
    static List<Input> jobLevel(Format format, List<String> keys) {
        List<Input> inputs = new ArrayList<>();
        inputs.add(accepted("record of exactly --max-record-bytes", "edge", padded(format, MAX_RECORD_BYTES)));
        inputs.add(rejected("record one byte over --max-record-bytes", "edge", padded(format, MAX_RECORD_BYTES + 1),
                Reason.RECORD_TOO_LARGE));
        inputs.add(accepted("event time in 1970", "past", "{'key':'past','ts':1," + field(format, 1) + "}"));
        for (int i = 0; i < keys.size(); i++) {
            inputs.add(accepted("valid record of key " + keys.get(i), keys.get(i),
                    "{'key':'" + keys.get(i) + "','ts':" + (HostileCorpus.T + 1000L * i) + "," + field(format, i) + "}"));
        }
        return inputs;
    }

    /**
     * A score record the decoder accepts whose result is too large for the producer's limit
     * (256 KiB in the test); for class events the corpus has one, the half-megabyte class name.
     */
    static Input tooLargeResult(Format format, long ts) {
        if (format == Format.BINARY_SCORES) {
            String key = "k".repeat(200_000);
            return accepted("key of 200,000 characters", key, "{'key':'" + key + "','ts':" + ts + ",'score':1}").tooLarge();
        }
        StringBuilder scores = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            scores.append(i == 0 ? "" : ",").append("'class-with-a-long-name-number-").append(i).append("':0.5");
        }
        return accepted("ten thousand classes with long names", "wide",
                "{'key':'wide','ts':" + ts + ",'scores':{" + scores + "}}").tooLarge();
    }

    /** An accepted record, phase 1, Kafka timestamp {@link HostileCorpus#T}. */
    static Input accepted(String name, String key, String singleQuotedJson) {
        return new Input(name, utf8(key), json(singleQuotedJson), HostileCorpus.T, 1, null, true, false);
    }

    /** A record its decoder rejects, phase 1. */
    static Input rejected(String name, String key, String singleQuotedJson, Reason reason) {
        return new Input(name, utf8(key), json(singleQuotedJson), HostileCorpus.T, 1, reason, true, false);
    }

    /** A valid record sent in phase 2 that the window rejects as late. */
    static Input late(String name, String key, String singleQuotedJson) {
        return new Input(name, utf8(key), json(singleQuotedJson), HostileCorpus.T, 2, Reason.LATE_EVENT, false, false);
    }

    /** A valid record sent in phase 2, behind the watermark but within the allowed lateness. */
    static Input lateButAllowed(String name, String key, String singleQuotedJson) {
        return new Input(name, utf8(key), json(singleQuotedJson), HostileCorpus.T, 2, null, true, false);
    }

    /** The format's required field(s), a valid value that varies with {@code i}. */
    static String field(Format format, int i) {
        switch (format) {
            case SCORES:
                return "'scores':{'cat':" + i + ",'dog':1.5}";
            case BINARY_SCORES:
                return "'score':" + i;
            default:
                return "'class':'c" + i + "'";
        }
    }

    /** A valid record of exactly {@code size} bytes, padded with an unknown field. */
    private static String padded(Format format, int size) {
        String start = "{'key':'edge','ts':" + HostileCorpus.T + "," + field(format, 0) + ",'pad':'";
        return start + "x".repeat(size - start.length() - 2) + "'}";
    }

    private static byte[] json(String singleQuoted) {
        return utf8(singleQuoted.replace('\'', '"'));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
