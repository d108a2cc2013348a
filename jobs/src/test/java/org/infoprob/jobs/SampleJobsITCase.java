package org.infoprob.jobs;

import org.infoprob.testing.FlinkMiniCluster;
import org.infoprob.testing.KafkaBrokerExtension;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every sample job end to end: records produced to a real (in-JVM) broker, the job's real
 * source, pipeline and exactly-once sinks on a MiniCluster, and the committed output read back.
 * The jobs run bounded (they stop at the input's end offsets) with restarts disabled, so a
 * record that failed an operator would fail the test instead of hiding in a restart.
 * Expected values are worked out by hand from the formulas in the comments.
 */
class SampleJobsITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bad payloads, one per reason code the softmax job can see, with the reason expected. */
    private static final String[][] POISON = {
        {"INVALID_JSON", "{\"scores\":"},
        {"NOT_AN_OBJECT", "[1,2,3]"},
        {"MISSING_FIELD", "{\"key\":\"x\",\"ts\":5}"},
        {"WRONG_TYPE", "{\"scores\":{\"cat\":\"high\"}}"},
        {"NON_FINITE_SCORE", "{\"scores\":{\"cat\":NaN,\"dog\":1}}"},
        {"EMPTY_SCORES", "{\"scores\":{}}"},
        {"DUPLICATE_CLASS", "{\"scores\":{\"cat\":1,\"cat\":2}}"},
        {"UNKNOWN_CLASS", "{\"scores\":{\"cow\":1}}"},
        {"TOO_MANY_CLASSES", "{\"scores\":{\"cat\":1,\"dog\":2,\"bird\":3,\"fish\":4}}"},
        {"RECORD_TOO_LARGE", "{\"scores\":{\"cat\":1},\"padding\":\"" + "x".repeat(400) + "\"}"},
        {"INVALID_UTF8", null},
        {"EMPTY_CLASS_NAME", "{\"scores\":{\"\":1}}"},
        {"ALL_NEGATIVE_INFINITY", "{\"scores\":{\"cat\":-Infinity,\"dog\":-Infinity}}"},
    };

    private static final byte[] NOT_UTF8 = {'{', (byte) 0xFF, '}'};

    /** The Kafka timestamp of the record without {@code ts}: a past instant, unlike the time of sending. */
    private static final long KAFKA_TIMESTAMP = 1_732_752_000_123L;

    @Test
    void softmaxJobProcessesEveryValidRecordAndSendsEveryBadOneToTheDeadLetterTopic() throws Exception {
        String in = KAFKA.createTopic("scores", 1);
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        records.add(entry("a", "{\"key\":\"a\",\"ts\":1000,\"scores\":{\"cat\":2.0,\"dog\":1.0,\"bird\":-0.5}}"));
        for (String[] poison : POISON) {
            records.add(new SimpleImmutableEntry<>("bad", poison[1] == null ? NOT_UTF8 : bytes(poison[1])));
        }
        records.add(entry("b", "{\"key\":\"b\",\"ts\":2000,\"scores\":{\"dog\":0.0,\"cat\":0.0}}"));
        KAFKA.produceBytes(in, records);
        // no key and no ts in the JSON: the Kafka key and the Kafka timestamp stand in for them
        KAFKA.produce(in, KAFKA_TIMESTAMP, List.of(Map.entry("kafka-key", "{\"scores\":{\"cat\":Infinity,\"dog\":1}}")));

        Topics t = run("softmax", in, "--classes", "cat,dog,bird", "--max-classes-per-record", "3", "--max-record-bytes", "400");

        List<JsonNode> out = t.output();
        assertThat(out).as("the three valid records, in order").hasSize(3);
        // softmax(2, 1, -0.5): Z = 1 + e^-1 + e^-2.5 = 1.4499644397953411, p = (1, e^-1, e^-2.5) / Z
        JsonNode a = out.get(0);
        assertThat(a.get("key").asText()).isEqualTo("a");
        assertThat(a.get("ts").asLong()).isEqualTo(1000L);
        assertThat(a.at("/probabilities/cat").asDouble()).isCloseTo(0.6896720861245036, within(1e-15));
        assertThat(a.at("/probabilities/dog").asDouble()).isCloseTo(0.25371618163502524, within(1e-15));
        assertThat(a.at("/probabilities/bird").asDouble()).isCloseTo(0.05661173224047129, within(1e-15));
        assertThat(a.get("top").asText()).isEqualTo("cat");
        // equal scores: 1/2 each, in the record's class order
        JsonNode b = out.get(1);
        assertThat(b.get("probabilities").fieldNames()).toIterable().containsExactly("dog", "cat");
        assertThat(b.at("/probabilities/dog").asDouble()).isEqualTo(0.5);
        // +inf takes all the mass; key and ts come from the Kafka record
        JsonNode c = out.get(2);
        assertThat(c.get("key").asText()).isEqualTo("kafka-key");
        assertThat(c.get("ts").asLong()).as("the Kafka timestamp").isEqualTo(KAFKA_TIMESTAMP);
        assertThat(c.at("/probabilities/cat").asDouble()).isEqualTo(1.0);
        assertThat(c.at("/probabilities/dog").asDouble()).isEqualTo(0.0);

        List<JsonNode> dead = t.deadLetters();
        assertThat(dead.stream().map(d -> d.get("reason").asText()).collect(Collectors.toList()))
                .as("one dead letter per poison record, in order")
                .containsExactly(java.util.Arrays.stream(POISON).map(p -> p[0]).toArray(String[]::new));
        for (int i = 0; i < POISON.length; i++) {
            JsonNode d = dead.get(i);
            assertThat(d.get("topic").asText()).isEqualTo(in);
            assertThat(d.get("partition").asInt()).isZero();
            assertThat(d.get("offset").asLong()).as("offset of poison record %d", i).isEqualTo(i + 1);
            assertThat(d.get("error").asText()).as("error of %s", POISON[i][0]).isNotBlank();
            if (POISON[i][1] == null) {
                assertThat(Base64.getDecoder().decode(d.get("payloadBase64").asText())).isEqualTo(NOT_UTF8);
            } else {
                assertThat(d.get("payload").asText()).as("original payload of %s", POISON[i][0]).isEqualTo(POISON[i][1]);
            }
        }
    }

    @Test
    void sigmoidJobForBinaryAndMultiLabelScores() throws Exception {
        String binary = KAFKA.createTopic("binary-scores", 1);
        KAFKA.produce(binary, List.of(
                Map.entry("s", "{\"key\":\"s\",\"ts\":1,\"score\":0.0}"),
                Map.entry("s", "{\"key\":\"s\",\"ts\":2,\"score\":2.0}"),
                Map.entry("s", "{\"key\":\"s\",\"ts\":3,\"score\":NaN}")));
        Topics t = run("sigmoid", binary);
        List<JsonNode> out = t.output();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).at("/probabilities/positive").asDouble()).isEqualTo(0.5);
        // 1 / (1 + e^-2) = 0.8807970779778823
        assertThat(out.get(1).at("/probabilities/positive").asDouble()).isCloseTo(0.8807970779778823, within(2e-16));
        assertThat(out.get(1).at("/probabilities/negative").asDouble()).isCloseTo(0.11920292202211755, within(2e-16));
        assertThat(t.deadLetters()).extracting(d -> d.get("reason").asText()).containsExactly("NON_FINITE_SCORE");

        String multi = KAFKA.createTopic("labels", 1);
        KAFKA.produce(multi, List.of(Map.entry("d", "{\"key\":\"doc-1\",\"ts\":1,\"scores\":{\"sports\":2.0,\"politics\":-1.0}}")));
        List<JsonNode> labels = run("sigmoid", multi, "--multi-label").output();
        assertThat(labels).hasSize(1);
        // independent sigmoids: 1/(1+e^-2) and 1/(1+e^1) = 0.2689414213699951
        assertThat(labels.get(0).at("/probabilities/sports").asDouble()).isCloseTo(0.8807970779778823, within(2e-16));
        assertThat(labels.get(0).at("/probabilities/politics").asDouble()).isCloseTo(0.2689414213699951, within(2e-16));
    }

    @Test
    void surprisalJobScoresEachEventAgainstWhatCameBefore() throws Exception {
        String in = KAFKA.createTopic("classes", 2);
        KAFKA.produce(in, List.of(
                Map.entry("u", "{\"key\":\"u\",\"ts\":1,\"class\":\"login\"}"),
                Map.entry("u", "{\"key\":\"u\",\"ts\":2,\"class\":\"login\"}"),
                Map.entry("u", "{\"key\":\"u\",\"ts\":3,\"class\":\"logout\"}"),
                Map.entry("u", "{\"key\":\"u\",\"ts\":4,\"class\":\"login_failed\"}"),
                Map.entry("v", "{\"key\":\"v\",\"ts\":1,\"class\":\"login\"}"),
                Map.entry("v", "{\"key\":\"v\",\"ts\":2,\"class\":\"\"}")));
        Topics t = run("surprisal", in);
        List<JsonNode> u = t.output().stream().filter(n -> n.get("key").asText().equals("u")).collect(Collectors.toList());
        assertThat(u).extracting(n -> n.get("class").asText()).containsExactly("login", "login", "logout", "login_failed");
        // a = 1, p_x = (c_x + 1) / (C + V + 1), scored before counting:
        // 1st login: 1/1 -> 0 nats; 2nd login: 2/3 -> ln 1.5; logout: 1/4 -> ln 4; login_failed: 1/6 -> ln 6
        assertThat(u.get(0).get("surprisal").asDouble()).isCloseTo(0.0, within(1e-15));
        assertThat(u.get(0).get("firstSeen").asBoolean()).isTrue();
        assertThat(u.get(1).get("surprisal").asDouble()).isCloseTo(Math.log(1.5), within(1e-15));
        assertThat(u.get(1).get("count").asDouble()).isEqualTo(1.0);
        assertThat(u.get(2).get("surprisal").asDouble()).isCloseTo(Math.log(4), within(1e-15));
        JsonNode failed = u.get(3);
        assertThat(failed.get("surprisal").asDouble()).isCloseTo(Math.log(6), within(1e-15));
        assertThat(failed.get("oneIn").asDouble()).isCloseTo(6.0, within(1e-12));
        assertThat(failed.get("total").asDouble()).isEqualTo(3.0);
        // reference login with p = 3/6: score = ln 6 - ln 2 = ln 3
        assertThat(failed.get("score").asDouble()).isCloseTo(Math.log(3), within(1e-15));
        assertThat(failed.get("reference").asText()).isEqualTo("login");
        // rarity (T = 1): a softmax of the surprisals over the classes held and the unseen slot,
        // (1/q_x) / (sum_j 1/q_j + 1/a) with q = c + a. 1st login: no history, rarity 0 by
        // definition; 2nd login: q_login = 2, unseen 1: (1/2) / (1/2 + 1) = 1/3; logout (not held,
        // the unseen slot): q_login = 3: 1 / (1/3 + 1) = 3/4; login_failed (unseen): login 3,
        // logout 2: 1 / (1/3 + 1/2 + 1) = 6/11 (0.1's formula happens to give 6/11 here too, as it
        // put the new class itself with p = 1/6 into the sum).
        assertThat(u.get(0).get("rarity").asDouble()).isEqualTo(0.0);
        assertThat(u.get(1).get("rarity").asDouble()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(u.get(2).get("rarity").asDouble()).isCloseTo(0.75, within(1e-15));
        assertThat(failed.get("rarity").asDouble()).isCloseTo(6.0 / 11, within(1e-15));
        assertThat(u).extracting(n -> n.get("countError").asDouble()).as("exact counts").containsOnly(0.0);
        assertThat(t.deadLetters()).extracting(d -> d.get("reason").asText()).containsExactly("EMPTY_CLASS_NAME");
    }

    @Test
    void windowSoftmaxJobCombinesEachKeysEventsPerWindow() throws Exception {
        String in = KAFKA.createTopic("window-scores", 1);
        KAFKA.produce(in, List.of(
                Map.entry("k", "{\"key\":\"k\",\"ts\":1000,\"scores\":{\"a\":0.0,\"b\":0.0}}"),
                Map.entry("k", "{\"key\":\"k\",\"ts\":2000,\"scores\":{\"a\":2.0,\"b\":0.0}}"),
                Map.entry("k", "{\"key\":\"k\",\"ts\":61000,\"scores\":{\"a\":0.0,\"b\":0.0}}")));
        List<JsonNode> out = run("window-softmax", in, "--window-size", "1 min").output();
        assertThat(out).hasSize(2);
        JsonNode first = out.stream().filter(n -> n.get("windowStart").asLong() == 0).findFirst().orElseThrow();
        // MEAN_LOGITS: a = (0 + 2)/2 = 1, b = 0 -> p_a = e / (1 + e) = 0.7310585786300049
        assertThat(first.at("/probabilities/a").asDouble()).isCloseTo(0.7310585786300049, within(2e-16));
        assertThat(first.get("windowEnd").asLong()).isEqualTo(60_000L);
        assertThat(first.get("count").asLong()).isEqualTo(2L);
        JsonNode second = out.stream().filter(n -> n.get("windowStart").asLong() == 60_000).findFirst().orElseThrow();
        assertThat(second.at("/probabilities/a").asDouble()).isEqualTo(0.5);
    }

    @Test
    void windowSurprisalJobScoresEveryClassOfAWindow() throws Exception {
        String in = KAFKA.createTopic("window-classes", 1);
        KAFKA.produce(in, List.of(
                Map.entry("u", "{\"key\":\"u\",\"ts\":1000,\"class\":\"login\"}"),
                Map.entry("u", "{\"key\":\"u\",\"ts\":2000,\"class\":\"login\"}"),
                Map.entry("u", "{\"key\":\"u\",\"ts\":3000,\"class\":\"logout\"}"),
                Map.entry("u", "{\"key\":\"u\",\"ts\":4000,\"class\":\"login\"}")));
        List<JsonNode> out = run("window-surprisal", in, "--window-size", "1 min").output();
        assertThat(out).hasSize(1);
        JsonNode w = out.get(0);
        assertThat(w.fieldNames()).toIterable().as("every field of a window result, in order").containsExactly(
                "key", "ts", "windowStart", "windowEnd", "total", "distinct", "entropy", "unseenProbability",
                "unseenRarity", "countError", "classes");
        assertThat(w.get("key").asText()).isEqualTo("u");
        assertThat(w.get("ts").asLong()).as("the window's last millisecond").isEqualTo(59_999L);
        assertThat(w.get("windowStart").asLong()).isZero();
        assertThat(w.get("windowEnd").asLong()).isEqualTo(60_000L);
        assertThat(w.get("total").asDouble()).isEqualTo(4.0);
        assertThat(w.get("distinct").asInt()).isEqualTo(2);
        // a = 1: p = (c + 1) / (C + a (V + 1)) = (3 + 1) / 7 and (1 + 1) / 7, unseen 1/7;
        // H = -(4/7 ln 4/7 + 2/7 ln 2/7 + 1/7 ln 1/7) = 0.9556998911125343 (Python 3 math.log)
        assertThat(w.get("entropy").asDouble()).isCloseTo(0.9556998911125343, within(1e-15));
        assertThat(w.get("unseenProbability").asDouble()).isCloseTo(1.0 / 7, within(1e-16));
        // rarity (T = 1) = (1/q) / (1/4 + 1/2 + 1/1) with q = c + a: login 1/7, logout 2/7, unseen 4/7
        assertThat(w.get("unseenRarity").asDouble()).isCloseTo(4.0 / 7, within(1e-15));
        assertThat(w.get("countError").asDouble()).isEqualTo(0.0);
        JsonNode classes = w.get("classes");
        assertThat(classes).as("the classes, most frequent first").hasSize(2);
        for (JsonNode c : classes) {
            assertThat(c.fieldNames()).toIterable().containsExactly(
                    "class", "count", "countError", "probability", "surprisal", "score", "rarity");
        }
        JsonNode login = classes.get(0);
        assertThat(login.get("class").asText()).isEqualTo("login");
        assertThat(login.get("count").asDouble()).isEqualTo(3.0);
        assertThat(login.get("countError").asDouble()).isEqualTo(0.0);
        assertThat(login.get("probability").asDouble()).isCloseTo(4.0 / 7, within(1e-15));
        assertThat(login.get("surprisal").asDouble()).as("ln 7/4").isCloseTo(0.5596157879354227, within(1e-15));
        assertThat(login.get("score").asDouble()).as("the reference").isEqualTo(0.0);
        assertThat(login.get("rarity").asDouble()).isCloseTo(1.0 / 7, within(1e-15));
        JsonNode logout = classes.get(1);
        assertThat(logout.get("class").asText()).isEqualTo("logout");
        assertThat(logout.get("count").asDouble()).isEqualTo(1.0);
        assertThat(logout.get("countError").asDouble()).isEqualTo(0.0);
        assertThat(logout.get("probability").asDouble()).isCloseTo(2.0 / 7, within(1e-15));
        assertThat(logout.get("surprisal").asDouble()).as("ln 7/2").isCloseTo(1.252762968495368, within(1e-15));
        // score of logout = ln(p_login / p_logout) = ln 2
        assertThat(logout.get("score").asDouble()).isCloseTo(Math.log(2), within(1e-15));
        assertThat(logout.get("rarity").asDouble()).isCloseTo(2.0 / 7, within(1e-15));
    }

    @Test
    void helpPrintsTheJobsFlagsAndBadFlagsExitWithStatusTwo() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int help = InfoprobJobs.run(new String[] {"softmax", "--help"}, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(help).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--bootstrap-servers").contains("(default: scores)");
        int bad = InfoprobJobs.run(new String[] {"softmax", "--temperature", "0"}, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid value for --temperature: Temperature must be finite and > 0, was 0.0");
    }

    /** Runs {@code job} bounded over {@code input} into fresh topics; returns them. */
    private static Topics run(String job, String input, String... flags) throws Exception {
        String output = KAFKA.createTopic(job + "-out", 1);
        String deadLetters = KAFKA.createTopic(job + "-dead", 1);
        List<String> args = new ArrayList<>(List.of(
                job,
                "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--input-topic", input,
                "--output-topic", output,
                "--dead-letter-topic", deadLetters,
                "--group-id", "itcase-" + output,
                "--transactional-id-prefix", "itcase-" + output,
                "--starting-offsets", "earliest",
                "--checkpoint-interval", "500 ms",
                "--bounded"));
        if (job.equals("surprisal") || job.startsWith("window-")) {
            args.addAll(List.of("--out-of-orderness", "0 ms"));
        }
        args.addAll(List.of(flags));
        KafkaJob parsed = (KafkaJob) InfoprobJobs.parse(args.toArray(new String[0]));
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        JobRunner.configure(env, parsed.kafka().runtime());
        JobRunner.addTo(env, parsed);
        env.execute(job + " itcase");
        return new Topics(output, deadLetters);
    }

    private record Topics(String outputTopic, String deadLetterTopic) {
        List<JsonNode> output() throws Exception {
            return read(outputTopic);
        }

        List<JsonNode> deadLetters() throws Exception {
            return read(deadLetterTopic);
        }

        private static List<JsonNode> read(String topic) throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (ConsumerRecord<String, String> r : KAFKA.consumeAll(topic)) {
                nodes.add(JSON.readTree(r.value()));
            }
            return nodes;
        }
    }

    private static Map.Entry<String, byte[]> entry(String key, String value) {
        return new SimpleImmutableEntry<>(key, bytes(value));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
