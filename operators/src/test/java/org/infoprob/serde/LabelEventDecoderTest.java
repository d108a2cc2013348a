package org.infoprob.serde;

import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.LabelEvent;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.infoprob.serde.ClassEventDecoderTest.bytes;

class LabelEventDecoderTest {

    private final LabelEventDecoder json = new LabelEventDecoder(200);

    @Test
    void decodesAClassLabelWithItsOrigin() throws Exception {
        LabelEvent e = json.decode(record("{\"id\":\"e-42\",\"ts\":1732752060000,\"label\":\"cat\",\"key\":\"k\",\"note\":1}"));
        assertThat(e.id).isEqualTo("e-42");
        assertThat(e.ts).isEqualTo(1732752060000L);
        assertThat(e.label).isEqualTo("cat");
        assertThat(e.positive).isNull();
        assertThat(e.topic).isEqualTo("labels");
        assertThat(e.partition).isEqualTo(4);
        assertThat(e.offset).isEqualTo(17L);
    }

    @Test
    void binaryLabelsAreBooleansOrOneAndZeroInAnyNotation() throws Exception {
        assertThat(json.decode(record("{\"id\":\"a\",\"label\":true}")).positive).isTrue();
        assertThat(json.decode(record("{\"id\":\"a\",\"label\":false}")).positive).isFalse();
        assertThat(json.decode(record("{\"id\":\"a\",\"label\":1}")).positive).isTrue();
        assertThat(json.decode(record("{\"id\":\"a\",\"label\":0}")).positive).isFalse();
        assertThat(json.decode(record("{\"id\":\"a\",\"label\":1e0}")).positive).isTrue();
        assertThat(json.decode(record("{\"id\":\"a\",\"label\":-0.0}")).positive).isFalse();
        LabelEvent e = json.decode(record("{\"id\":\"a\",\"label\":true}"));
        assertThat(e.label).isNull();
        assertThat(e.ts).as("the Kafka timestamp").isEqualTo(99L);
    }

    @Test
    void integerIdsAreTheirCanonicalDecimalText() throws Exception {
        assertThat(json.decode(record("{\"id\":42,\"label\":\"x\"}")).id).isEqualTo("42");
        assertThat(json.decode(record("{\"id\":-0,\"label\":\"x\"}")).id).isEqualTo("0");
        assertThat(json.decode(record("{\"id\":123456789012345678901234567890,\"label\":\"x\"}")).id)
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void everyKindOfBadLabelGetsItsReason() {
        assertReason("{\"label\":\"cat\"}", Reason.MISSING_FIELD);
        assertReason("{\"id\":null,\"label\":\"cat\"}", Reason.MISSING_FIELD);
        assertReason("{\"id\":\"a\"}", Reason.MISSING_FIELD);
        assertReason("{\"id\":\"a\",\"label\":null}", Reason.MISSING_FIELD);
        assertReason("{\"id\":\"\",\"label\":\"cat\"}", Reason.WRONG_TYPE);
        assertReason("{\"id\":4.2,\"label\":\"cat\"}", Reason.WRONG_TYPE);
        assertReason("{\"id\":true,\"label\":\"cat\"}", Reason.WRONG_TYPE);
        assertReason("{\"id\":{},\"label\":\"cat\"}", Reason.WRONG_TYPE);
        assertReason("{\"id\":\"a\",\"label\":[\"cat\"]}", Reason.WRONG_TYPE);
        assertReason("{\"id\":\"a\",\"label\":2}", Reason.OUT_OF_RANGE);
        assertReason("{\"id\":\"a\",\"label\":0.5}", Reason.OUT_OF_RANGE);
        assertReason("{\"id\":\"a\",\"label\":NaN}", Reason.OUT_OF_RANGE);
        assertReason("{\"id\":\"a\",\"label\":Infinity}", Reason.OUT_OF_RANGE);
        assertReason("{\"id\":\"a\",\"label\":1e999}", Reason.OUT_OF_RANGE);
        assertReason("{\"id\":\"a\",\"label\":\"\"}", Reason.EMPTY_CLASS_NAME);
        assertReason("{\"id\":\"a\",\"label\":\"\\ud83e\"}", Reason.INVALID_UNICODE);
        assertReason("{\"id\":\"a\",\"id\":\"b\",\"label\":1}", Reason.DUPLICATE_FIELD);
        assertReason("{\"id\":\"a\",\"label\":\"" + "x".repeat(200) + "\"}", Reason.RECORD_TOO_LARGE);
        assertThatThrownBy(() -> json.decode(KafkaRecord.of(null, bytes("{\"id\":\"a\",\"label\":1}"), "t", 0, 0, -1)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_TIMESTAMP));
    }

    @Test
    void messagesSayWhatIsAllowed() {
        assertThatThrownBy(() -> json.decode(record("{\"id\":\"a\",\"label\":2}")))
                .hasMessage("Field 'label' as a number must be 1 or 0, was 2");
        assertThatThrownBy(() -> json.decode(record("{\"id\":\"a\",\"label\":[]}")))
                .hasMessage("Field 'label' must be a class name, true/false or 1/0, was an array");
        assertThatThrownBy(() -> json.decode(record("{\"id\":\"\",\"label\":1}")))
                .hasMessage("Field 'id' must be a non-empty string or an integer, was an empty string");
    }

    @Test
    void scoreEventsCarryAnOptionalIdUnderTheSameRules() throws Exception {
        ScoreEventDecoder scores = new ScoreEventDecoder();
        ScoreEvent named = scores.decode(record("{\"id\":\"e-42\",\"ts\":1,\"scores\":{\"cat\":1}}"));
        assertThat(named.id).isEqualTo("e-42");
        assertThat(scores.decode(record("{\"id\":42,\"ts\":1,\"scores\":{\"cat\":1}}")).id).isEqualTo("42");
        assertThat(scores.decode(record("{\"ts\":1,\"scores\":{\"cat\":1}}")).id).isNull();
        assertThat(scores.decode(record("{\"id\":null,\"ts\":1,\"scores\":{\"cat\":1}}")).id).isNull();
        assertThatThrownBy(() -> scores.decode(record("{\"id\":[1],\"ts\":1,\"scores\":{\"cat\":1}}")))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_TYPE));
        BinaryScoreEventDecoder binary = new BinaryScoreEventDecoder();
        assertThat(binary.decode(record("{\"id\":\"b-1\",\"score\":0.5}")).id).isEqualTo("b-1");
        assertThat(binary.decode(record("{\"score\":0.5}")).id).isNull();
        assertThatThrownBy(() -> binary.decode(record("{\"id\":\"\",\"score\":0.5}")))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_TYPE));
    }

    private void assertReason(String payload, Reason reason) {
        assertThatThrownBy(() -> json.decode(record(payload)))
                .as("payload %s", payload)
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).as(payload).isEqualTo(reason));
    }

    private static KafkaRecord record(String payload) {
        return KafkaRecord.of(bytes("kafka-key"), bytes(payload), "labels", 4, 17, 99);
    }
}
