package org.infoprob.testing;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.infoprob.internal.Utf8;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.serde.DeadLetterSerializer;
import org.infoprob.serde.DecodeException;
import org.infoprob.serde.DecodeFunction;
import org.infoprob.serde.JsonRecordReader;
import org.infoprob.serde.KafkaRecord;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzzing shared by the decoders' fuzz tests: three properties, each over inputs built from
 * {@link Choices} (the fuzzer's, or pseudo-random ones from a fixed seed), and the one check
 * every record must pass.
 *
 * <ul>
 *   <li>{@link #checkValidEvent}: a valid event, written as JSON by {@link InputJson}, decodes to
 *       exactly that event;
 *   <li>{@link #checkArbitraryRecord}: any key and value bytes (or null), any of the
 *       {@link #KAFKA_TIMESTAMPS}, pass {@link #check};
 *   <li>{@link #checkMutatedEvent}: valid events mutated by field duplication, surrogate
 *       injection, number mutation, truncation, nesting, odd key bytes and timestamps, pass
 *       {@link #check}.
 * </ul>
 *
 * {@link #check}: the decoder throws nothing but {@link DecodeException}; {@link DecodeFunction}
 * never throws and emits exactly one event or one dead letter; every dead letter's JSON stays
 * within {@link DeadLetterSerializer#maxSerializedBytes}; every accepted event, written back in
 * the input form, decodes to the same event.
 *
 * <p>The decoders' {@code *FuzzTest} classes run the properties as Jazzer {@code @FuzzTest}
 * targets (on the committed seed corpus in {@code mvn verify}, coverage-guided with
 * {@code scripts/fuzz.sh}) and {@link #checkPseudoRandom} on fresh pseudo-random inputs.
 *
 * @param <T> the event type
 */
public final class DecoderFuzz<T> implements AutoCloseable {

    /** Small caps, so that truncation happens often and the bound is tested where it is tight. */
    public static final DeadLetterLimits SMALL = new DeadLetterLimits(64, 8, 48);

    private static final String[] NUMBERS = {
        "1e999", "-1e999", "1e-999", "-0", "-0.0", "1.5", "\"1.5\"", "NaN", "Infinity", "-Infinity",
        "99999999999999999999", "-9223372036854775808", "9223372036854775807", "4102444800000",
        "1.7e12", "1e999999999", "0x10", "01", "1.", ".5", "+1", "1e", "true", "null", "[]", "{}",
    };

    private static final String[] INSERTS = {
        "\\ud83e", "\\udc00", "\\ude00\\ud83d", "\\ud83d\\ude00", "\\u0000", "\\", "\"", ",", "}", "{", "[",
        "]", ":", "\uFEFF", "/*c*/", "\u0000", "'", "\\uZZZZ",
    };

    /**
     * The Kafka timestamps of arbitrary records: none, the epoch, the valid records' event time,
     * at and just past the skew limit, a day ahead, the extremes.
     */
    public static final long[] KAFKA_TIMESTAMPS = {
        -1, 0, HostileCorpus.T, HostileCorpus.NOW + 3_600_000L, HostileCorpus.NOW + 3_600_001L,
        HostileCorpus.NOW + 86_400_000L, Long.MIN_VALUE, Long.MAX_VALUE,
    };

    /** The longest key, and value, of a pseudo-random arbitrary record. */
    public static final int MAX_BYTES = 300;

    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";

    private static final String[] ODD_NAMES = {
        "\uD83D\uDE00", "a\u0000b", "\uFEFF", "\u2028", "\"\\", "login_failed", "caf\u00e9",
    };

    private final JsonRecordReader<T> decoder;
    private final Function<Choices, T> events;
    private final Function<T, byte[]> encode;
    private final OneInputStreamOperatorTestHarness<KafkaRecord, T> harness;
    private final DeadLetterSerializer small = new DeadLetterSerializer(SMALL);
    private final DeadLetterSerializer defaults = new DeadLetterSerializer();

    /**
     * @param decoder the decoder under test, on a fixed clock
     * @param events valid events, each with the origin of {@link #recordOf} (topic "fuzz",
     *     partition 0, offset 1)
     * @param encode the event in the input form
     */
    public DecoderFuzz(JsonRecordReader<T> decoder, Function<Choices, T> events, Function<T, byte[]> encode) throws Exception {
        this.decoder = decoder;
        this.events = events;
        this.encode = encode;
        this.harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new DecodeFunction<>(decoder, "fuzz", SMALL)));
        harness.open();
    }

    /** A valid event, written as JSON, decodes to exactly that event. */
    public void checkValidEvent(Choices c) throws Exception {
        T event = events.apply(c);
        assertThat(decoder.decode(recordOf(encode.apply(event)))).isEqualTo(event);
    }

    /** An arbitrary record passes {@link #check}. */
    public void checkArbitraryRecord(Choices c) throws Exception {
        check(arbitraryRecord(c));
    }

    /** A mutated valid event passes {@link #check}. */
    public void checkMutatedEvent(Choices c) throws Exception {
        check(mutatedEvent(c, events, encode));
    }

    /**
     * Runs each property on {@code inputs} pseudo-random inputs from {@code seed}; a failure names
     * the seed, the input and the fuzzer data that replays it in the {@code @FuzzTest} target of
     * that name (hex: save it with {@code xxd -r -p} in the target's inputs directory to keep it).
     */
    public void checkPseudoRandom(long seed, int inputs) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < inputs; i++) {
            checkOne(i, seed, "validEventsDecodeToWhatTheJsonSaid", Choices.recording(random.split()), this::checkValidEvent);
            checkOne(i, seed, "arbitraryRecordsNeverEscape", Choices.recording(random.split()), this::checkArbitraryRecord);
            checkOne(i, seed, "mutatedEventsNeverEscape", Choices.recording(random.split()), this::checkMutatedEvent);
        }
    }

    private interface Property {
        void check(Choices c) throws Exception;
    }

    private static void checkOne(int input, long seed, String target, Choices.Recording c, Property property) {
        try {
            property.check(c);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(String.format("%s failed on pseudo-random input %d of seed %d; as fuzzer data: %s",
                    target, input, seed, HexFormat.of().formatHex(c.bytes())), e);
        }
    }

    /** A Kafka record with any key and value bytes (or null), and one of {@link #KAFKA_TIMESTAMPS}. */
    public static KafkaRecord arbitraryRecord(Choices c) {
        long timestamp = KAFKA_TIMESTAMPS[c.nextInt(KAFKA_TIMESTAMPS.length)];
        byte[] key = c.nextInt(4) == 0 ? null : c.bytes(c.nextInt(MAX_BYTES + 1));
        byte[] value = c.nextInt(20) == 0 ? null : c.rest(MAX_BYTES);
        return record(key, value, timestamp);
    }

    /** The fuzzer data from which {@link #arbitraryRecord} makes {@code r} (with the origin of {@link #recordOf}). */
    public static byte[] arbitraryRecordData(KafkaRecord r) {
        Choices.Recording c = Choices.recording();
        int t = Arrays.stream(KAFKA_TIMESTAMPS).boxed().collect(Collectors.toList()).indexOf(r.timestamp);
        if (t < 0) {
            throw new IllegalArgumentException("Kafka timestamp must be one of KAFKA_TIMESTAMPS, was " + r.timestamp);
        }
        c.integer(t, KAFKA_TIMESTAMPS.length - 1);
        c.integer(r.key == null ? 0 : 1, 3);
        if (r.key != null) {
            c.integer(r.key.length, MAX_BYTES);
            c.bytes(r.key);
        }
        c.integer(r.value == null ? 0 : 1, 19);
        if (r.value != null) {
            c.rest(r.value);
        }
        return c.bytes();
    }

    /** A valid event as JSON, mutated one to three times; with a Kafka key and timestamp. */
    public static <T> KafkaRecord mutatedEvent(Choices c, Function<Choices, T> events, Function<T, byte[]> encode) {
        return mutate(c, encode.apply(events.apply(c)));
    }

    /** Names (keys, classes): short ASCII, any valid Unicode, and chosen corner cases. */
    public static String name(Choices c) {
        int length = 1 + c.nextInt(12);
        StringBuilder b = new StringBuilder(length);
        switch (c.nextInt(3)) {
            case 0:
                for (int i = 0; i < length; i++) {
                    b.append(NAME_CHARS.charAt(c.nextInt(NAME_CHARS.length())));
                }
                return b.toString();
            case 1:
                for (int i = 0; i < length; i++) {
                    b.append((char) c.nextInt(Character.MAX_VALUE + 1));
                }
                return Utf8.wellFormed(b.toString());
            default:
                return Choices.pick(c, ODD_NAMES);
        }
    }

    /** A key (a {@link #name}) or, one time in five, null. */
    public static String key(Choices c) {
        return c.nextInt(5) == 0 ? null : name(c);
    }

    /** An event time the decoders accept on the clock at {@link HostileCorpus#NOW}: [0, NOW + 1 h], both ends often. */
    public static long timestamp(Choices c) {
        long max = HostileCorpus.NOW + 3_600_000L;
        switch (c.nextInt(5)) {
            case 0:
                return 0;
            case 1:
                return max;
            default:
                return c.nextLong(max + 1);
        }
    }

    /**
     * A double in [lo, hi], or one of {@code specials} (one time in four): any bit pattern that
     * falls in the range, else a point spread uniformly over it.
     */
    public static double number(Choices c, double lo, double hi, double... specials) {
        if (specials.length > 0 && c.nextInt(4) == 0) {
            return specials[c.nextInt(specials.length)];
        }
        long bits = c.nextLong();
        double x = Double.longBitsToDouble(bits);
        if (x >= lo && x <= hi) {
            return x;
        }
        return Math.min(hi, lo + (hi - lo) * ((bits >>> 11) * 0x1.0p-53));
    }

    /** Runs the checks of the class comment on one record. */
    public void check(KafkaRecord record) throws Exception {
        T event = null;
        String reason = null;
        try {
            event = decoder.decode(record);
        } catch (DecodeException e) {
            reason = e.reason().name();
        }
        harness.processElement(record, 0);
        List<T> out = harness.extractOutputValues();
        List<DeadLetter> dead = FunctionRun.sideOutput(harness);
        harness.getOutput().clear();
        if (harness.getSideOutput(DeadLetter.TAG) != null) {
            harness.getSideOutput(DeadLetter.TAG).clear();
        }
        assertThat(out.size() + dead.size()).as("one event or one dead letter").isEqualTo(1);
        if (event != null) {
            assertThat(out).containsExactly(event);
            assertThat(decoder.decode(KafkaRecord.of(null, encode.apply(event), record.topic, record.partition, record.offset, -1)))
                    .as("the event written back and decoded again")
                    .isEqualTo(event);
            return;
        }
        DeadLetter d = dead.get(0);
        assertThat(d.reason).isEqualTo(reason);
        assertThat(small.serialize(d).length).isLessThanOrEqualTo(small.maxSerializedBytes());
        assertThat(defaults.serialize(d).length).isLessThanOrEqualTo(defaults.maxSerializedBytes());
        assertThat(Utf8.firstInvalid(defaults.serialize(d))).as("dead letters are UTF-8").isEqualTo(-1);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }

    /** Record with the value {@code json}, no Kafka key and no Kafka timestamp, as the valid records are sent. */
    public static KafkaRecord recordOf(byte[] json) {
        return record(null, json, -1);
    }

    private static KafkaRecord record(byte[] key, byte[] value, long timestamp) {
        return KafkaRecord.of(key, value, "fuzz", 0, 1, timestamp);
    }

    private static KafkaRecord mutate(Choices c, byte[] valid) {
        String json = new String(valid, StandardCharsets.UTF_8);
        byte[] key = "user".getBytes(StandardCharsets.UTF_8);
        long timestamp = HostileCorpus.T;
        for (int m = 1 + c.nextInt(3); m > 0; m--) {
            int at = c.nextInt(json.length() + 1);
            switch (c.nextInt(9)) {
                case 0: // a field twice
                    String[] fields = {"key", "ts", "class", "weight", "scores", "score", "x"};
                    json = insert(json, json.indexOf('{') + 1,
                            "\"" + fields[c.nextInt(fields.length)] + "\":" + NUMBERS[c.nextInt(NUMBERS.length)] + ",");
                    break;
                case 1: // a surrogate or a JSON-significant character
                    json = insert(json, at, INSERTS[c.nextInt(INSERTS.length)]);
                    break;
                case 2: // a number replaced
                    json = replaceNumber(json, c);
                    break;
                case 3: // cut short
                    json = json.substring(0, at);
                    break;
                case 4: // nesting in a new field
                    int depth = c.nextInt(80);
                    boolean arrays = c.nextInt(2) == 0;
                    String nest = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    json = insert(json, json.indexOf('{') + 1, "\"n\":" + nest + ",");
                    break;
                case 5: // odd key bytes
                    byte[][] keys = {null, {}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "k\u0000".getBytes(StandardCharsets.UTF_8)};
                    key = keys[c.nextInt(keys.length)];
                    break;
                case 6: // odd Kafka timestamps
                    long[] times = {-1, 0, HostileCorpus.NOW + 3_600_000L, HostileCorpus.NOW + 3_600_001L, Long.MAX_VALUE, Long.MIN_VALUE};
                    timestamp = times[c.nextInt(times.length)];
                    break;
                case 7: // a byte flipped (may leave UTF-8)
                    byte[] b = json.getBytes(StandardCharsets.UTF_8);
                    if (b.length > 0) {
                        b[c.nextInt(b.length)] ^= (byte) (1 << c.nextInt(8));
                    }
                    return record(key, b, timestamp);
                default: // a whole new root value after or before
                    json = c.nextInt(2) == 0 ? json + " " + json : "\uFEFF" + json;
            }
        }
        return record(key, json.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    private static String insert(String s, int at, String what) {
        int i = Math.max(0, Math.min(at, s.length()));
        return s.substring(0, i) + what + s.substring(i);
    }

    /** Replaces one number (a run of digits, signs, dots, exponents) by a hostile one. */
    private static String replaceNumber(String json, Choices c) {
        int start = -1;
        for (int tries = 0; tries < 5 && start < 0; tries++) {
            int i = c.nextInt(json.length() + 1);
            while (i < json.length() && !Character.isDigit(json.charAt(i))) {
                i++;
            }
            start = i < json.length() ? i : -1;
        }
        if (start < 0) {
            return json;
        }
        int end = start;
        while (end < json.length() && "0123456789+-.eE".indexOf(json.charAt(end)) >= 0) {
            end++;
        }
        return json.substring(0, start) + NUMBERS[c.nextInt(NUMBERS.length)] + json.substring(end);
    }
}
