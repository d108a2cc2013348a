package org.infoprob.jobs.demo;

import org.infoprob.model.Reason;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's JSON: records written on the streaming API, fields read back, poison records as meant. */
class DemoJsonTest {

    @Test
    void fieldsAreTheScalarsWithNestedObjectsAsPathsAndArraysSkipped() throws IOException {
        Map<String, String> f = DemoJson.fields(bytes(
                "{\"key\":\"doc-1\",\"ts\":17,\"probabilities\":{\"positive\":0.75,\"negative\":0.25},"
                        + "\"classes\":[{\"class\":\"x\"}],\"top\":null,\"firstSeen\":true}"));

        assertThat(f).containsOnly(
                Map.entry("key", "doc-1"), Map.entry("ts", "17"), Map.entry("probabilities.positive", "0.75"),
                Map.entry("probabilities.negative", "0.25"), Map.entry("firstSeen", "true"));
        assertThatThrownBy(() -> DemoJson.fields(bytes("[1,2]"))).isInstanceOf(IOException.class);
    }

    @Test
    void recordsAreCompactJsonAndPoisonRecordsBreakAsTheirReasonSays() {
        String valid = DemoJson.write(g -> {
            DemoJson.startRecord(g, "user-1", 1000);
            g.writeStringField("class", "say \"hi\"");
            g.writeEndObject();
        });
        assertThat(valid).isEqualTo("{\"key\":\"user-1\",\"ts\":1000,\"class\":\"say \\\"hi\\\"\"}");
        assertThat(PoisonRecords.binaryScore("card-1", 5, Reason.INVALID_JSON)).isEqualTo("{\"key\":\"card-1\",\"ts\":5,\"score\":0.7");
        assertThat(PoisonRecords.binaryScore("card-1", 5, Reason.NON_FINITE_SCORE)).isEqualTo("{\"key\":\"card-1\",\"ts\":5,\"score\":NaN}");
        assertThat(PoisonRecords.binaryScore("card-1", 5, Reason.WRONG_TYPE)).isEqualTo("{\"key\":\"card-1\",\"ts\":5,\"score\":\"0.7\"}");
        assertThat(PoisonRecords.scores("doc-1", 5, new String[] {"a", "b"}, Reason.INVALID_JSON))
                .isEqualTo("{\"key\":\"doc-1\",\"ts\":5,\"scores\":{\"a\":1.5");
        assertThat(PoisonRecords.scores("doc-1", 5, new String[] {"a", "b"}, Reason.NON_FINITE_SCORE))
                .isEqualTo("{\"key\":\"doc-1\",\"ts\":5,\"scores\":{\"a\":NaN,\"b\":0.5}}");
        assertThat(PoisonRecords.classEvent("user-1", 5, Reason.EMPTY_CLASS_NAME)).isEqualTo("{\"key\":\"user-1\",\"ts\":5,\"class\":\"\"}");
        assertThat(PoisonRecords.classEvent("user-1", 5, Reason.MISSING_FIELD)).isEqualTo("{\"key\":\"user-1\",\"ts\":5,\"event\":\"login\"}");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
