package org.infoprob.serde;

import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.infoprob.serde.ClassEventDecoderTest.bytes;

class BinaryScoreEventDecoderTest {

    private final BinaryScoreEventDecoder json = new BinaryScoreEventDecoder();

    @Test
    void decodesKeyTimeAndScoreWithOrigin() throws Exception {
        BinaryScoreEvent e = json.decode(record("{\"key\":\"k\",\"ts\":5,\"score\":1.3,\"id\":\"x\"}"));
        assertThat(e.key).isEqualTo("k");
        assertThat(e.ts).isEqualTo(5L);
        assertThat(e.score).isEqualTo(1.3);
        assertThat(e.topic).isEqualTo("binary-scores");
        assertThat(e.partition).isEqualTo(1);
        assertThat(e.offset).isEqualTo(8L);
        BinaryScoreEvent defaults = json.decode(record("{\"score\":-Infinity}"));
        assertThat(defaults.key).isEqualTo("kafka-key");
        assertThat(defaults.ts).isEqualTo(99L);
        assertThat(defaults.score).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void everyKindOfBadBinaryScoreGetsItsReason() {
        assertReason("{\"key\":\"k\"}", Reason.MISSING_FIELD);
        assertReason("{\"score\":null}", Reason.MISSING_FIELD);
        assertReason("{\"score\":\"1.3\"}", Reason.WRONG_TYPE);
        assertReason("{\"score\":[1.3]}", Reason.WRONG_TYPE);
        assertReason("{\"score\":NaN}", Reason.NON_FINITE_SCORE);
        assertReason("{\"score\":1e999}", Reason.OUT_OF_RANGE);
        assertReason("{\"score\":" + "9".repeat(320) + "}", Reason.OUT_OF_RANGE);
        assertReason("{\"score\":1,\"score\":2}", Reason.DUPLICATE_FIELD);
        assertReason("{\"score\":1,\"note\":\"\\udc00\"}", Reason.INVALID_UNICODE);
        assertThatThrownBy(() -> json.decode(KafkaRecord.of(null, bytes("{\"score\":1}"), "t", 0, 0, -1)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_TIMESTAMP));
    }

    private void assertReason(String payload, Reason reason) {
        assertThatThrownBy(() -> json.decode(record(payload)))
                .as("payload %s", payload)
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).as(payload).isEqualTo(reason));
    }

    private static KafkaRecord record(String payload) {
        return KafkaRecord.of(bytes("kafka-key"), bytes(payload), "binary-scores", 1, 8, 99);
    }
}
