package org.infoprob.jobs;

import org.infoprob.jobs.kafka.SinkLimits;
import org.infoprob.serde.KafkaRecord;
import org.infoprob.testing.FlinkMiniCluster;
import org.infoprob.testing.KafkaBrokerExtension;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The jobs' promise that "every operator has a uid, so savepoints stay compatible across
 * versions" (jobs/README.md), held against a changed graph: every sample job (each of them keeps
 * Kafka source offsets; surprisal keyed counts; the window jobs window contents) runs in one
 * Flink job on the MiniCluster and the in-JVM broker, is stopped with a savepoint (no drain, so
 * open windows stay in the savepoint), and is started again from it as a <em>different</em>
 * graph, as a new release of the jobs would be: a stateless pass-through with its own uid and
 * its own task (chaining disabled) between each source and its decoder, and another after each
 * job's results, before the encoder. The restore runs with {@code allowNonRestoredState} off
 * ({@link StateRecoveryOptions#SAVEPOINT_IGNORE_UNCLAIMED_STATE} false), so any state of the
 * savepoint that finds no operator fails the job; the same savepoint into a graph whose
 * {@code information} operator has another uid is shown to fail that way.
 *
 * <p>Then the state must really continue: the sources start with {@code --starting-offsets
 * earliest}, so a lost source position would read phase 1 again (its results twice); the
 * surprisal counts of phase 2 are the counts over both phases; a window open across the
 * savepoint holds the events of both phases. Values by hand in the comments.
 *
 * <p>Tried when written: without {@code .uid("information")} in {@link SurprisalJob} the job is
 * refused at submission ({@code pipeline.auto-generate-uids: false}); with generated uids
 * allowed as well, the restore fails with "Cannot map checkpoint/savepoint state for operator
 * ... to the new program", because the inserted operators change every generated uid.
 */
class JobsUpgradeITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(1);

    /** One job of the run: its flags and topics (inputs have two partitions, one per source subtask). */
    private record Lane(String label, List<String> args, String in, String out, String dead) {}

    @Test
    void everyJobsStateCarriesOverASavepointIntoAChangedGraph(@TempDir Path savepoints) throws Exception {
        Lane softmax = lane("softmax", "softmax");
        Lane sigmoid = lane("sigmoid", "sigmoid");
        Lane multiLabel = lane("multi-label", "sigmoid", "--multi-label");
        Lane surprisal = lane("surprisal", "surprisal", "--out-of-orderness", "0 ms");
        Lane windowSoftmax = lane("window-softmax", "window-softmax", "--window-size", "1 min", "--out-of-orderness", "0 ms");
        Lane windowSurprisal = lane("window-surprisal", "window-surprisal", "--window-size", "1 min", "--out-of-orderness", "0 ms");
        List<Lane> lanes = List.of(softmax, sigmoid, multiLabel, surprisal, windowSoftmax, windowSurprisal);

        // Phase 1. The window jobs' ticks (one per partition) move the watermark to 61,999:
        // the window [0, 60000) fires, [60000, 120000) stays open across the savepoint.
        KAFKA.produce(softmax.in(), List.of(Map.entry("s1", "{\"key\":\"s1\",\"ts\":1,\"scores\":{\"cat\":2.0,\"dog\":1.0}}")));
        KAFKA.produce(sigmoid.in(), List.of(Map.entry("b1", "{\"key\":\"b1\",\"ts\":1,\"score\":0.0}")));
        KAFKA.produce(multiLabel.in(), List.of(Map.entry("m1", "{\"key\":\"m1\",\"ts\":1,\"scores\":{\"x\":0.0}}")));
        KAFKA.produce(surprisal.in(), List.of(
                Map.entry("u", classEvent("u", 1, "login")),
                Map.entry("u", classEvent("u", 2, "login")),
                Map.entry("u", classEvent("u", 3, "logout")),
                Map.entry("v", classEvent("v", 1, "x"))));
        KAFKA.produce(windowSoftmax.in(), List.of(
                Map.entry("k", scoreEvent("k", 1000, 1.0)),
                Map.entry("k", scoreEvent("k", 61_000, 2.0))));
        ticks(windowSoftmax, key -> scoreEvent(key, 62_000, 0.0));
        KAFKA.produce(windowSurprisal.in(), List.of(
                Map.entry("u", classEvent("u", 1000, "login")),
                Map.entry("u", classEvent("u", 61_000, "login")),
                Map.entry("u", classEvent("u", 61_500, "logout"))));
        ticks(windowSurprisal, key -> classEvent(key, 62_000, "tick"));

        JobClient first = build(lanes, environment(null), false).executeAsync("upgrade test, release n");
        awaitOutputs(first, lanes, 1, 1, 1, 4, 1, 1);
        String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);

        // Phase 2, read only by the restored job.
        KAFKA.produce(softmax.in(), List.of(Map.entry("s2", "{\"key\":\"s2\",\"ts\":2,\"scores\":{\"cat\":0.0,\"dog\":0.0}}")));
        KAFKA.produce(sigmoid.in(), List.of(Map.entry("b2", "{\"key\":\"b2\",\"ts\":2,\"score\":2.0}")));
        KAFKA.produce(multiLabel.in(), List.of(Map.entry("m2", "{\"key\":\"m2\",\"ts\":2,\"scores\":{\"x\":2.0}}")));
        KAFKA.produce(surprisal.in(), List.of(
                Map.entry("u", classEvent("u", 4, "login_failed")),
                Map.entry("u", classEvent("u", 5, "login")),
                Map.entry("v", classEvent("v", 2, "x"))));
        KAFKA.produce(windowSoftmax.in(), List.of(Map.entry("k", scoreEvent("k", 62_000, 4.0))));
        ticks(windowSoftmax, key -> scoreEvent(key, 125_000, 0.0));
        KAFKA.produce(windowSurprisal.in(), List.of(Map.entry("u", classEvent("u", 62_000, "login"))));
        ticks(windowSurprisal, key -> classEvent(key, 125_000, "tick"));

        StreamExecutionEnvironment renamed = build(lanes, environment(savepoint), true);
        JobRunner.reachable(renamed).stream()
                .filter(t -> "surprisal/information".equals(t.getUid()))
                .forEach(t -> t.setUid("surprisal/information-renamed"));
        assertThatThrownBy(() -> renamed.executeAsync("upgrade test, a uid changed").getJobExecutionResult().get(1, TimeUnit.MINUTES))
                .as("the savepoint's counts of uid 'information' have no operator; allowNonRestoredState is off")
                .hasStackTraceContaining("Cannot map checkpoint/savepoint state for operator")
                .hasStackTraceContaining("allowNonRestoredState");

        JobClient second = build(lanes, environment(savepoint), true).executeAsync("upgrade test, release n + 1");
        // outputs of both phases: softmax, sigmoid, multi-label 2 each; surprisal 4 + 3; window
        // softmax and surprisal: window 0 of the first phase, then [60000, 120000) of k or u and
        // of the two ticks
        awaitOutputs(second, lanes, 2, 2, 2, 7, 4, 4);
        second.cancel().get(1, TimeUnit.MINUTES);

        assertThat(keys(softmax)).as("softmax: phase 1 once, then phase 2 (source offsets restored)").containsExactlyInAnyOrder("s1", "s2");
        assertThat(keys(sigmoid)).as("sigmoid: source offsets restored").containsExactlyInAnyOrder("b1", "b2");
        assertThat(keys(multiLabel)).as("multi-label sigmoid: source offsets restored").containsExactlyInAnyOrder("m1", "m2");
        // softmax(0, 0) = 1/2; sigmoid(2) = 1 / (1 + e^-2) = 0.8807970779778823
        assertThat(byKey(softmax, "s2").at("/probabilities/cat").asDouble()).isEqualTo(0.5);
        assertThat(byKey(sigmoid, "b2").at("/probabilities/positive").asDouble()).isCloseTo(0.8807970779778823, within(2e-16));
        assertThat(byKey(multiLabel, "m2").at("/probabilities/x").asDouble()).isCloseTo(0.8807970779778823, within(2e-16));

        checkSurprisal(output(surprisal));
        checkWindowSoftmax(output(windowSoftmax));
        checkWindowSurprisal(output(windowSurprisal));
        for (Lane lane : lanes) {
            assertThat(KAFKA.consumeAll(lane.dead())).as("dead letters of %s", lane.label()).isEmpty();
        }
    }

    /**
     * a = 1, p_x = (c_x + 1) / (C + V + 1), each event scored against the counts before it, over
     * both phases. u in phase 1: login, login, logout; in phase 2: login_failed (C = 3, V = 2:
     * p = 1/6), then login (c = 2, C = 4, V = 3: p = 3/8). v: x, then x (c = 1, C = 1, V = 1: p = 2/3).
     */
    private static void checkSurprisal(List<JsonNode> out) {
        assertThat(out).extracting(n -> n.get("key").asText() + ":" + n.get("class").asText())
                .as("every event once")
                .containsExactlyInAnyOrder("u:login", "u:login", "u:logout", "u:login_failed", "u:login", "v:x", "v:x");
        JsonNode failed = find(out, n -> n.get("class").asText().equals("login_failed"));
        assertThat(failed.get("count").asDouble()).isEqualTo(0.0);
        assertThat(failed.get("total").asDouble()).as("u's total carried over").isEqualTo(3.0);
        assertThat(failed.get("distinct").asInt()).isEqualTo(2);
        assertThat(failed.get("probability").asDouble()).isCloseTo(1.0 / 6, within(1e-16));
        assertThat(failed.get("surprisal").asDouble()).isCloseTo(Math.log(6), within(1e-15));
        assertThat(failed.get("reference").asText()).isEqualTo("login");
        assertThat(failed.get("firstSeen").asBoolean()).isTrue();
        JsonNode login = find(out, n -> n.get("class").asText().equals("login") && n.get("ts").asLong() == 5);
        assertThat(login.get("count").asDouble()).as("u's login count carried over").isEqualTo(2.0);
        assertThat(login.get("total").asDouble()).isEqualTo(4.0);
        assertThat(login.get("distinct").asInt()).isEqualTo(3);
        assertThat(login.get("probability").asDouble()).isCloseTo(3.0 / 8, within(1e-16));
        JsonNode x = find(out, n -> n.get("key").asText().equals("v") && n.get("ts").asLong() == 2);
        assertThat(x.get("count").asDouble()).isEqualTo(1.0);
        assertThat(x.get("total").asDouble()).isEqualTo(1.0);
        assertThat(x.get("probability").asDouble()).isCloseTo(2.0 / 3, within(1e-16));
        assertThat(x.get("firstSeen").asBoolean()).isFalse();
    }

    /**
     * MEAN_LOGITS over each window, b = 0 throughout. Window 0 of k (phase 1): a = 1, p_a =
     * e / (1 + e) = 0.7310585786300049. Window [60000, 120000) of k: a = 2 before the savepoint
     * and 4 after, mean 3: p_a = 1 / (1 + e^-3) = 0.9525741268224334 (0.9820137900379085 had the
     * window lost its first event).
     */
    private static void checkWindowSoftmax(List<JsonNode> out) {
        assertThat(out).extracting(n -> n.get("key").asText() + "@" + n.get("windowStart").asLong())
                .containsExactlyInAnyOrder("k@0", "k@60000", "tick-0@60000", "tick-1@60000");
        JsonNode zero = find(out, n -> n.get("key").asText().equals("k") && n.get("windowStart").asLong() == 0);
        assertThat(zero.at("/probabilities/a").asDouble()).isCloseTo(0.7310585786300049, within(2e-16));
        JsonNode open = find(out, n -> n.get("key").asText().equals("k") && n.get("windowStart").asLong() == 60_000);
        assertThat(open.get("count").asLong()).as("events of the window across the savepoint").isEqualTo(2L);
        assertThat(open.get("windowEnd").asLong()).isEqualTo(120_000L);
        assertThat(open.at("/probabilities/a").asDouble()).isCloseTo(0.9525741268224334, within(2e-16));
        assertThat(open.get("top").asText()).isEqualTo("a");
    }

    /**
     * Window [60000, 120000) of u: login and logout before the savepoint, login after: C = 3,
     * V = 2, p = (c + 1) / (C + V + 1): login 3/6, logout 2/6, unseen 1/6; rarity (T = 1)
     * (1/q) / sum_j (1/q_j) with q = c + a = 3, 2, 1: 2/11, 3/11, 6/11.
     */
    private static void checkWindowSurprisal(List<JsonNode> out) {
        assertThat(out).extracting(n -> n.get("key").asText() + "@" + n.get("windowStart").asLong())
                .containsExactlyInAnyOrder("u@0", "u@60000", "tick-0@60000", "tick-1@60000");
        JsonNode open = find(out, n -> n.get("key").asText().equals("u") && n.get("windowStart").asLong() == 60_000);
        assertThat(open.get("total").asDouble()).as("events of the window across the savepoint").isEqualTo(3.0);
        assertThat(open.get("distinct").asInt()).isEqualTo(2);
        Map<String, JsonNode> classes = new LinkedHashMap<>();
        open.get("classes").forEach(c -> classes.put(c.get("class").asText(), c));
        assertThat(classes.keySet()).containsExactly("login", "logout");
        assertThat(classes.get("login").get("count").asDouble()).isEqualTo(2.0);
        assertThat(classes.get("login").get("probability").asDouble()).isCloseTo(0.5, within(1e-16));
        assertThat(classes.get("logout").get("probability").asDouble()).isCloseTo(1.0 / 3, within(1e-16));
        assertThat(open.get("unseenProbability").asDouble()).isCloseTo(1.0 / 6, within(1e-16));
        assertThat(classes.get("login").get("rarity").asDouble()).isCloseTo(2.0 / 11, within(1e-16));
        assertThat(classes.get("logout").get("rarity").asDouble()).isCloseTo(3.0 / 11, within(1e-16));
        assertThat(open.get("unseenRarity").asDouble()).isCloseTo(6.0 / 11, within(1e-16));
    }

    /**
     * Waits until each lane's output topic holds {@code counts} committed records; fails with the
     * job's own failure (e.g. a savepoint it could not restore) if it ends before.
     */
    private static void awaitOutputs(JobClient job, List<Lane> lanes, int... counts) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; i < lanes.size(); i++) {
            while (true) {
                try {
                    KAFKA.consumeReadCommitted(lanes.get(i).out(), counts[i], Duration.ofSeconds(1));
                    break;
                } catch (AssertionError notYet) {
                    if (job.getJobStatus().get().isGloballyTerminalState()) {
                        job.getJobExecutionResult().get();
                        throw new AssertionError("The job ended before its outputs were written", notYet);
                    }
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                }
            }
        }
    }

    /**
     * The jobs side by side in one graph, their uids and names prefixed with the lane's label as
     * {@link JobRunner#addAll} does; {@code changed}: with the pass-throughs of release n + 1.
     */
    private static StreamExecutionEnvironment build(List<Lane> lanes, StreamExecutionEnvironment env, boolean changed) {
        Map<String, KafkaJob> jobs = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            jobs.put(lane.label(), (KafkaJob) InfoprobJobs.parse(lane.args().toArray(new String[0])));
        }
        JobRunner.configure(env, jobs.values().iterator().next().kafka().runtime());
        for (Map.Entry<String, KafkaJob> entry : jobs.entrySet()) {
            KafkaJob job = entry.getValue();
            Set<Transformation<?>> before = JobRunner.reachable(env);
            DataStream<KafkaRecord> records = JobRunner.addSource(env, job);
            if (changed) {
                records = records.map(r -> r).returns(records.getType())
                        .name("pass-through-records").uid("pass-through-records").disableChaining();
            }
            addSinks(job.buildPipeline(records), job, changed);
            for (Transformation<?> t : JobRunner.reachable(env)) {
                if (!before.contains(t)) {
                    t.setName(entry.getKey() + "/" + t.getName());
                    if (t.getUid() != null) {
                        t.setUid(entry.getKey() + "/" + t.getUid());
                    }
                }
            }
        }
        return env;
    }

    /** The job's encoders and sinks; {@code changed}: after a pass-through of its results. */
    private static <T> void addSinks(Pipeline<T> pipeline, KafkaJob job, boolean changed) {
        if (changed) {
            DataStream<T> results = pipeline.output().map(r -> r).returns(pipeline.output().getType())
                    .name("pass-through-results").uid("pass-through-results");
            pipeline = new Pipeline<>(results, pipeline.format(), pipeline.deadLetters());
        }
        JobRunner.addSinks(pipeline, job, SinkLimits.of(job.kafka()));
    }

    /** Restarts off, so a failure fails the test; from {@code savepoint} with allowNonRestoredState off, if given. */
    private static StreamExecutionEnvironment environment(String savepoint) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    private static Lane lane(String label, String job, String... flags) {
        String in = KAFKA.createTopic(label + "-in", 2);
        String out = KAFKA.createTopic(label + "-out", 1);
        String dead = KAFKA.createTopic(label + "-dead", 1);
        List<String> args = new ArrayList<>(List.of(job,
                "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--input-topic", in, "--output-topic", out, "--dead-letter-topic", dead,
                "--group-id", "upgrade-" + out, "--transactional-id-prefix", "upgrade-" + out,
                "--starting-offsets", "earliest", "--checkpoint-interval", "500 ms", "--parallelism", "2"));
        args.addAll(List.of(flags));
        return new Lane(label, args, in, out, dead);
    }

    /**
     * One record on each partition of the lane's input, keys {@code tick-0} and {@code tick-1},
     * so that the watermarks of both source subtasks move to its event time.
     */
    private static void ticks(Lane lane, java.util.function.Function<String, String> json) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int partition = 0; partition < 2; partition++) {
            String key = "tick-" + partition;
            records.add(new ProducerRecord<>(lane.in(), partition, null, bytes(key), bytes(json.apply(key))));
        }
        KAFKA.produceRecords(records);
    }

    private static String classEvent(String key, long ts, String className) {
        return "{\"key\":\"" + key + "\",\"ts\":" + ts + ",\"class\":\"" + className + "\"}";
    }

    private static String scoreEvent(String key, long ts, double a) {
        return "{\"key\":\"" + key + "\",\"ts\":" + ts + ",\"scores\":{\"a\":" + a + ",\"b\":0.0}}";
    }

    private static List<JsonNode> output(Lane lane) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KAFKA.consumeAll(lane.out())) {
            nodes.add(JSON.readTree(r.value()));
        }
        return nodes;
    }

    private static List<String> keys(Lane lane) throws Exception {
        return output(lane).stream().map(n -> n.get("key").asText()).collect(Collectors.toList());
    }

    private static JsonNode byKey(Lane lane, String key) throws Exception {
        return find(output(lane), n -> n.get("key").asText().equals(key));
    }

    private static JsonNode find(List<JsonNode> nodes, java.util.function.Predicate<JsonNode> which) {
        List<JsonNode> found = nodes.stream().filter(which).collect(Collectors.toList());
        assertThat(found).as("matching records among %s", nodes).hasSize(1);
        return found.get(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
