package org.infoprob.jobs.kafka;

import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.serde.ProbabilityEventSerializer;
import org.infoprob.testing.FunctionRun;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OutputEncoder}: a result becomes its JSON keyed by its key, or, when Kafka would refuse
 * it (too large) or the serializer fails, a dead letter; never an exception. The size is
 * Kafka's own bound ({@link RecordSizeLimit#sizeOf}; {@code HostileJobsITCase} checks it against a
 * real producer), so the tests put the limit at a result's size and one byte below it.
 */
class OutputEncoderTest {

    private static final DeadLetterLimits LIMITS = DeadLetterLimits.DEFAULT.withMaxPayloadBytes(100);

    @Test
    void aResultThatFitsIsItsJsonKeyedByTheUtf8BytesOfItsKey() throws Exception {
        ProbabilityEvent e = result("sensor-7ü", 3);
        byte[] json = new ProbabilityEventSerializer().serialize(e);
        byte[] key = "sensor-7ü".getBytes(StandardCharsets.UTF_8);

        FunctionRun<EncodedRecord> run = FunctionRun.of(encoder(RecordSizeLimit.sizeOf(key, json)), e);

        assertThat(run.outputs).containsExactly(EncodedRecord.of(key, json));
        assertThat(run.rejected).isEmpty();
        assertThat(run.metrics.count("deadLetters")).isZero();
    }

    @Test
    void aResultWithoutKeyHasNoKafkaKey() throws Exception {
        FunctionRun<EncodedRecord> run = FunctionRun.of(encoder(1 << 20), result(null, 2));

        assertThat(run.outputs).hasSize(1);
        assertThat(run.outputs.get(0).key).isNull();
    }

    @Test
    void aResultOneByteOverTheLimitIsADeadLetterWithItsStartSizeAndDigest() throws Exception {
        ProbabilityEvent e = result("sensor-7", 40);
        byte[] json = new ProbabilityEventSerializer().serialize(e);
        int size = RecordSizeLimit.sizeOf("sensor-7".getBytes(StandardCharsets.UTF_8), json);

        FunctionRun<EncodedRecord> run = FunctionRun.of(encoder(size - 1), e);

        assertThat(run.outputs).isEmpty();
        assertThat(run.rejected).hasSize(1);
        DeadLetter d = run.rejected.get(0);
        assertThat(d.reason).isEqualTo("RECORD_TOO_LARGE");
        assertThat(d.rejectedBy).isEqualTo("softmax-encode");
        assertThat(d.error).isEqualTo("Result must be at most " + (size - 1) + " bytes (max.request.size " + (size - 1)
                + ") as a Kafka record, was " + size + " bytes (key 8, value " + json.length + ", Kafka's overhead "
                + (size - 8 - json.length) + ")");
        assertThat(d.key).isEqualTo("sensor-7");
        assertThat(d.ts).isEqualTo(1_732_752_000_000L);
        assertThat(d.topic).as("a result has no origin").isNull();
        assertThat(d.payload).isEqualTo(new String(Arrays.copyOf(json, 100), StandardCharsets.UTF_8));
        assertThat(d.payloadTruncated).isTrue();
        assertThat(d.originalSize).isEqualTo(json.length);
        assertThat(d.payloadSha256).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)));
        assertThat(run.metrics.count("reason.RECORD_TOO_LARGE.deadLetters")).isEqualTo(1);
    }

    @Test
    void aSerializerThatFailsMakesAnEncoderErrorNotAFailedJob() throws Exception {
        OutputFormat<ProbabilityEvent> failing = new OutputFormat<>(e -> {
            throw new IllegalStateException("boom");
        }, e -> e.key, e -> e.ts);
        FunctionRun<EncodedRecord> run =
                FunctionRun.of(new OutputEncoder<>(failing, "softmax-encode", new RecordSizeLimit(1 << 20, "test"), LIMITS), result("k", 2));

        assertThat(run.outputs).isEmpty();
        assertThat(run.rejected).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo("ENCODER_ERROR");
            assertThat(d.error).isEqualTo("Writing the result failed unexpectedly: java.lang.IllegalStateException: boom");
            assertThat(d.key).isEqualTo("k");
            assertThat(d.payload).isNull();
        });
    }

    private static OutputEncoder<ProbabilityEvent> encoder(int maxBytes) {
        return new OutputEncoder<>(OutputFormat.probabilities(), "softmax-encode",
                new RecordSizeLimit(maxBytes, "max.request.size " + maxBytes), LIMITS);
    }

    /** A uniform distribution over {@code n} classes. */
    private static ProbabilityEvent result(String key, int n) {
        ProbabilityEvent e = new ProbabilityEvent();
        e.key = key;
        e.ts = 1_732_752_000_000L;
        e.classes = new String[n];
        e.probabilities = new double[n];
        for (int i = 0; i < n; i++) {
            e.classes[i] = "class-" + i;
            e.probabilities[i] = 1.0 / n;
        }
        e.top = e.classes[0];
        e.topProbability = 1.0 / n;
        e.entropy = Double.NaN;
        e.margin = Double.NaN;
        return e;
    }
}
