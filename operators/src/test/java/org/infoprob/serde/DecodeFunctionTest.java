package org.infoprob.serde;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.infoprob.internal.DeadLetters;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;
import org.infoprob.testing.FunctionRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.infoprob.serde.ClassEventDecoderTest.bytes;

class DecodeFunctionTest {

    @Test
    void goodRecordsPassAndBadOnesBecomeDeadLettersWithOriginAndPayload() throws Exception {
        DecodeFunction<ClassEvent> fn = new DecodeFunction<>(new ClassEventDecoder(), "decode-classes");
        try (OneInputStreamOperatorTestHarness<KafkaRecord, ClassEvent> h = ProcessFunctionTestHarnesses.forProcessFunction(fn)) {
            h.processElement(KafkaRecord.of(bytes("u"), bytes("{\"class\":\"a\"}"), "classes", 1, 10, 5), 5);
            h.processElement(KafkaRecord.of(bytes("u"), bytes("{\"class\":"), "classes", 1, 11, 6), 6);
            h.processElement(KafkaRecord.of(null, new byte[] {(byte) 0xFF}, "classes", 0, 12, 7), 7);
            h.processElement(KafkaRecord.of(bytes("u"), bytes("{\"class\":\"b\"}"), "classes", 1, 13, 8), 8);

            assertThat(h.extractOutputValues()).extracting(e -> e.className).containsExactly("a", "b");
            List<DeadLetter> dead = new ArrayList<>();
            for (StreamRecord<DeadLetter> r : h.getSideOutput(DeadLetter.TAG)) {
                dead.add(r.getValue());
            }
            assertThat(dead).hasSize(2);
            DeadLetter json = dead.get(0);
            assertThat(json.reason).isEqualTo("INVALID_JSON");
            assertThat(json.rejectedBy).isEqualTo("decode-classes");
            assertThat(json.topic).isEqualTo("classes");
            assertThat(json.partition).isEqualTo(1);
            assertThat(json.offset).isEqualTo(11L);
            assertThat(json.key).isEqualTo("u");
            assertThat(json.ts).isEqualTo(6L);
            assertThat(json.payload).isEqualTo("{\"class\":");
            assertThat(json.payloadBase64).isFalse();
            DeadLetter binary = dead.get(1);
            assertThat(binary.reason).isEqualTo("INVALID_UTF8");
            assertThat(binary.payload).as("0xFF base64-encoded").isEqualTo("/w==");
            assertThat(binary.payloadBase64).isTrue();

            assertThat(h.getOneInputOperator()).isInstanceOf(ProcessOperator.class);
        }
    }

    @Test
    void nonUtf8KafkaKeysAreRejectedAndKeptLosslessly() throws Exception {
        FunctionRun<ClassEvent> run = FunctionRun.of(
                new DecodeFunction<>(new ClassEventDecoder(), "decode-classes"),
                KafkaRecord.of(new byte[] {(byte) 0xFF}, bytes("{\"class\":\"a\"}"), "classes", 0, 1, 5),
                KafkaRecord.of(new byte[] {(byte) 0xFE}, bytes("{\"class\":\"a\"}"), "classes", 0, 2, 5));
        assertThat(run.outputs).as("two different keys are never merged into one").isEmpty();
        assertThat(run.rejected).extracting(d -> d.reason).containsExactly("INVALID_KEY", "INVALID_KEY");
        assertThat(run.rejected).allSatisfy(d -> assertThat(d.keyBase64).isTrue());
        assertThat(Base64.getDecoder().decode(run.rejected.get(0).key)).containsExactly(0xFF);
        assertThat(Base64.getDecoder().decode(run.rejected.get(1).key)).containsExactly(0xFE);
    }

    @Test
    void aPayloadAboveTheLimitIsCutWithItsSizeAndDigest() throws Exception {
        byte[] big = bytes("{\"class\":\"a\",\"pad\":\"" + "x".repeat(3_000_000) + "\"}");
        FunctionRun<ClassEvent> run = FunctionRun.of(
                new DecodeFunction<>(new ClassEventDecoder(), "decode", DeadLetterLimits.DEFAULT),
                KafkaRecord.of(null, big, "classes", 4, 77, 5));
        DeadLetter d = run.rejected.get(0);
        assertThat(d.reason).isEqualTo("RECORD_TOO_LARGE");
        assertThat(d.payload).hasSize(DeadLetterLimits.DEFAULT_MAX_PAYLOAD_BYTES);
        assertThat(d.payloadTruncated).isTrue();
        assertThat(d.originalSize).isEqualTo(big.length);
        assertThat(d.payloadSha256).isEqualTo(DeadLetters.sha256Hex(big));
        assertThat(new DeadLetterSerializer().serialize(d).length)
                .as("fits a producer's default max.request.size of 1 MiB")
                .isLessThan(1 << 20);
    }

    @Test
    void aDecoderThatThrowsAnythingElseGivesADecoderErrorNotAFailure() throws Exception {
        RecordDecoder<ClassEvent> broken = new RecordDecoder<>() {
            @Override
            public ClassEvent decode(KafkaRecord record) {
                throw new IllegalStateException("bug " + record.offset);
            }

            @Override
            public Class<ClassEvent> producedType() {
                return ClassEvent.class;
            }
        };
        FunctionRun<ClassEvent> run = FunctionRun.of(
                new DecodeFunction<>(broken, "decode"), KafkaRecord.of(null, bytes("{}"), "t", 0, 3, 5));
        assertThat(run.rejected).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(Reason.DECODER_ERROR.name());
            assertThat(d.error).isEqualTo("Decoder failed unexpectedly: java.lang.IllegalStateException: bug 3");
            assertThat(d.payload).isEqualTo("{}");
        });
        assertThat(run.metrics.count("reason.DECODER_ERROR.deadLetters")).isEqualTo(1);
    }

    @Test
    void theNameIsRequired() {
        assertThatThrownBy(() -> new DecodeFunction<>(new ClassEventDecoder(), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Name must not be null or empty, was ");
        assertThatThrownBy(() -> new DecodeFunction<>(new ClassEventDecoder(), "n", null))
                .hasMessage("Dead letter limits must not be null");
    }
}
