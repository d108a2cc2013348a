package org.infoprob.jobs;

import org.infoprob.model.InvalidEvent;
import org.infoprob.model.Reason;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuickSoftmaxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OneInputStreamOperatorTestHarness<String, String> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new QuickSoftmax());
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void scoreRecordBecomesProbabilitiesWithTopClassAndEntropy() throws Exception {
        harness.processElement(
                "{\"id\":17,\"key\":\"sensor-7\",\"ts\":1732752000000,"
                        + "\"scores\":{\"cat\":2.0,\"dog\":1.0,\"bird\":-0.5}}",
                0L);

        JsonNode out = onlyOutput();
        assertThat(out.get("id").asLong()).as("id copied").isEqualTo(17L);
        assertThat(out.get("key").asText()).as("key copied").isEqualTo("sensor-7");
        assertThat(out.get("ts").asLong()).as("ts copied").isEqualTo(1732752000000L);
        // By hand: p_i = e^(s_i - 2) / Z, Z = 1 + e^-1 + e^-2.5 = 1.4499644397953411
        // (e^-1 = 0.36787944117144233, e^-2.5 = 0.0820849986238988, Python 3.12 math.exp).
        JsonNode p = out.get("probabilities");
        assertThat(p.get("cat").asDouble()).as("p(cat) = 1/Z").isCloseTo(0.6896720861245036, within(1e-15));
        assertThat(p.get("dog").asDouble()).as("p(dog) = e^-1/Z").isCloseTo(0.25371618163502524, within(1e-15));
        assertThat(p.get("bird").asDouble()).as("p(bird) = e^-2.5/Z").isCloseTo(0.05661173224047129, within(1e-15));
        assertThat(fieldNames(p)).as("classes keep their input order").containsExactly("cat", "dog", "bird");
        assertThat(out.get("top").asText()).as("top class").isEqualTo("cat");
        assertThat(out.get("topProbability").asDouble()).as("top probability").isCloseTo(0.6896720861245036, within(1e-15));
        // H = ln Z - sum_i p_i (s_i - 2) = 0.37153889... + p_dog + 2.5 p_bird = 0.7667845440888863.
        assertThat(out.get("entropy").asDouble()).as("entropy in nats").isCloseTo(0.7667845440888863, within(1e-14));
        assertThat(harness.getSideOutput(InvalidEvent.TAG)).as("nothing rejected").isNull();
    }

    @Test
    void optionalFieldsAreLeftOutAndUnknownFieldsIgnored() throws Exception {
        harness.processElement("{\"model\":{\"v\":[1,2]},\"scores\":{\"a\":0,\"b\":0}}", 0L);

        JsonNode out = onlyOutput();
        assertThat(fieldNames(out))
                .as("fields of a record without id, key and ts")
                .containsExactly("probabilities", "top", "topProbability", "entropy");
        assertThat(out.get("probabilities").get("a").asDouble()).as("equal scores, p = 1/2").isEqualTo(0.5);
        assertThat(out.get("top").asText()).as("ties go to the first class").isEqualTo("a");
    }

    @Test
    void positiveInfinitiesShareTheMass() throws Exception {
        harness.processElement("{\"scores\":{\"a\":Infinity,\"b\":1.0,\"c\":Infinity}}", 0L);

        JsonNode p = onlyOutput().get("probabilities");
        assertThat(p.get("a").asDouble()).as("p(a), one of two +inf").isEqualTo(0.5);
        assertThat(p.get("b").asDouble()).as("p(b), finite next to +inf").isEqualTo(0.0);
        assertThat(p.get("c").asDouble()).as("p(c), one of two +inf").isEqualTo(0.5);
    }

    @Test
    void classNamesAreEscapedInTheOutput() throws Exception {
        harness.processElement("{\"scores\":{\"say \\\"hi\\\"\\n\":1.0}}", 0L);

        JsonNode p = onlyOutput().get("probabilities");
        assertThat(fieldNames(p)).as("the class name, parsed back").containsExactly("say \"hi\"\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json at all                                  | INVALID_JSON",
                "{\"scores\":{\"a\":1.0}} trailing                | INVALID_JSON",
                "[1,2,3]                                          | NOT_AN_OBJECT",
                "{\"id\":1}                                       | MISSING_FIELD",
                "{\"scores\":null}                                | MISSING_FIELD",
                "{\"scores\":[1.0,2.0]}                           | WRONG_TYPE",
                "{\"scores\":{\"a\":\"1.0\"}}                     | WRONG_TYPE",
                "{\"id\":\"7\",\"scores\":{\"a\":1.0}}            | WRONG_TYPE",
                "{\"id\":1.5,\"scores\":{\"a\":1.0}}              | WRONG_TYPE",
                "{\"id\":99999999999999999999,\"scores\":{\"a\":1}} | WRONG_TYPE",
                "{\"scores\":{}}                                  | EMPTY_SCORES",
                "{\"scores\":{\"a\":1.0,\"b\":NaN}}               | NON_FINITE_SCORE",
                "{\"scores\":{\"a\":-Infinity,\"b\":-Infinity}}   | ALL_NEGATIVE_INFINITY",
                "{\"scores\":{\"a\":1.0,\"a\":2.0}}               | DUPLICATE_CLASS",
                "{\"scores\":{\"\":1.0}}                          | EMPTY_CLASS_NAME",
            })
    void badRecordGoesToTheSideOutputWithItsReasonAndPayload(String payload, Reason reason)
            throws Exception {
        harness.processElement(payload, 0L);

        assertThat(harness.extractOutputValues()).as("main output").isEmpty();
        InvalidEvent rejected = onlyRejected();
        assertThat(rejected.reason).as("reason of %s", payload).isEqualTo(reason.name());
        assertThat(rejected.payload).as("original payload kept").isEqualTo(payload);
        assertThat(rejected.rejectedBy).as("rejectedBy").isEqualTo(QuickSoftmax.NAME);
        assertThat(rejected.error).as("error message").isNotBlank();
    }

    @Test
    void nanRejectionNamesTheClass() throws Exception {
        harness.processElement("{\"key\":\"k\",\"ts\":5,\"scores\":{\"a\":1.0,\"b\":NaN}}", 0L);

        InvalidEvent rejected = onlyRejected();
        assertThat(rejected.error).as("error message").contains("index 1").contains("class b");
        assertThat(rejected.key).as("key of the rejected record").isEqualTo("k");
        assertThat(rejected.ts).as("ts of the rejected record").isEqualTo(5L);
    }

    @Test
    void moreThanMaxClassesIsRejectedAndMaxIsAccepted() throws Exception {
        harness.processElement(scoresWithClasses(QuickSoftmax.MAX_CLASSES), 0L);
        harness.processElement(scoresWithClasses(QuickSoftmax.MAX_CLASSES + 1), 0L);

        assertThat(harness.extractOutputValues()).as("outputs: the record with MAX_CLASSES classes").hasSize(1);
        JsonNode p = JSON.readTree(harness.extractOutputValues().get(0)).get("probabilities");
        assertThat(p.size()).as("classes in the accepted record").isEqualTo(QuickSoftmax.MAX_CLASSES);
        assertThat(p.get("c0").asDouble()).as("equal scores, p = 1/256").isEqualTo(1.0 / 256);
        assertThat(onlyRejected().reason).as("reason").isEqualTo(Reason.TOO_MANY_CLASSES.name());
    }

    @Test
    void fieldsOfOneRecordDoNotLeakIntoTheNext() throws Exception {
        harness.processElement("{\"id\":1,\"key\":\"k\",\"ts\":9,\"scores\":{\"a\":1,\"b\":2,\"c\":3}}", 0L);
        harness.processElement("{\"scores\":{\"x\":0}}", 0L);

        JsonNode second = JSON.readTree(harness.extractOutputValues().get(1));
        assertThat(fieldNames(second))
                .as("fields of the second record")
                .containsExactly("probabilities", "top", "topProbability", "entropy");
        assertThat(fieldNames(second.get("probabilities"))).as("classes of the second record").containsExactly("x");
    }

    @Test
    void deadLetterJsonCarriesReasonOriginAndEscapedPayload() throws Exception {
        InvalidEvent e =
                InvalidEvent.of(
                        Reason.INVALID_JSON, "Not valid JSON", "quick-softmax", "k", 5L, "in", 1, 42L, "{\"a\":");

        JsonNode json = JSON.readTree(QuickSoftmax.deadLetterJson(e));

        assertThat(json.get("reason").asText()).as("reason").isEqualTo("INVALID_JSON");
        assertThat(json.get("error").asText()).as("error").isEqualTo("Not valid JSON");
        assertThat(json.get("rejectedBy").asText()).as("rejectedBy").isEqualTo("quick-softmax");
        assertThat(json.get("key").asText()).as("key").isEqualTo("k");
        assertThat(json.get("ts").asLong()).as("ts").isEqualTo(5L);
        assertThat(json.get("topic").asText()).as("topic").isEqualTo("in");
        assertThat(json.get("partition").asInt()).as("partition").isEqualTo(1);
        assertThat(json.get("offset").asLong()).as("offset").isEqualTo(42L);
        assertThat(json.get("payload").asText()).as("payload, unescaped").isEqualTo("{\"a\":");
    }

    private JsonNode onlyOutput() throws Exception {
        List<String> out = harness.extractOutputValues();
        assertThat(out).as("main output").hasSize(1);
        return JSON.readTree(out.get(0));
    }

    private InvalidEvent onlyRejected() {
        assertThat(harness.getSideOutput(InvalidEvent.TAG)).as("side output").hasSize(1);
        StreamRecord<InvalidEvent> record = harness.getSideOutput(InvalidEvent.TAG).peek();
        return record.getValue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(property -> names.add(property.getKey()));
        return names;
    }

    private static String scoresWithClasses(int n) {
        StringBuilder b = new StringBuilder("{\"scores\":{");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":0.0");
        }
        return b.append("}}").toString();
    }
}
