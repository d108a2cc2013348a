package org.infoprob.jobs.kafka;

import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;
import org.infoprob.serde.DeadLetterSerializer;
import org.infoprob.testing.CapturedMetrics;

import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeadLetterEncoder}: the dead-letter JSON within the limits, the original key bytes as
 * the Kafka key, and the count per reason.
 */
class DeadLetterEncoderTest {

    @Test
    void theKafkaKeyIsTheOriginalKeyBytesAndTheValueTheCappedJson() throws Exception {
        byte[] notUtf8 = {(byte) 0xFF, 0x01};
        DeadLetter binaryKey = DeadLetter.of(Reason.INVALID_KEY, "bad key", "decode-classes", null, 1L, "classes", 0, 7L, "{}");
        binaryKey.key = Base64.getEncoder().encodeToString(notUtf8);
        binaryKey.keyBase64 = true;
        DeadLetter textKey = DeadLetter.of(Reason.TOMBSTONE, "null value", "decode-classes", "user-ü", 1L, "classes", 0, 8L, null);
        DeadLetter noKey = DeadLetter.of(Reason.LATE_EVENT, "late", "window", null, 1L, "classes", 0, 9L, "{}");
        DeadLetter longKey = DeadLetter.of(Reason.NO_DISTRIBUTION, "none", "window", "k".repeat(5000), 1L, null, null, null, "{}");
        DeadLetterLimits limits = DeadLetterLimits.DEFAULT;

        List<EncodedRecord> out = encode(limits, binaryKey, textKey, noKey, longKey);

        assertThat(out.get(0).key).isEqualTo(notUtf8);
        assertThat(out.get(1).key).isEqualTo("user-ü".getBytes(StandardCharsets.UTF_8));
        assertThat(out.get(2).key).isNull();
        assertThat(out.get(3).key).as("the key kept: its first 1 KiB").isEqualTo("k".repeat(1024).getBytes(StandardCharsets.UTF_8));
        assertThat(new String(out.get(1).value, StandardCharsets.UTF_8)).isEqualTo(new String(new DeadLetterSerializer().serialize(textKey), StandardCharsets.UTF_8));
        assertThat(new String(out.get(3).value, StandardCharsets.UTF_8)).contains("\"keyTruncated\":true");
    }

    @Test
    void everyDeadLetterIsCountedByReason() throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        DeadLetter tombstone = DeadLetter.of(Reason.TOMBSTONE, "null value", "decode", "k", 1L, "t", 0, 1L, null);
        DeadLetter late = DeadLetter.of(Reason.LATE_EVENT, "late", "window", "k", 1L, "t", 0, 2L, "{}");
        encode(metrics, DeadLetterLimits.DEFAULT, tombstone, late, tombstone);
        assertThat(metrics.count("deadLetters")).isEqualTo(3);
        assertThat(metrics.count("reason.TOMBSTONE.deadLetters")).isEqualTo(2);
        assertThat(metrics.count("reason.LATE_EVENT.deadLetters")).isEqualTo(1);
    }

    private static List<EncodedRecord> encode(DeadLetterLimits limits, DeadLetter... letters) throws Exception {
        return encode(new CapturedMetrics(), limits, letters);
    }

    private static List<EncodedRecord> encode(CapturedMetrics metrics, DeadLetterLimits limits, DeadLetter... letters) throws Exception {
        try (MockEnvironment environment = metrics.environment();
                OneInputStreamOperatorTestHarness<DeadLetter, EncodedRecord> harness =
                        new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new DeadLetterEncoder(limits)), environment)) {
            harness.open();
            for (DeadLetter d : letters) {
                harness.processElement(d, 0);
            }
            return harness.extractOutputValues();
        }
    }
}
