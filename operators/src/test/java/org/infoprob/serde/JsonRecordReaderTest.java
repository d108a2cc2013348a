package org.infoprob.serde;

import org.infoprob.model.ClassEvent;
import org.infoprob.model.Reason;
import org.infoprob.testing.HostileCorpus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.infoprob.serde.ClassEventDecoderTest.bytes;

/**
 * The rules every JSON decoder shares (raw bytes, Unicode, duplicates, key, event time,
 * numbers: {@link JsonRecordReader} and its field readers {@link JsonFields}), through the
 * class-event decoder on a clock fixed at {@link HostileCorpus#NOW}.
 */
class JsonRecordReaderTest {

    private static final long NOW = HostileCorpus.NOW;

    private final JsonRecordReader<ClassEvent> json = new ClassEventDecoder().setClock(HostileCorpus.clock(NOW));

    @Test
    void aTombstoneIsNotEmptyJson() {
        assertThatThrownBy(() -> json.decode(KafkaRecord.of(bytes("k"), null, "t", 0, 0, 5)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOMBSTONE))
                .hasMessage("Record value is null (a tombstone); it deletes nothing and is not an event");
        assertThatThrownBy(() -> json.decode(record(new byte[0])))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_JSON))
                .hasMessage("Record value must be a JSON object, was empty (0 bytes)");
        assertReason(" \r\n", Reason.INVALID_JSON, "Record value must be a JSON object, was only whitespace");
    }

    @Test
    void oneLeadingUtf8ByteOrderMarkIsSkippedAndNothingElse() throws Exception {
        assertThat(json.decode(record(bytes("\uFEFF{\"class\":\"a\"}"))).className).isEqualTo("a");
        assertReason("\uFEFF\uFEFF{\"class\":\"a\"}", Reason.INVALID_JSON, null);
        assertReason(" \uFEFF{\"class\":\"a\"}", Reason.INVALID_JSON, null);
        assertThat(json.decode(record(bytes("{\"class\":\"\uFEFFa\"}"))).className).as("inside a string it is a character").isEqualTo("\uFEFFa");
    }

    @Test
    void utf16AndUtf32AreNotUtf8AndRawNulBytesAreNotJson() {
        String doc = "{\"class\":\"a\"}";
        assertReasonOf(doc.getBytes(StandardCharsets.UTF_16BE), Reason.INVALID_UTF8, "Record must be UTF-8 JSON, its NUL byte at 0 says UTF-16 or UTF-32");
        assertReasonOf(doc.getBytes(StandardCharsets.UTF_16LE), Reason.INVALID_UTF8, "Record must be UTF-8 JSON, its NUL byte at 1 says UTF-16 or UTF-32");
        assertReasonOf(doc.getBytes(StandardCharsets.UTF_16), Reason.INVALID_UTF8, "Record must be UTF-8, byte 0 (0xfe) is not (a UTF-16 or UTF-32 byte order mark)");
        assertReasonOf(doc.getBytes(java.nio.charset.Charset.forName("UTF-32LE")), Reason.INVALID_UTF8, null);
        assertReasonOf(bytes("{\"class\":\"a\"}\u0000"), Reason.INVALID_JSON,
                "Record must not hold a raw NUL byte (JSON writes it as \\u0000), found one at 13");
    }

    @Test
    void aFieldTwiceIsRejectedWhereverItIs() {
        assertReason("{\"key\":\"user-1\",\"class\":\"login\",\"class\":\"login_failed\"}", Reason.DUPLICATE_FIELD,
                "Record must not repeat a field, 'class' occurs twice");
        assertReason("{\"class\":\"a\",\"key\":\"x\",\"key\":\"x\"}", Reason.DUPLICATE_FIELD, null);
        assertReason("{\"class\":\"a\",\"m\":[{\"x\":1},{\"y\":{\"z\":1,\"z\":1}}]}", Reason.DUPLICATE_FIELD, null);
    }

    @Test
    void unpairedSurrogatesAreRejectedInEveryStringAndName() throws Exception {
        assertReason("{\"class\":\"\\ud83e\"}", Reason.INVALID_UNICODE,
                "Field 'class' must be valid Unicode, it holds the unpaired surrogate U+D83E at character 0");
        assertReason("{\"class\":\"a\",\"key\":\"k\\udc00\"}", Reason.INVALID_UNICODE, null);
        assertReason("{\"class\":\"a\",\"\\ud800x\":1}", Reason.INVALID_UNICODE,
                "A field name must be valid Unicode, it holds the unpaired surrogate U+D800 at character 0");
        assertReason("{\"class\":\"a\",\"m\":{\"\\udbff\":1}}", Reason.INVALID_UNICODE, null);
        assertReason("{\"class\":\"a\",\"m\":[1,\"ok\",[\"\\udfff\"]]}", Reason.INVALID_UNICODE, null);
        assertReason("{\"class\":\"a\",\"m\":\"\\ude00\\ud83d\"}", Reason.INVALID_UNICODE, null);
        assertThat(json.decode(record(bytes("{\"class\":\"\\ud83d\\ude00\",\"m\":[\"\\ud83d\\ude00\"]}"))).className)
                .isEqualTo("\uD83D\uDE00");
    }

    @Test
    void controlCharactersWrittenAsEscapesAreKept() throws Exception {
        ClassEvent e = json.decode(record(bytes("{\"key\":\"k\\u0001\",\"class\":\"a\\u0000b\"}")));
        assertThat(e.key).isEqualTo("k\u0001");
        assertThat(e.className).isEqualTo("a\u0000b").isNotEqualTo("ab");
    }

    @Test
    void aKafkaKeyThatIsNotUtf8IsRejectedUnlessTheKeyFieldGivesTheKey() throws Exception {
        KafkaRecord ff = KafkaRecord.of(new byte[] {(byte) 0xFF}, bytes("{\"class\":\"a\"}"), "t", 0, 0, 5);
        assertThatThrownBy(() -> json.decode(ff))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_KEY))
                .hasMessage("Kafka key must be UTF-8 when the record has no 'key' field, was 0xff (1 bytes)");
        byte[] longKey = new byte[40];
        longKey[0] = (byte) 0xFE;
        assertThatThrownBy(() -> json.decode(KafkaRecord.of(longKey, bytes("{\"class\":\"a\"}"), "t", 0, 0, 5)))
                .hasMessageEndingWith("0x00 0x00 ... (40 bytes)");
        KafkaRecord overridden = KafkaRecord.of(new byte[] {(byte) 0xFF}, bytes("{\"key\":\"u\",\"class\":\"a\"}"), "t", 0, 0, 5);
        assertThat(json.decode(overridden).key).isEqualTo("u");
        KafkaRecord nullField = KafkaRecord.of(new byte[] {(byte) 0xFF}, bytes("{\"key\":null,\"class\":\"a\"}"), "t", 0, 0, 5);
        assertThatThrownBy(() -> json.decode(nullField))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_KEY));
        assertThat(json.decode(KafkaRecord.of(new byte[0], bytes("{\"class\":\"a\"}"), "t", 0, 0, 5)).key).isEmpty();
    }

    @Test
    void eventTimesMustLieBetween1970AndTheYear9999AndAtMostTheSkewAhead() throws Exception {
        assertThat(ts("0")).isZero();
        assertThat(ts("-0")).isZero();
        assertThat(ts("-0.0")).isZero();
        assertThat(ts("1.732752e12")).isEqualTo(1_732_752_000_000L);
        assertThat(ts("1732752000000.000")).isEqualTo(1_732_752_000_000L);
        assertThat(ts("17327520000e2")).isEqualTo(1_732_752_000_000L);
        assertThat(ts(Long.toString(NOW + 3_600_000L))).as("exactly at the skew").isEqualTo(NOW + 3_600_000L);
        assertReason(tsRecord("-1"), Reason.TIMESTAMP_OUT_OF_RANGE,
                "Field 'ts' must be epoch milliseconds in [0, 253402300799999] (1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z), was -1");
        assertReason(tsRecord("-9223372036854775808"), Reason.TIMESTAMP_OUT_OF_RANGE, null);
        assertReason(tsRecord("253402300800000"), Reason.TIMESTAMP_OUT_OF_RANGE, null);
        assertReason(tsRecord("99999999999999999999"), Reason.TIMESTAMP_OUT_OF_RANGE, null);
        assertReason(tsRecord("-99999999999999999999"), Reason.TIMESTAMP_OUT_OF_RANGE, null);
        assertReason(tsRecord("1e999999999"), Reason.TIMESTAMP_OUT_OF_RANGE, null);
        assertReason(tsRecord("-1.0e3"), Reason.TIMESTAMP_OUT_OF_RANGE, null);
        // Found by the fuzz test: exponents beyond an int, which no BigDecimal holds.
        assertReason(tsRecord("1e9223372036854775807"), Reason.TIMESTAMP_OUT_OF_RANGE, null);
        assertReason(tsRecord("1e-9223372036854775807"), Reason.WRONG_TYPE, null);
        assertReason(tsRecord(Long.toString(NOW + 3_600_001L)), Reason.TIMESTAMP_OUT_OF_RANGE,
                "Field 'ts' must be at most PT1H ahead of the clock (2024-11-29T00:00:00Z), so at most 1732842000000,"
                        + " was 1732842000001 (2024-11-29T01:00:00.001Z)");
        assertReason(tsRecord("1.5"), Reason.WRONG_TYPE, "Field 'ts' must be an integer (epoch milliseconds), was the fraction 1.5");
        assertReason(tsRecord("1e-999999999"), Reason.WRONG_TYPE, null);
        assertReason(tsRecord("\"1732752000000\""), Reason.WRONG_TYPE, "Field 'ts' must be an integer (epoch milliseconds), was a string");
        assertReason(tsRecord("NaN"), Reason.WRONG_TYPE, null);
        assertReason(tsRecord("Infinity"), Reason.WRONG_TYPE, null);
        assertReason(tsRecord("true"), Reason.WRONG_TYPE, null);
    }

    @Test
    void theKafkaTimestampStandsInForAMissingTsUnderTheSameRules() throws Exception {
        assertThat(json.decode(KafkaRecord.of(null, bytes("{\"class\":\"a\"}"), "t", 0, 0, 5)).ts).isEqualTo(5L);
        assertThat(json.decode(KafkaRecord.of(null, bytes("{\"class\":\"a\"}"), "t", 0, 0, -1)).ts).as("negative: none").isNull();
        KafkaRecord future = KafkaRecord.of(null, bytes("{\"class\":\"a\"}"), "t", 0, 0, NOW + 7_200_000L);
        assertThatThrownBy(() -> json.decode(future))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_RANGE))
                .hasMessageStartingWith("Kafka timestamp must be at most PT1H ahead of the clock");
        KafkaRecord futureButTsGiven = KafkaRecord.of(null, bytes("{\"class\":\"a\",\"ts\":7}"), "t", 0, 0, NOW + 7_200_000L);
        assertThat(json.decode(futureButTsGiven).ts).as("the ts field wins; the Kafka timestamp is not used").isEqualTo(7L);
    }

    @Test
    void theSkewIsConfigurable() throws Exception {
        JsonRecordReader<ClassEvent> strict = new ClassEventDecoder().setClock(HostileCorpus.clock(NOW)).setMaxFutureSkew(Duration.ZERO);
        assertThat(strict.decode(record(bytes("{\"class\":\"a\",\"ts\":" + NOW + "}"))).ts).isEqualTo(NOW);
        assertThatThrownBy(() -> strict.decode(record(bytes("{\"class\":\"a\",\"ts\":" + (NOW + 1) + "}"))))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_RANGE));
        JsonRecordReader<ClassEvent> lenient = new ClassEventDecoder().setClock(HostileCorpus.clock(NOW)).setMaxFutureSkew(Duration.ofDays(365_000_000L));
        assertThat(lenient.decode(record(bytes("{\"class\":\"a\",\"ts\":253402300799999}"))).ts).isEqualTo(253_402_300_799_999L);
        assertThatThrownBy(() -> new ClassEventDecoder().setMaxFutureSkew(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Max future skew must be >= 0, was PT-0.001S");
        assertThatThrownBy(() -> new ClassEventDecoder().setClock(null)).hasMessage("Clock must not be null");
    }

    @Test
    void unknownFieldsOfAnyShapeAndNumberAreSkipped() throws Exception {
        StringBuilder many = new StringBuilder("{\"class\":\"a\"");
        for (int i = 0; i < 20_000; i++) {
            many.append(",\"f").append(i).append("\":[").append(i).append(",{\"x\":1e999}]");
        }
        assertThat(json.decode(record(bytes(many.append('}').toString()))).className).isEqualTo("a");
        assertReason("{\"class\":\"a\",\"class\":\"b\"}", Reason.DUPLICATE_FIELD, null);
        assertThat(json.decode(record(bytes("{\"class\":\"b\",\"f1\":1}"))).className)
                .as("the names of the record before are forgotten")
                .isEqualTo("b");
        assertReason("{\"class\":\"a\",\"x\":" + "[".repeat(64) + "]".repeat(64) + "}", Reason.JSON_LIMIT_EXCEEDED, null);
        assertThat(json.decode(record(bytes("{\"class\":\"a\",\"x\":" + "[".repeat(63) + "]".repeat(63) + "}"))).className)
                .as("63 arrays inside the record object: depth 64")
                .isEqualTo("a");
    }

    private long ts(String literal) throws DecodeException {
        return json.decode(record(bytes(tsRecord(literal)))).ts;
    }

    private static String tsRecord(String literal) {
        return "{\"class\":\"a\",\"ts\":" + literal + "}";
    }

    private void assertReason(String payload, Reason reason, String message) {
        assertReasonOf(bytes(payload), reason, message);
    }

    private void assertReasonOf(byte[] payload, Reason reason, String message) {
        String shown = new String(payload, StandardCharsets.ISO_8859_1);
        var thrown = assertThatThrownBy(() -> json.decode(record(payload)))
                .as("payload %s", shown)
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).as("%s: %s", shown, e.getMessage()).isEqualTo(reason));
        if (message != null) {
            thrown.hasMessage(message);
        }
    }

    private static KafkaRecord record(byte[] payload) {
        return KafkaRecord.of(bytes("kafka-key"), payload, "classes", 0, 1, HostileCorpus.T);
    }
}
