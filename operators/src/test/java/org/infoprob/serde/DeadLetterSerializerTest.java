package org.infoprob.serde;

import org.infoprob.model.DeadLetter;
import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterSerializerTest {

    @Test
    void writesReasonErrorOriginAndPayloadAndLeavesOutAbsentFields() {
        DeadLetter e =
                DeadLetter.of(
                        Reason.NON_FINITE_SCORE, "Scores must not be NaN, was NaN at index 1", "softmax",
                        "sensor-7", 1732752000000L, "scores", 0, 42L, "{\"a\":\"b\"}");
        String json = new String(new DeadLetterSerializer().serialize(e), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo(
                        "{\"reason\":\"NON_FINITE_SCORE\",\"error\":\"Scores must not be NaN, was NaN at index 1\","
                                + "\"rejectedBy\":\"softmax\",\"key\":\"sensor-7\",\"ts\":1732752000000,"
                                + "\"topic\":\"scores\",\"partition\":0,\"offset\":42,\"payload\":\"{\\\"a\\\":\\\"b\\\"}\"}");
        DeadLetter bare = DeadLetter.of(Reason.INVALID_JSON, "oops", null, null, null, null, null, null, "x");
        assertThat(new String(new DeadLetterSerializer().serialize(bare), StandardCharsets.UTF_8))
                .isEqualTo("{\"reason\":\"INVALID_JSON\",\"error\":\"oops\",\"payload\":\"x\"}");
    }

    @Test
    void binaryPayloadGoesOutAsBase64() {
        DeadLetter e = DeadLetter.of(Reason.INVALID_UTF8, "bad byte at 0", "decoder", null, null, "t", 1, 2L, "/w==");
        e.payloadBase64 = true;
        assertThat(new String(new DeadLetterSerializer().serialize(e), StandardCharsets.UTF_8))
                .endsWith("\"payloadBase64\":\"/w==\"}");
    }

    @Test
    void oneInstanceWritesRecordAfterRecordWithoutSeparators() {
        DeadLetterSerializer json = new DeadLetterSerializer();
        DeadLetter e = DeadLetter.of(Reason.INVALID_JSON, "oops", null, null, null, null, null, null, "x");
        byte[] first = json.serialize(e);
        byte[] second = json.serialize(e);
        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8)).startsWith("{");
    }
}
