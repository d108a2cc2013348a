package org.infoprob.serde;

import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.infoprob.serde.ClassEventDecoderTest.bytes;

class ScoreEventDecoderTest {

    private final ScoreEventDecoder scores = new ScoreEventDecoder(null, 3, 1000, false);

    @Test
    void decodesNamedScoresInTheirOrderWithOrigin() throws Exception {
        ScoreEvent e = scores.decode(record("{\"key\":\"sensor-7\",\"ts\":17,\"scores\":{\"cat\":2.0,\"dog\":1,\"bird\":-0.5}}"));
        assertThat(e.key).isEqualTo("sensor-7");
        assertThat(e.ts).isEqualTo(17L);
        assertThat(e.classes).containsExactly("cat", "dog", "bird");
        assertThat(e.scores).containsExactly(2.0, 1.0, -0.5);
        assertThat(e.topic).isEqualTo("scores");
        assertThat(e.offset).isEqualTo(42L);
        ScoreEvent defaults = scores.decode(record("{\"scores\":{\"a\":-Infinity,\"b\":Infinity}}"));
        assertThat(defaults.key).isEqualTo("kafka-key");
        assertThat(defaults.ts).isEqualTo(99L);
        assertThat(defaults.scores).containsExactly(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Test
    void everyKindOfBadScoreRecordGetsItsReason() {
        assertReason(scores, "{\"key\":\"k\"}", Reason.MISSING_FIELD);
        assertReason(scores, "{\"scores\":null}", Reason.MISSING_FIELD);
        assertReason(scores, "{\"scores\":[1,2]}", Reason.WRONG_TYPE);
        assertReason(scores, "{\"scores\":{\"a\":\"high\"}}", Reason.WRONG_TYPE);
        assertReason(scores, "{\"scores\":{}}", Reason.EMPTY_SCORES);
        assertReason(scores, "{\"scores\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4}}", Reason.TOO_MANY_CLASSES);
        assertReason(scores, "{\"scores\":{\"a\":1,\"a\":2}}", Reason.DUPLICATE_CLASS);
        assertReason(scores, "{\"scores\":{\"a\":1},\"scores\":{\"b\":2}}", Reason.DUPLICATE_FIELD);
        assertReason(scores, "{\"scores\":{\"a\":{\"x\":1,\"x\":2}}}", Reason.WRONG_TYPE);
        assertReason(scores, "{\"meta\":{\"scores\":{\"a\":1,\"a\":2}},\"scores\":{\"a\":1}}", Reason.DUPLICATE_FIELD);
        assertReason(scores, "{\"scores\":{\"a\":1e999}}", Reason.OUT_OF_RANGE);
        assertReason(scores, "{\"scores\":{\"a\":-1e999}}", Reason.OUT_OF_RANGE);
        assertReason(scores, "{\"scores\":{\"a\":\"1.5\"}}", Reason.WRONG_TYPE);
        assertReason(scores, "{\"scores\":{\"\\ud83e\":1}}", Reason.INVALID_UNICODE);
        assertReason(scores, "{\"scores\":{\"\":1}}", Reason.EMPTY_CLASS_NAME);
        assertReason(scores, "{\"scores\":{\"a\":NaN}}", Reason.NON_FINITE_SCORE);
        assertReason(scores, "{\"scores\":{\"a\":-Infinity,\"b\":-Infinity}}", Reason.ALL_NEGATIVE_INFINITY);
        assertReason(new ScoreEventDecoder(new String[] {"cat", "dog"}, 10, 1000, false), "{\"scores\":{\"cow\":1}}", Reason.UNKNOWN_CLASS);
        assertReason(scores, "{\"scores\":{\"a\":1}", Reason.INVALID_JSON);
        assertReason(scores, "42", Reason.NOT_AN_OBJECT);
        assertReason(new ScoreEventDecoder(null, 3, 10, false), "{\"scores\":{\"a\":1}}", Reason.RECORD_TOO_LARGE);
        assertThatThrownBy(
                        () -> scores.decode(KafkaRecord.of(null, bytes("{\"scores\":{\"a\":1}}"), "t", 0, 0, -1)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_TIMESTAMP));
    }

    @Test
    void aRepeatedClassIsDuplicateClassWhereverItIsFound() {
        assertThatThrownBy(() -> scores.decode(record("{\"scores\":{\"cat\":1,\"cat\":2}}")))
                .hasMessage("Class names must be unique, was 'cat' at index 0 and 1");
    }

    @Test
    void aNumberBeyondADoubleIsOutOfRangeButTheInfinityLiteralIsRead() throws Exception {
        assertThatThrownBy(() -> scores.decode(record("{\"scores\":{\"cat\":1e999,\"dog\":1}}")))
                .hasMessage("Field 'scores.cat' must be a number a double can hold (magnitude at most 1.7976931348623157E308), was 1e999");
        assertThat(scores.decode(record("{\"scores\":{\"cat\":Infinity,\"dog\":1e-999,\"cow\":-0.0}}")).scores)
                .as("the literal Infinity; 1e-999 rounds to 0; -0.0 is kept")
                .containsExactly(Double.POSITIVE_INFINITY, 0.0, -0.0);
    }

    @Test
    void classNamesAreKeptExactlyIncludingControlCharacters() throws Exception {
        ScoreEvent e = scores.decode(record("{\"scores\":{\"a\\u0000\":1,\"a\":2,\"\\ud83d\\ude00\":3}}"));
        assertThat(e.classes).containsExactly("a\u0000", "a", "\uD83D\uDE00");
    }

    @Test
    void multiLabelInputMayHaveEveryClassAbsent() throws Exception {
        ScoreEventDecoder multiLabel = new ScoreEventDecoder(null, 3, 1000, true);
        assertThat(multiLabel.decode(record("{\"scores\":{\"a\":-Infinity,\"b\":-Infinity}}")).scores)
                .containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    private static void assertReason(RecordDecoder<?> decoder, String payload, Reason reason) {
        assertThatThrownBy(() -> decoder.decode(record(payload)))
                .as("payload %s", payload)
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).as(payload).isEqualTo(reason));
    }

    private static KafkaRecord record(String payload) {
        return KafkaRecord.of(bytes("kafka-key"), bytes(payload), "scores", 0, 42, 99);
    }
}
