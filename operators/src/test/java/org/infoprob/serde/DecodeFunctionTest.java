package org.infoprob.serde;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
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
}
