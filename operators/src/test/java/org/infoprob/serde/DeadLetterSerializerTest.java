package org.infoprob.serde;

import org.infoprob.internal.DeadLetters;
import org.infoprob.internal.Json;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterSerializerTest {

    @Test
    void writesReasonErrorOriginAndPayloadAndLeavesOutAbsentFields() {
        DeadLetter e =
                DeadLetter.of(
                        Reason.NON_FINITE_SCORE, "Scores must not be NaN, was NaN at index 1", "softmax",
                        "sensor-7", 1732752000000L, "scores", 0, 42L, "{\"a\":\"b\"}");
        e.originalSize = 9;
        e.payloadSha256 = "ab12";
        assertThat(json(new DeadLetterSerializer(), e))
                .isEqualTo(
                        "{\"reason\":\"NON_FINITE_SCORE\",\"error\":\"Scores must not be NaN, was NaN at index 1\","
                                + "\"rejectedBy\":\"softmax\",\"key\":\"sensor-7\",\"ts\":1732752000000,"
                                + "\"topic\":\"scores\",\"partition\":0,\"offset\":42,\"originalSize\":9,\"payloadSha256\":\"ab12\","
                                + "\"payloadTruncated\":false,\"payload\":\"{\\\"a\\\":\\\"b\\\"}\"}");
        DeadLetter bare = DeadLetter.of(Reason.TOMBSTONE, "oops", null, null, null, null, null, null, null);
        assertThat(json(new DeadLetterSerializer(), bare)).isEqualTo("{\"reason\":\"TOMBSTONE\",\"error\":\"oops\"}");
    }

    @Test
    void binaryKeysAndPayloadsGoOutAsBase64() {
        DeadLetter e = DeadLetter.of(Reason.INVALID_KEY, "bad key", "decoder", "/w==", null, "t", 1, 2L, "/w==");
        e.keyBase64 = true;
        e.payloadBase64 = true;
        String out = json(new DeadLetterSerializer(), e);
        assertThat(out).contains("\"keyBase64\":\"/w==\"").endsWith("\"payloadBase64\":\"/w==\"}").doesNotContain("\"key\":");
    }

    @Test
    void cutsEveryLetterToItsLimitsWhoeverBuiltIt() throws Exception {
        String payload = "p".repeat(5000);
        DeadLetter big = DeadLetter.of(Reason.INVALID_JSON, "e".repeat(5000), "r", "k".repeat(5000), 1L, "t", 0, 1L, payload);
        DeadLetterLimits limits = new DeadLetterLimits(100, 10, 50);
        Map<String, String> fields = fields(new DeadLetterSerializer(limits).serialize(big));
        assertThat(fields.get("payload")).isEqualTo("p".repeat(100));
        assertThat(fields.get("payloadTruncated")).isEqualTo("true");
        assertThat(fields.get("originalSize")).isEqualTo("5000");
        assertThat(fields.get("payloadSha256")).isEqualTo(DeadLetters.sha256Hex(payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(fields.get("key")).hasSize(10);
        assertThat(fields.get("keyTruncated")).isEqualTo("true");
        assertThat(fields.get("error")).hasSize(48).endsWith("\u2026");
        assertThat(big.payload).as("the letter itself is not changed").hasSize(5000);
    }

    @Test
    void theBoundHoldsForTheWorstLetterAndIsNotFarAboveIt() {
        DeadLetterLimits limits = new DeadLetterLimits(1000, 100, 200);
        String control = "\u0001".repeat(10_000);
        DeadLetter worst = DeadLetter.of(Reason.INVALID_JSON, control, control, control, Long.MIN_VALUE, control, Integer.MIN_VALUE, Long.MIN_VALUE, control);
        worst.reason = control;
        worst.payloadSha256 = control;
        worst.originalSize = Integer.MIN_VALUE;
        worst.keyTruncated = true;
        worst.payloadTruncated = true;
        int size = new DeadLetterSerializer(limits).serialize(worst).length;
        int bound = DeadLetterSerializer.maxSerializedBytes(limits);
        assertThat(size).isLessThanOrEqualTo(bound);
        // Every text byte a 6-byte escape: 6 * (1000 + 100 + 200 + 4 * 256) = 13944, plus names and numbers.
        assertThat(bound - size).as("slack of the bound for the worst letter").isLessThan(100);
        assertThat(bound).isGreaterThan(13_944);
    }

    @Test
    void theDefaultBoundFitsTheDefaultKafkaRequestSize() {
        // 6 * (64 KiB + 1 KiB + 1 KiB + 4 * 256) = 411648 bytes of text, plus 195 bytes of names,
        // quotes and separators and 3 * 20 + 2 * 11 digits of numbers: 411925
        assertThat(DeadLetterSerializer.maxSerializedBytes(DeadLetterLimits.DEFAULT))
                .isEqualTo(411_925)
                .isLessThan(1 << 20);
        assertThat(new DeadLetterSerializer().maxSerializedBytes()).isEqualTo(DeadLetterSerializer.maxSerializedBytes(DeadLetterLimits.DEFAULT));
    }

    @Test
    void oneInstanceWritesRecordAfterRecordWithoutSeparators() {
        DeadLetterSerializer json = new DeadLetterSerializer();
        DeadLetter e = DeadLetter.of(Reason.INVALID_JSON, "oops", null, null, null, null, null, null, "x");
        byte[] first = json.serialize(e);
        byte[] second = json.serialize(e);
        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8)).startsWith("{");
    }

    private static String json(DeadLetterSerializer serializer, DeadLetter d) {
        return new String(serializer.serialize(d), StandardCharsets.UTF_8);
    }

    /** The top-level fields of one JSON object, as text. */
    static Map<String, String> fields(byte[] json) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                fields.put(name, p.getText());
            }
            assertThat(p.nextToken()).as("one object").isNull();
        }
        return fields;
    }
}
