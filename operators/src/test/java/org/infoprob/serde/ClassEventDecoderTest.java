package org.infoprob.serde;

import org.infoprob.model.ClassEvent;
import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassEventDecoderTest {

    private final ClassEventDecoder json = new ClassEventDecoder(200);

    @Test
    void decodesAllFieldsAndKeepsTheOrigin() throws Exception {
        ClassEvent e = json.decode(record("{\"key\":\"user-1\",\"ts\":1732752000000,\"class\":\"login_failed\",\"weight\":2.5,\"id\":7}"));
        assertThat(e.key).isEqualTo("user-1");
        assertThat(e.ts).isEqualTo(1732752000000L);
        assertThat(e.className).isEqualTo("login_failed");
        assertThat(e.weight).isEqualTo(2.5);
        assertThat(e.topic).isEqualTo("classes");
        assertThat(e.partition).isEqualTo(3);
        assertThat(e.offset).isEqualTo(42L);
    }

    @Test
    void keyAndTimestampDefaultToTheKafkaRecords() throws Exception {
        ClassEvent e = json.decode(record("{\"class\":\"x\"}"));
        assertThat(e.key).isEqualTo("kafka-key");
        assertThat(e.ts).isEqualTo(99L);
        assertThat(e.weight).isEqualTo(1.0);
        KafkaRecord noKey = KafkaRecord.of(null, bytes("{\"class\":\"x\",\"key\":null}"), "t", 0, 0, -1);
        ClassEvent bare = json.decode(noKey);
        assertThat(bare.key).isNull();
        assertThat(bare.ts).as("a negative Kafka timestamp means none").isNull();
    }

    @Test
    void everyKindOfBadRecordGetsItsReason() {
        assertReason("{\"class\":", Reason.INVALID_JSON);
        assertReason("", Reason.INVALID_JSON);
        assertReason("{\"class\":\"a\"} {}", Reason.INVALID_JSON);
        assertReason("[1,2]", Reason.NOT_AN_OBJECT);
        assertReason("\"just a string\"", Reason.NOT_AN_OBJECT);
        assertReason("{\"key\":\"k\"}", Reason.MISSING_FIELD);
        assertReason("{\"class\":null}", Reason.MISSING_FIELD);
        assertReason("{\"class\":7}", Reason.WRONG_TYPE);
        assertReason("{\"class\":\"a\",\"ts\":\"yesterday\"}", Reason.WRONG_TYPE);
        assertReason("{\"class\":\"a\",\"ts\":1.5}", Reason.WRONG_TYPE);
        assertReason("{\"class\":\"a\",\"weight\":\"heavy\"}", Reason.WRONG_TYPE);
        assertReason("{\"class\":\"\"}", Reason.EMPTY_CLASS_NAME);
        assertReason("{\"class\":\"a\",\"weight\":-1}", Reason.INVALID_WEIGHT);
        assertReason("{\"class\":\"a\",\"weight\":NaN}", Reason.INVALID_WEIGHT);
        assertReason("{\"class\":\"a\",\"weight\":1e200}", Reason.INVALID_WEIGHT);
        assertReason("{\"class\":\"a\",\"weight\":1e999}", Reason.OUT_OF_RANGE);
        assertReason("{\"class\":\"a\",\"weight\":null}", Reason.WRONG_TYPE);
        assertReason("{\"class\":\"a\",\"weight\":\"2\"}", Reason.WRONG_TYPE);
        assertReason("{\"class\":\"login\",\"class\":\"login_failed\"}", Reason.DUPLICATE_FIELD);
        assertReason("{\"class\":\"\\ud83e\"}", Reason.INVALID_UNICODE);
        assertReason("{\"class\":\"" + "x".repeat(200) + "\"}", Reason.RECORD_TOO_LARGE);
        assertThatThrownBy(() -> json.decode(KafkaRecord.of(null, new byte[] {'{', (byte) 0xC3, '}'}, "t", 0, 0, 0)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_UTF8))
                .hasMessage("Record must be UTF-8, byte 1 (0xc3) is not");
    }

    @Test
    void aZeroWeightIsAcceptedAndCountsNothing() throws Exception {
        assertThat(json.decode(record("{\"class\":\"a\",\"weight\":-0.0}")).weight).isEqualTo(-0.0);
        assertThat(json.decode(record("{\"class\":\"a\",\"weight\":1e-999}")).weight).as("underflows to 0").isZero();
        assertThat(json.decode(record("{\"class\":\"a\",\"weight\":1e-9223372036854775807}")).weight).isZero();
        assertThatThrownBy(() -> json.decode(record("{\"class\":\"a\",\"weight\":1e9223372036854775807}")))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_RANGE));
    }

    @Test
    void messagesSayWhatWasWrongAndWhatIsAllowed() {
        assertThatThrownBy(() -> json.decode(record("{\"class\":7}"))).hasMessage("Field 'class' must be a string, was a number");
        assertThatThrownBy(() -> json.decode(record("{\"key\":\"k\"}"))).hasMessage("Field 'class' is required");
        assertThatThrownBy(() -> json.decode(record("[1]"))).hasMessage("Record must be a JSON object, was an array");
    }

    private void assertReason(String payload, Reason reason) {
        assertThatThrownBy(() -> json.decode(record(payload)))
                .as("payload %s", payload)
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).as(payload).isEqualTo(reason));
    }

    static KafkaRecord record(String payload) {
        return KafkaRecord.of(bytes("kafka-key"), bytes(payload), "classes", 3, 42, 99);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
