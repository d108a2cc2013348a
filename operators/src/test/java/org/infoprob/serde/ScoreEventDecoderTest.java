package org.infoprob.serde;

import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.infoprob.serde.ClassEventDecoderTest.bytes;

/** Score and binary-score decoders, and the probabilities writer. */
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
    void multiLabelInputMayHaveEveryClassAbsent() throws Exception {
        ScoreEventDecoder multiLabel = new ScoreEventDecoder(null, 3, 1000, true);
        assertThat(multiLabel.decode(record("{\"scores\":{\"a\":-Infinity,\"b\":-Infinity}}")).scores)
                .containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void binaryScores() throws Exception {
        BinaryScoreEventDecoder json = new BinaryScoreEventDecoder();
        BinaryScoreEvent e = json.decode(record("{\"key\":\"k\",\"ts\":5,\"score\":1.3}"));
        assertThat(e.key).isEqualTo("k");
        assertThat(e.score).isEqualTo(1.3);
        assertReason(json, "{\"key\":\"k\"}", Reason.MISSING_FIELD);
        assertReason(json, "{\"score\":\"1.3\"}", Reason.WRONG_TYPE);
        assertReason(json, "{\"score\":NaN}", Reason.NON_FINITE_SCORE);
    }

    @Test
    void writesProbabilitiesInClassOrderAndOnlyTheOptionalPartsThatExist() {
        ProbabilityEvent e = new ProbabilityEvent();
        e.key = "sensor-7";
        e.ts = 17;
        e.classes = new String[] {"cat", "dog"};
        e.probabilities = new double[] {0.75, 0.25};
        e.top = "cat";
        e.topProbability = 0.75;
        e.entropy = 0.5;
        e.margin = Double.NaN;
        ProbabilityEventSerializer json = new ProbabilityEventSerializer();
        assertThat(new String(json.serialize(e), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"key\":\"sensor-7\",\"ts\":17,\"probabilities\":{\"cat\":0.75,\"dog\":0.25},"
                                + "\"top\":\"cat\",\"topProbability\":0.75,\"entropy\":0.5}");
        e.logProbabilities = new double[] {-0.25, Double.NEGATIVE_INFINITY};
        e.topK = new String[] {"cat"};
        e.topKProbabilities = new double[] {0.75};
        e.windowStart = 0L;
        e.windowEnd = 60_000L;
        e.count = 3L;
        assertThat(new String(json.serialize(e), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"key\":\"sensor-7\",\"ts\":17,\"probabilities\":{\"cat\":0.75,\"dog\":0.25},"
                                + "\"logProbabilities\":{\"cat\":-0.25,\"dog\":\"-Infinity\"},"
                                + "\"top\":\"cat\",\"topProbability\":0.75,\"topK\":[{\"class\":\"cat\",\"probability\":0.75}],"
                                + "\"entropy\":0.5,\"windowStart\":0,\"windowEnd\":60000,\"count\":3}");
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
