package org.infoprob.jobs.sql;

import org.infoprob.testing.FlinkMiniCluster;
import org.infoprob.testing.KafkaBrokerExtension;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The SQL sample end to end: score JSON on a real Kafka broker -> {@code infoprob-sample.sql} run
 * by {@link SqlJob} on a MiniCluster (parallelism 2, two input partitions) -> probabilities and
 * surprisal JSON on Kafka, read back with read_committed. The job runs bounded ({@code
 * --bounded-mode latest-offset}) so that it ends, and the OVER window flushes at the end.
 *
 * <p>Key u1's top classes are a, a, b, a, c. Expected values are computed by hand: softmax of
 * {ln 3, 0} is {3/4, 1/4}; the surprisal and rarity follow {@code p_x = (c_x + 1) / (C + V +
 * 1)} with the counts before each row, as in the operators' AggregateFunctionsITCase.
 *
 * <p>No record is late, whatever the partitioning and timing: every event time (the {@code ts}
 * fields, and the Kafka timestamp of the record without one) lies within 4 s of the others, less
 * than the sample's 5 s out-of-orderness, so the watermark never passes a record still to come
 * and the OVER window drops none (it drops late rows; see SQL.md, "Late rows"). The times are
 * near now, inside the broker's retention.
 */
class SqlSampleITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double EPS = 1e-15;
    private static final String LN3 = Double.toString(Math.log(3));
    private static final String TOP_A = "{\"a\":" + LN3 + ",\"b\":0.0}";
    private static final String TOP_B = "{\"a\":0.0,\"b\":" + LN3 + "}";
    /** Event times are BASE + 1000 .. BASE + 5000; the Kafka timestamps all BASE + 2500. */
    private static final long BASE = System.currentTimeMillis() / 1000 * 1000;

    @Test
    void sampleWritesProbabilitiesAndPrequentialSurprisalToKafka() throws Exception {
        String input = KAFKA.createTopic("scores", 2);
        String probabilities = KAFKA.createTopic("sql-probabilities", 2);
        String surprisal = KAFKA.createTopic("sql-surprisal", 2);
        KAFKA.produce(
                input,
                BASE + 2500,
                List.of(
                        Map.entry("u1", event("u1", 1000, TOP_A)),
                        // no "key" field: the Kafka record key counts
                        Map.entry("u1", "{\"ts\":" + (BASE + 2000) + ",\"scores\":" + TOP_A + "}"),
                        Map.entry("u1", event("u1", 3000, TOP_B)),
                        Map.entry("u1", event("u1", 4000, TOP_A)),
                        Map.entry("u1", event("u1", 5000, "{\"c\":1.0}")),
                        // no "ts": the Kafka record timestamp (BASE + 2500) is the event time
                        Map.entry("u2", "{\"key\":\"u2\",\"scores\":" + TOP_B + "}"),
                        // not JSON: skipped by the JSON format
                        Map.entry("u3", "not json"),
                        // no scores: NULL probabilities and NULL class, still written
                        Map.entry("u4", event("u4", 1000, "{}"))));

        List<String> statements =
                SqlScript.load(SqlJob.SAMPLE)
                        .statements(
                                Map.of(
                                        "bootstrap-servers", KAFKA.bootstrapServers(),
                                        "input-topic", input,
                                        "probabilities-topic", probabilities,
                                        "surprisal-topic", surprisal,
                                        "group-id", "sql-sample-it",
                                        "transactional-id-prefix", "sql-sample-it",
                                        "bounded-mode", "latest-offset",
                                        "checkpoint-interval", "1 s"));
        // Created in the test: the MiniCluster is the context environment only while a test runs.
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        SqlJob.run(tEnv, statements, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .await();

        List<JsonNode> p = read(probabilities);
        assertThat(p).as("probability records (u3 was not JSON)").hasSize(7);
        JsonNode first = p.get(0);
        assertThat(first.get("key").asText()).isEqualTo("u1");
        assertThat(first.get("probabilities").get("a").asDouble()).isCloseTo(0.75, within(EPS));
        assertThat(first.get("probabilities").get("b").asDouble()).isCloseTo(0.25, within(EPS));
        assertThat(first.get("top").asText()).isEqualTo("a");
        assertThat(first.get("topProbability").asDouble()).isCloseTo(0.75, within(EPS));
        // H = -(3/4 ln 3/4 + 1/4 ln 1/4) = ln 4 - 3/4 ln 3
        assertThat(first.get("entropy").asDouble()).isCloseTo(Math.log(4) - 0.75 * Math.log(3), within(EPS));
        assertThat(keysAndTops(p))
                .containsExactly("u1/a", "u1/a", "u1/b", "u1/a", "u1/c", "u2/b", "u4/null");
        JsonNode empty = p.get(6);
        assertThat(empty.get("probabilities").isNull()).as("empty scores: %s", empty).isTrue();
        assertThat(empty.get("entropy").isNull()).isTrue();

        List<JsonNode> s = read(surprisal);
        assertThat(s).hasSize(7);
        // u1 = a, a, b, a, c: p = 1, 2/3, 1/4, 1/2, 1/7. Rarity at T = 1: (1/q_x) / (sum_j 1/q_j + 1/a)
        // with q = c + a over the classes before the row and the unseen slot (q = a = 1):
        // nothing before -> 0; a 1: (1/2)/(1/2 + 1) = 1/3; a 2, b new: 1/(1/3 + 1) = 3/4;
        // a 2, b 1: (1/3)/(1/3 + 1/2 + 1) = 2/11; a 3, b 1, c new: 1/(1/4 + 1/2 + 1) = 4/7
        double[] expectedSurprisal = {0.0, Math.log(1.5), Math.log(4), Math.log(2), Math.log(7)};
        double[] expectedRarity = {0.0, 1.0 / 3, 0.75, 2.0 / 11, 4.0 / 7};
        for (int i = 0; i < 5; i++) {
            JsonNode row = s.get(i);
            assertThat(row.get("key").asText()).isEqualTo("u1");
            assertThat(row.get("ts").asLong()).as("event order").isEqualTo(BASE + 1000L * (i + 1));
            assertThat(row.get("surprisal").asDouble()).as("surprisal %s", row).isCloseTo(expectedSurprisal[i], within(EPS));
            assertThat(row.get("rarity").asDouble()).as("rarity %s", row).isCloseTo(expectedRarity[i], within(EPS));
        }
        assertThat(s.get(5).get("surprisal").asDouble()).as("u2's first class").isEqualTo(0.0);
        assertThat(s.get(6).get("class").isNull()).isTrue();
        assertThat(s.get(6).get("surprisal").isNull()).as("NULL class").isTrue();
    }

    /** An event at {@code BASE + offset}. */
    private static String event(String key, long offset, String scores) {
        return "{\"key\":\"" + key + "\",\"ts\":" + (BASE + offset) + ",\"scores\":" + scores + "}";
    }

    /** The committed JSON values of {@code topic}, by key, then event time (partition order per key). */
    private static List<JsonNode> read(String topic) throws Exception {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : KAFKA.consumeAll(topic)) {
            values.add(JSON.readTree(record.value()));
        }
        values.sort(Comparator.comparing((JsonNode n) -> n.get("key").asText()).thenComparing(n -> n.get("ts").asLong()));
        return values;
    }

    private static List<String> keysAndTops(List<JsonNode> values) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : values) {
            out.add(n.get("key").asText() + "/" + (n.get("top").isNull() ? "null" : n.get("top").asText()));
        }
        return out;
    }
}
