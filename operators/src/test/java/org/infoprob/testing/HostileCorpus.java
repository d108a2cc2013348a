package org.infoprob.testing;

import org.infoprob.model.Reason;
import org.infoprob.serde.BinaryScoreEventDecoder;
import org.infoprob.serde.ClassEventDecoder;
import org.infoprob.serde.JsonRecordReader;
import org.infoprob.serde.LabelEventDecoder;
import org.infoprob.serde.ScoreEventDecoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hostile Kafka records, one per kind, each with the outcome the decoders must give with their
 * default settings: a {@link Reason}, or accepted. The one corpus for the unit test through
 * {@code DecodeFunction} ({@code HostileCorpusTest}) and for the jobs' tests through a real
 * broker.
 *
 * <pre>{@code
 * for (HostileCorpus.Entry e : HostileCorpus.entries(System.currentTimeMillis())) {
 *     producer.send(e.format().topic(), e.key(), e.value(), e.kafkaTimestamp());  // e.expected()
 * }
 * }</pre>
 *
 * Entries depend on the wall clock only through {@code now} (the "just inside / outside the
 * skew" ones); unit tests pass {@link #NOW} and decoders on a {@link #clock fixed clock}. A few
 * entries cannot pass a broker with default settings: {@link Entry#fitsDefaultBroker()} says
 * which (records over Kafka's default 1 MiB, Kafka timestamps the broker refuses).
 */
public final class HostileCorpus {

    /** The event time of the valid records: 2024-11-28T00:00:00Z. */
    public static final long T = 1_732_752_000_000L;

    /** The wall clock of the unit tests: one day after {@link #T}. */
    public static final long NOW = T + 86_400_000L;

    /** Which decoder an entry is for. */
    public enum Format {
        CLASS_EVENTS("classes"),
        SCORES("scores"),
        BINARY_SCORES("binary-scores"),
        LABELS("labels");

        private final String topic;

        Format(String topic) {
            this.topic = topic;
        }

        /** The default input topic of the jobs for this format. */
        public String topic() {
            return topic;
        }

        /** The decoder with default settings (1 MiB, 10000 classes, 1 h skew) on {@code clock}. */
        public JsonRecordReader<?> decoder(Clock clock) {
            switch (this) {
                case SCORES:
                    return new ScoreEventDecoder().setClock(clock);
                case BINARY_SCORES:
                    return new BinaryScoreEventDecoder().setClock(clock);
                case LABELS:
                    return new LabelEventDecoder().setClock(clock);
                default:
                    return new ClassEventDecoder().setClock(clock);
            }
        }
    }

    /**
     * One hostile record.
     *
     * @param name the kind, unique in the corpus
     * @param key Kafka key bytes, null for none
     * @param value Kafka value bytes, null for a tombstone
     * @param kafkaTimestamp the Kafka record timestamp (-1: none)
     * @param expected the reason of its dead letter, or null when the record must be accepted
     */
    public record Entry(String name, Format format, byte[] key, byte[] value, long kafkaTimestamp, Reason expected) {

        public boolean accepted() {
            return expected == null;
        }

        /** False for records a broker with default settings refuses (size, future timestamp). */
        public boolean fitsDefaultBroker() {
            return (value == null || value.length < 1_000_000) && kafkaTimestamp <= System.currentTimeMillis();
        }

        @Override
        public String toString() {
            return name + " -> " + (expected == null ? "accepted" : expected);
        }
    }

    private HostileCorpus() {}

    /** A clock standing still at {@code millis}. */
    public static Clock clock(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    /** Every entry, for a wall clock at {@code now}. */
    public static List<Entry> entries(long now) {
        List<Entry> c = new ArrayList<>();
        Format cls = Format.CLASS_EVENTS;
        byte[] user = utf8("user-1");
        // Valid records, and valid corner cases that must stay accepted.
        c.add(entry("valid class event", cls, user, "{'key':'user-1','ts':" + T + ",'class':'login'}", null));
        c.add(entry("escaped surrogate pair", cls, user, "{'class':'\\ud83d\\ude00'}", null));
        c.add(entry("escaped NUL in a class name", cls, user, "{'class':'a\\u0000b'}", null));
        c.add(entry("control character in the key", cls, user, "{'key':'k\\u0001','class':'a'}", null));
        c.add(entry("UTF-8 byte order mark", cls, user, "\uFEFF{'class':'a'}", null));
        c.add(entry("ts in exponent notation", cls, user, "{'ts':1.732752e12,'class':'a'}", null));
        c.add(entry("ts negative zero", cls, user, "{'ts':-0,'class':'a'}", null));
        c.add(entry("ts at the skew limit", cls, user, "{'ts':" + (now + 3_600_000L) + ",'class':'a'}", null));
        c.add(entry("weight negative zero", cls, user, "{'class':'a','weight':-0.0}", null));
        c.add(entry("weight underflows to zero", cls, user, "{'class':'a','weight':1e-999}", null));
        c.add(entry("empty Kafka key", cls, new byte[0], "{'class':'a'}", null));
        c.add(entry("non-UTF-8 Kafka key overridden by the key field", cls, bytes(0xFF), "{'key':'u','class':'a'}", null));
        c.add(entry("fifty thousand unknown fields", cls, user, "{'class':'a'" + fields(50_000) + "}", null));
        c.add(entry("half-megabyte class name", cls, user, "{'class':'" + "x".repeat(500_000) + "'}", null));
        c.add(entry("nesting of depth 60 in an unknown field", cls, user, "{'class':'a','x':" + "[".repeat(60) + "]".repeat(60) + "}", null));
        // Issue #12 as reported.
        c.add(entry("duplicate field, last one would win", cls, user,
                "{'key':'user-1','ts':" + T + ",'class':'login','class':'login_failed'}", Reason.DUPLICATE_FIELD));
        c.add(entry("future event time (2100)", cls, user, "{'ts':4102444800000,'class':'a'}", Reason.TIMESTAMP_OUT_OF_RANGE));
        c.add(entry("Long.MIN_VALUE event time", cls, user, "{'ts':-9223372036854775808,'class':'a'}", Reason.TIMESTAMP_OUT_OF_RANGE));
        c.add(entry("Kafka key 0xFF without a key field", cls, bytes(0xFF), "{'class':'a'}", Reason.INVALID_KEY));
        c.add(entry("Kafka key 0xFE without a key field", cls, bytes(0xFE), "{'class':'a'}", Reason.INVALID_KEY));
        c.add(entry("lone high surrogate as class", cls, user, "{'class':'\\ud83e'}", Reason.INVALID_UNICODE));
        c.add(new Entry("tombstone", cls, user, null, T, Reason.TOMBSTONE));
        c.add(entry("multi-megabyte record", cls, user, "{'class':'a','pad':'" + "x".repeat(2_300_000) + "'}", Reason.RECORD_TOO_LARGE));
        // Unicode.
        c.add(entry("lone low surrogate in the key field", cls, user, "{'key':'\\udc00','class':'a'}", Reason.INVALID_UNICODE));
        c.add(entry("reversed surrogate pair", cls, user, "{'class':'\\ude00\\ud83d'}", Reason.INVALID_UNICODE));
        c.add(entry("lone surrogate in an unknown field name", cls, user, "{'class':'a','\\ud800':1}", Reason.INVALID_UNICODE));
        c.add(entry("lone surrogate deep in an unknown field", cls, user, "{'class':'a','x':[{'y':['\\udfff']}]}", Reason.INVALID_UNICODE));
        c.add(raw("invalid UTF-8 byte", cls, user, new byte[] {'{', (byte) 0xC3, '}'}, Reason.INVALID_UTF8));
        c.add(raw("overlong UTF-8", cls, user, concat(utf8("{\"class\":\""), bytes(0xC0, 0xAF), utf8("\"}")), Reason.INVALID_UTF8));
        c.add(raw("CESU-8 surrogate bytes", cls, user, concat(utf8("{\"class\":\""), bytes(0xED, 0xA0, 0xBD), utf8("\"}")), Reason.INVALID_UTF8));
        c.add(raw("UTF-16BE without byte order mark", cls, user, encoded("{\"class\":\"a\"}", StandardCharsets.UTF_16BE), Reason.INVALID_UTF8));
        c.add(raw("UTF-16LE with byte order mark", cls, user, concat(bytes(0xFF, 0xFE), encoded("{\"class\":\"a\"}", StandardCharsets.UTF_16LE)), Reason.INVALID_UTF8));
        c.add(raw("UTF-32BE", cls, user, encoded("{\"class\":\"a\"}", Charset.forName("UTF-32BE")), Reason.INVALID_UTF8));
        c.add(raw("raw NUL byte between fields", cls, user, concat(utf8("{\"class\":\"a\","), bytes(0), utf8("\"x\":1}")), Reason.INVALID_JSON));
        c.add(raw("raw NUL byte in a string", cls, user, concat(utf8("{\"class\":\"a"), bytes(0), utf8("\"}")), Reason.INVALID_JSON));
        // JSON shape.
        c.add(raw("empty value (0 bytes)", cls, user, new byte[0], Reason.INVALID_JSON));
        c.add(entry("only whitespace", cls, user, " \n\t ", Reason.INVALID_JSON));
        c.add(entry("two byte order marks", cls, user, "\uFEFF\uFEFF{'class':'a'}", Reason.INVALID_JSON));
        c.add(entry("cut short", cls, user, "{'class':'log", Reason.INVALID_JSON));
        c.add(entry("comment", cls, user, "{/* who */'class':'a'}", Reason.INVALID_JSON));
        c.add(entry("trailing garbage", cls, user, "{'class':'a'}x", Reason.INVALID_JSON));
        c.add(entry("two root objects", cls, user, "{'class':'a'}{'class':'b'}", Reason.INVALID_JSON));
        c.add(raw("single quotes", cls, user, utf8("{'class':'a'}"), Reason.INVALID_JSON));
        c.add(entry("trailing comma", cls, user, "{'class':'a',}", Reason.INVALID_JSON));
        c.add(entry("array root", cls, user, "[{'class':'a'}]", Reason.NOT_AN_OBJECT));
        c.add(entry("string root", cls, user, "'login'", Reason.NOT_AN_OBJECT));
        c.add(entry("empty object", cls, user, "{}", Reason.MISSING_FIELD));
        c.add(entry("duplicate field in a nested object", cls, user, "{'class':'a','meta':{'x':1,'x':2}}", Reason.DUPLICATE_FIELD));
        c.add(entry("duplicate ts", cls, user, "{'class':'a','ts':1,'ts':2}", Reason.DUPLICATE_FIELD));
        c.add(entry("nesting of depth 10000", cls, user, "{'class':'a','x':" + "[".repeat(10_000) + "]".repeat(10_000) + "}", Reason.JSON_LIMIT_EXCEEDED));
        c.add(entry("number of 1000 digits", cls, user, "{'class':'a','x':" + "9".repeat(1000) + "}", Reason.JSON_LIMIT_EXCEEDED));
        // Event time.
        c.add(entry("ts just beyond the skew", cls, user, "{'ts':" + (now + 3_600_001L) + ",'class':'a'}", Reason.TIMESTAMP_OUT_OF_RANGE));
        c.add(entry("ts -1", cls, user, "{'ts':-1,'class':'a'}", Reason.TIMESTAMP_OUT_OF_RANGE));
        c.add(entry("ts in the year 10000", cls, user, "{'ts':253402300800000,'class':'a'}", Reason.TIMESTAMP_OUT_OF_RANGE));
        c.add(entry("ts beyond a long", cls, user, "{'ts':99999999999999999999,'class':'a'}", Reason.TIMESTAMP_OUT_OF_RANGE));
        c.add(entry("ts 1e999999999", cls, user, "{'ts':1e999999999,'class':'a'}", Reason.TIMESTAMP_OUT_OF_RANGE));
        c.add(entry("ts exponent beyond an int", cls, user, "{'ts':1e9223372036854775807,'class':'a'}", Reason.TIMESTAMP_OUT_OF_RANGE));
        c.add(entry("ts with a fraction", cls, user, "{'ts':1732752000000.5,'class':'a'}", Reason.WRONG_TYPE));
        c.add(entry("ts as a string", cls, user, "{'ts':'1732752000000','class':'a'}", Reason.WRONG_TYPE));
        c.add(entry("ts NaN", cls, user, "{'ts':NaN,'class':'a'}", Reason.WRONG_TYPE));
        c.add(new Entry("future Kafka timestamp without ts", cls, user, json("{'class':'a'}"), now + 86_400_000L, Reason.TIMESTAMP_OUT_OF_RANGE));
        // Fields of class events.
        c.add(entry("class as a number", cls, user, "{'class':7}", Reason.WRONG_TYPE));
        c.add(entry("class null", cls, user, "{'class':null}", Reason.MISSING_FIELD));
        c.add(entry("class empty", cls, user, "{'class':''}", Reason.EMPTY_CLASS_NAME));
        c.add(entry("key as a number", cls, user, "{'key':1,'class':'a'}", Reason.WRONG_TYPE));
        c.add(entry("weight 1e999", cls, user, "{'class':'a','weight':1e999}", Reason.OUT_OF_RANGE));
        c.add(entry("weight as a string", cls, user, "{'class':'a','weight':'1.5'}", Reason.WRONG_TYPE));
        c.add(entry("weight NaN", cls, user, "{'class':'a','weight':NaN}", Reason.INVALID_WEIGHT));
        c.add(entry("weight 1e200", cls, user, "{'class':'a','weight':1e200}", Reason.INVALID_WEIGHT));
        // Named scores.
        Format sc = Format.SCORES;
        c.add(entry("valid scores", sc, user, "{'ts':" + T + ",'scores':{'cat':2.0,'dog':1.0}}", null));
        c.add(entry("scores with Infinity literal", sc, user, "{'ts':" + T + ",'scores':{'cat':Infinity,'dog':1}}", null));
        c.add(entry("duplicate class in scores", sc, user, "{'ts':" + T + ",'scores':{'cat':1,'cat':2}}", Reason.DUPLICATE_CLASS));
        c.add(entry("score 1e999", sc, user, "{'ts':" + T + ",'scores':{'cat':1e999,'dog':1}}", Reason.OUT_OF_RANGE));
        c.add(entry("score as a string", sc, user, "{'ts':" + T + ",'scores':{'cat':'1.5'}}", Reason.WRONG_TYPE));
        c.add(entry("score NaN", sc, user, "{'ts':" + T + ",'scores':{'cat':NaN}}", Reason.NON_FINITE_SCORE));
        c.add(entry("lone surrogate as class in scores", sc, user, "{'ts':" + T + ",'scores':{'\\ud83e':1}}", Reason.INVALID_UNICODE));
        c.add(entry("ten thousand and one classes", sc, user, "{'ts':" + T + ",'scores':{" + classes(10_001) + "}}", Reason.TOO_MANY_CLASSES));
        c.add(entry("Long.MIN_VALUE ts for a window", sc, user, "{'ts':-9223372036854775808,'scores':{'cat':1}}", Reason.TIMESTAMP_OUT_OF_RANGE));
        // Binary scores.
        Format bin = Format.BINARY_SCORES;
        c.add(entry("valid binary score", bin, user, "{'ts':" + T + ",'score':1.3}", null));
        c.add(entry("binary score 1e999", bin, user, "{'ts':" + T + ",'score':-1e999}", Reason.OUT_OF_RANGE));
        c.add(entry("binary score as a string", bin, user, "{'ts':" + T + ",'score':'1.3'}", Reason.WRONG_TYPE));
        c.add(entry("duplicate binary score", bin, user, "{'ts':" + T + ",'score':1,'score':2}", Reason.DUPLICATE_FIELD));
        c.add(entry("scores with a numeric id", sc, user, "{'ts':" + T + ",'id':42,'scores':{'cat':1}}", null));
        c.add(entry("scores with an empty id", sc, user, "{'ts':" + T + ",'id':'','scores':{'cat':1}}", Reason.WRONG_TYPE));
        c.add(entry("binary score with a fractional id", bin, user, "{'ts':" + T + ",'id':4.2,'score':1}", Reason.WRONG_TYPE));
        // Labels.
        Format lab = Format.LABELS;
        c.add(entry("valid class label", lab, user, "{'id':'e-42','ts':" + T + ",'label':'cat'}", null));
        c.add(entry("valid binary label", lab, user, "{'id':'e-43','ts':" + T + ",'label':false}", null));
        c.add(entry("binary label as 1.0", lab, user, "{'id':7,'label':1.0}", null));
        c.add(entry("label without id", lab, user, "{'ts':" + T + ",'label':'cat'}", Reason.MISSING_FIELD));
        c.add(entry("label null", lab, user, "{'id':'e','label':null}", Reason.MISSING_FIELD));
        c.add(entry("label id as an array", lab, user, "{'id':['e'],'label':'cat'}", Reason.WRONG_TYPE));
        c.add(entry("label as an object", lab, user, "{'id':'e','label':{'class':'cat'}}", Reason.WRONG_TYPE));
        c.add(entry("label 2", lab, user, "{'id':'e','label':2}", Reason.OUT_OF_RANGE));
        c.add(entry("label NaN", lab, user, "{'id':'e','label':NaN}", Reason.OUT_OF_RANGE));
        c.add(entry("label empty", lab, user, "{'id':'e','label':''}", Reason.EMPTY_CLASS_NAME));
        c.add(entry("label twice", lab, user, "{'id':'e','label':'cat','label':'dog'}", Reason.DUPLICATE_FIELD));
        c.add(entry("lone surrogate in a label id", lab, user, "{'id':'\\udc00','label':'cat'}", Reason.INVALID_UNICODE));
        c.add(new Entry("label without any time", lab, user, json("{'id':'e','label':'cat'}"), -1, Reason.MISSING_TIMESTAMP));
        requireUniqueNames(c);
        return c;
    }

    /** {@code json} with ' for ", as UTF-8, Kafka timestamp {@link #T}. */
    private static Entry entry(String name, Format f, byte[] key, String json, Reason expected) {
        return new Entry(name, f, key, json(json), T, expected);
    }

    private static Entry raw(String name, Format f, byte[] key, byte[] value, Reason expected) {
        return new Entry(name, f, key, value, T, expected);
    }

    private static byte[] json(String singleQuoted) {
        return utf8(singleQuoted.replace('\'', '"'));
    }

    private static String fields(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(",'f").append(i).append("':").append(i);
        }
        return b.toString();
    }

    private static String classes(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("'c").append(i).append("':0");
        }
        return b.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encoded(String s, Charset charset) {
        return s.getBytes(charset);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void requireUniqueNames(List<Entry> entries) {
        Set<String> names = new HashSet<>();
        for (Entry e : entries) {
            if (!names.add(e.name())) {
                throw new IllegalStateException("Corpus names must be unique, was " + e.name() + " twice: " + Arrays.toString(names.toArray()));
            }
        }
    }
}
