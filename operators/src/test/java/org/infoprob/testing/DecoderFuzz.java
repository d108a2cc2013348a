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

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzzing shared by the decoders' property tests: hostile records (arbitrary bytes, and
 * valid records mutated by field duplication, surrogate injection, number mutation,
 * truncation, nesting, odd key bytes and timestamps), and the one check every record must
 * pass: the decoder throws nothing but {@link DecodeException}; {@link DecodeFunction} never
 * throws and emits exactly one event or one dead letter; every dead letter's JSON stays within
 * {@link DeadLetterSerializer#maxSerializedBytes}; every accepted event, written back in the
 * input form, decodes to the same event.
 *
 * <p>Budget: the properties use jqwik's default number of tries, set for {@code mvn verify} in
 * {@code src/test/resources/junit-platform.properties} ({@code jqwik.tries.default}); raise it
 * for a longer local run: {@code mvn -pl operators test -Dtest='*FuzzTest'
 * -Djqwik.tries.default=200000}.
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

    private final JsonRecordReader<T> decoder;
    private final Function<T, byte[]> encode;
    private final OneInputStreamOperatorTestHarness<KafkaRecord, T> harness;
    private final DeadLetterSerializer small = new DeadLetterSerializer(SMALL);
    private final DeadLetterSerializer defaults = new DeadLetterSerializer();

    /**
     * @param decoder the decoder under test, on a fixed clock
     * @param encode the event in the input form (for the round trip)
     */
    public DecoderFuzz(JsonRecordReader<T> decoder, Function<T, byte[]> encode) throws Exception {
        this.decoder = decoder;
        this.encode = encode;
        this.harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new DecodeFunction<>(decoder, "fuzz", SMALL)));
        harness.open();
    }

    /** Arbitrary Kafka records: any key and value bytes (or null), any timestamp. */
    public static Arbitrary<KafkaRecord> arbitraryRecords() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Combinators.combine(
                        bytes.injectNull(0.3),
                        bytes.injectNull(0.05),
                        Arbitraries.of(-1L, 0L, HostileCorpus.T, HostileCorpus.NOW + 7_200_000L))
                .as(DecoderFuzz::record);
    }

    /** Names (keys, classes): short ASCII, any valid Unicode, and chosen corner cases. */
    public static Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12).map(Utf8::wellFormed),
                Arbitraries.of("\uD83D\uDE00", "a\u0000b", "\uFEFF", "\u2028", "\"\\", "login_failed", "caf\u00e9"));
    }

    /** Event times the decoders accept on the clock at {@link HostileCorpus#NOW}: [0, NOW + 1 h]. */
    public static Arbitrary<Long> timestamps() {
        return Arbitraries.longs().between(0, HostileCorpus.NOW + 3_600_000L).edgeCases(e -> e.includeOnly(0L, HostileCorpus.NOW + 3_600_000L));
    }

    /** Record with the value {@code json}, no Kafka key and no Kafka timestamp, as the valid records are sent. */
    public static KafkaRecord recordOf(byte[] json) {
        return record(null, json, -1);
    }

    /** {@code valid} (records the decoder accepts) with one to three random mutations each. */
    public static Arbitrary<KafkaRecord> mutated(Arbitrary<byte[]> valid) {
        return valid.flatMap(json -> Arbitraries.randomValue(random -> mutate(random, json)));
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

    private static KafkaRecord record(byte[] key, byte[] value, long timestamp) {
        return KafkaRecord.of(key, value, "fuzz", 0, 1, timestamp);
    }

    private static KafkaRecord mutate(Random random, byte[] valid) {
        String json = new String(valid, StandardCharsets.UTF_8);
        byte[] key = "user".getBytes(StandardCharsets.UTF_8);
        long timestamp = HostileCorpus.T;
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
            int at = random.nextInt(json.length() + 1);
            switch (random.nextInt(9)) {
                case 0: // a field twice
                    String[] fields = {"key", "ts", "class", "weight", "scores", "score", "x"};
                    json = insert(json, json.indexOf('{') + 1,
                            "\"" + fields[random.nextInt(fields.length)] + "\":" + NUMBERS[random.nextInt(NUMBERS.length)] + ",");
                    break;
                case 1: // a surrogate or a JSON-significant character
                    json = insert(json, at, INSERTS[random.nextInt(INSERTS.length)]);
                    break;
                case 2: // a number replaced
                    json = replaceNumber(json, random);
                    break;
                case 3: // cut short
                    json = json.substring(0, at);
                    break;
                case 4: // nesting in a new field
                    int depth = random.nextInt(80);
                    boolean arrays = random.nextBoolean();
                    String nest = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    json = insert(json, json.indexOf('{') + 1, "\"n\":" + nest + ",");
                    break;
                case 5: // odd key bytes
                    byte[][] keys = {null, {}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "k\u0000".getBytes(StandardCharsets.UTF_8)};
                    key = keys[random.nextInt(keys.length)];
                    break;
                case 6: // odd Kafka timestamps
                    long[] times = {-1, 0, HostileCorpus.NOW + 3_600_000L, HostileCorpus.NOW + 3_600_001L, Long.MAX_VALUE, Long.MIN_VALUE};
                    timestamp = times[random.nextInt(times.length)];
                    break;
                case 7: // a byte flipped (may leave UTF-8)
                    byte[] b = json.getBytes(StandardCharsets.UTF_8);
                    if (b.length > 0) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    return record(key, b, timestamp);
                default: // a whole new root value after or before
                    json = random.nextBoolean() ? json + " " + json : "\uFEFF" + json;
            }
        }
        return record(key, json.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    private static String insert(String s, int at, String what) {
        int i = Math.max(0, Math.min(at, s.length()));
        return s.substring(0, i) + what + s.substring(i);
    }

    /** Replaces one number (a run of digits, signs, dots, exponents) by a hostile one. */
    private static String replaceNumber(String json, Random random) {
        int start = -1;
        for (int tries = 0; tries < 5 && start < 0; tries++) {
            int i = random.nextInt(json.length() + 1);
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
        return json.substring(0, start) + NUMBERS[random.nextInt(NUMBERS.length)] + json.substring(end);
    }
}
