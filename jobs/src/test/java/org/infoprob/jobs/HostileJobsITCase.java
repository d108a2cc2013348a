package org.infoprob.jobs;

import org.infoprob.jobs.JobCorpus.Input;
import org.infoprob.jobs.kafka.BrokerChecks;
import org.infoprob.jobs.kafka.RecordSizeLimit;
import org.infoprob.model.Reason;
import org.infoprob.testing.FlinkMiniCluster;
import org.infoprob.testing.HostileCorpus;
import org.infoprob.testing.HostileCorpus.Format;
import org.infoprob.testing.KafkaBrokerExtension;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #12, the job side: no single record can stop a job. All six sample jobs read the
 * hostile corpus ({@link JobCorpus}: the decode side's {@link HostileCorpus} and job-level
 * kinds) from a real broker in one Flink job on the MiniCluster, with restarts disabled, so any
 * record that failed an operator or a sink would fail the test. The broker is strict where the
 * jobs write: output and dead-letter topics refuse timestamps more than an hour old (and, as by
 * default, more than an hour ahead), the producers may send at most 256 KiB per record, and
 * {@code transaction.max.timeout.ms} is 60 s (the jobs run with {@code transaction.timeout.ms}
 * 60000; the default 300000 exits with status 2). Input topics take 16 MiB records and any
 * timestamp, so every hostile record gets in.
 *
 * <p>Window jobs run in two phases: after the first has been processed (its windows emitted),
 * late events are sent; then the job is stopped with a savepoint that drains it (the watermark
 * jumps to the end, the last windows fire, the last transactions commit) and finishes.
 *
 * <p>Checked: every accepted record's result exactly once under {@code read_committed}, with
 * its key as the Kafka key on the partition Kafka's default partitioner gives it, and the
 * write time as Kafka timestamp; every rejected record exactly one dead letter with its reason,
 * origin and original key bytes; results too large for the producer as dead letters; every
 * record written within 256 KiB; the jobs' counters equal to the corpus counts; no restart.
 */
class HostileJobsITCase {

    private static final int MAX_REQUEST_SIZE = 262_144;
    private static final int MAX_DEAD_LETTER_PAYLOAD = 16_384;
    private static final long HOUR = 3_600_000L;
    private static final long MINUTE = 60_000L;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(Map.of("transaction.max.timeout.ms", "60000"));

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension(REPORTER);

    private static final ObjectMapper JSON = JobCorpus.JSON;

    /** Input topics take everything: 16 MiB records, any timestamp. */
    private static final Map<String, String> INPUT_TOPIC = Map.of(
            "max.message.bytes", Integer.toString(16 << 20), "message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));

    /** Topics the jobs write: Kafka's default size, no timestamp older or newer than an hour. */
    private static final Map<String, String> WRITTEN_TOPIC =
            Map.of("message.timestamp.before.max.ms", Long.toString(HOUR), "message.timestamp.after.max.ms", Long.toString(HOUR));

    /** Keys of the valid records; with the corpus's keys they fill both partitions of the output topics (checked). */
    private static final List<String> KEYS = List.of("user-2", "user-3", "user-4", "user-5", "user-6", "user-7");

    /** One job of the run: its flags, topics and input. */
    private record Lane(String label, List<String> args, boolean window, List<Input> inputs, String in, String out, String dead) {

        String job() {
            return args.get(0);
        }
    }

    @Test
    void everyHostileRecordOfEveryJobIsOneDeadLetterAndEveryValidOneItsResultOnce(@TempDir Path savepoints) throws Exception {
        long now = System.currentTimeMillis();
        // The window jobs' watermark goes to F, half an hour ahead (within the 1 h skew), at
        // half past a minute M: then the window [M - 1 min, M) is emitted but still takes events
        // for the minute of allowed lateness.
        long f = (now + 30 * MINUTE) / MINUTE * MINUTE + 30_000L;
        List<Lane> lanes = List.of(
                lane("softmax", "softmax", Format.SCORES, false, scoreInputs(Format.SCORES, now)),
                lane("sigmoid", "sigmoid", Format.BINARY_SCORES, false, scoreInputs(Format.BINARY_SCORES, now)),
                lane("multi-label", "sigmoid", Format.SCORES, false, scoreInputs(Format.SCORES, now), "--multi-label"),
                lane("surprisal", "surprisal", Format.CLASS_EVENTS, false, classInputs(now)),
                lane("window-softmax", "window-softmax", Format.SCORES, true, windowScoreInputs(now, f),
                        "--window-size", "1 min", "--allowed-lateness", "1 min", "--out-of-orderness", "0 ms"),
                lane("window-surprisal", "window-surprisal", Format.CLASS_EVENTS, true, windowClassInputs(now),
                        "--window-size", "1 min", "--out-of-orderness", "0 ms"));
        Map<Lane, List<Long>> offsets = new HashMap<>();
        long start = System.currentTimeMillis();
        for (Lane lane : lanes) {
            offsets.put(lane, new ArrayList<>(produce(lane, 1)));
        }
        long produced = System.currentTimeMillis();

        StreamExecutionEnvironment env = environment();
        Map<String, KafkaJob> jobs = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            jobs.put(lane.label(), (KafkaJob) InfoprobJobs.parse(lane.args().toArray(new String[0])));
        }
        JobRunner.configure(env, jobs.values().iterator().next().kafka().runtime());
        JobRunner.addAll(env, jobs, job -> BrokerChecks.check(job.kafka()));
        JobClient client = env.executeAsync("hostile corpus of every job");

        for (Lane lane : lanes) {
            Expected e = expected(lane, 1);
            KAFKA.consumeReadCommitted(lane.out(), e.outputCount(), Duration.ofMinutes(2));
            KAFKA.consumeReadCommitted(lane.dead(), e.deadLetterCount(), Duration.ofMinutes(2));
        }
        long phase1 = System.currentTimeMillis();
        for (Lane lane : lanes) {
            offsets.get(lane).addAll(produce(lane, 2));
        }
        for (Lane lane : lanes) {
            Expected e = expected(lane, 2);
            KAFKA.consumeReadCommitted(lane.out(), e.outputCount(), Duration.ofMinutes(2));
            KAFKA.consumeReadCommitted(lane.dead(), e.deadLetterCount(), Duration.ofMinutes(2));
        }
        client.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
        client.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        long end = System.currentTimeMillis();
        System.out.printf("HostileJobsITCase: produced in %d ms, phase 1 in %d ms, phase 2 and drain in %d ms%n",
                produced - start, phase1 - produced, end - phase1);

        JobID id = client.getJobID();
        assertThat(client.getJobStatus().get()).as("the job finished").isEqualTo(JobStatus.FINISHED);
        assertThat(gauge(id, "numRestarts")).as("restarts").isZero();
        List<String> failures = new ArrayList<>();
        for (Lane lane : lanes) {
            try {
                check(lane, offsets.get(lane), expected(lane, 3), id, start, end);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).as("failures of the jobs").isEmpty();
    }

    @Test
    void aTransactionTimeoutAboveTheBrokersMaximumOrDeadLettersAboveATopicsLimitExitWithStatusTwo() {
        String in = KAFKA.createTopic("tx-in", 1);
        String small = KAFKA.createTopic("tx-dead", 1, Map.of("max.message.bytes", "100000"));
        List<String> args = List.of("softmax", "--bootstrap-servers", KAFKA.bootstrapServers(), "--input-topic", in,
                "--output-topic", in, "--dead-letter-topic", small);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InfoprobJobs.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("the default 5 min against the broker's 60 s")
                .contains("Invalid value for --kafka transaction.timeout.ms: The producers' transaction.timeout.ms"
                        + " (300000 ms) exceeds the brokers' transaction.max.timeout.ms (60000 ms)");

        List<String> fitting = new ArrayList<>(args);
        fitting.addAll(List.of("--kafka", "transaction.timeout.ms=60000"));
        err.reset();
        status = InfoprobJobs.run(fitting.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("dead letters against the topic's max.message.bytes")
                .contains("Invalid value for --max-dead-letter-payload-bytes: Dead letters with a payload of up to 65536 bytes")
                .contains("more than the 100000 bytes (max.message.bytes 100000 of topic " + small + ") allows");
    }

    /** {@link RecordSizeLimit#sizeOf} is the producer's own check: a record of the limit is sent, one byte more is refused. */
    @Test
    void theRecordSizeLimitIsTheProducersOwn() throws Exception {
        String topic = KAFKA.createTopic("size", 1);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "10000");
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        int value = 10_000 - RecordSizeLimit.sizeOf(key, new byte[0]);
        while (RecordSizeLimit.sizeOf(key, new byte[value]) > 10_000) {
            value--; // the length varint grew
        }
        int fits = value;
        assertThat(RecordSizeLimit.sizeOf(key, new byte[fits])).isEqualTo(10_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            assertThat(producer.send(new ProducerRecord<>(topic, key, new byte[fits])).get().offset()).isZero();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, key, new byte[fits + 1])).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    // ---------------------------------------------------------------------------------------
    // The inputs

    private static List<Input> scoreInputs(Format format, long now) {
        List<Input> inputs = new ArrayList<>(JobCorpus.fromCorpus(format, now));
        inputs.addAll(JobCorpus.jobLevel(format, KEYS));
        inputs.add(JobCorpus.tooLargeResult(format, HostileCorpus.T));
        return inputs;
    }

    private static List<Input> classInputs(long now) {
        List<Input> inputs = new ArrayList<>(JobCorpus.fromCorpus(Format.CLASS_EVENTS, now));
        inputs.addAll(JobCorpus.jobLevel(Format.CLASS_EVENTS, KEYS));
        return inputs;
    }

    /**
     * The score corpus for windows of a minute with a minute of allowed lateness: the record
     * whose window is too large alone in its own minute; in phase 1 an event at F - 45 s and one
     * at F (the watermark goes to F - 1 ms); in phase 2 an event 10 s into the first window
     * (late by far: a dead letter) and one at F - 40 s (behind the watermark, within the
     * lateness: its window is emitted again, with both events).
     */
    private static List<Input> windowScoreInputs(long now, long f) {
        List<Input> inputs = new ArrayList<>(JobCorpus.fromCorpus(Format.SCORES, now));
        inputs.addAll(JobCorpus.jobLevel(Format.SCORES, KEYS));
        inputs.add(JobCorpus.tooLargeResult(Format.SCORES, HostileCorpus.T + 2 * MINUTE));
        inputs.add(JobCorpus.accepted("event within the allowed lateness, first", "lateness",
                "{'key':'lateness','ts':" + (f - 45_000) + "," + JobCorpus.field(Format.SCORES, 1) + "}"));
        inputs.add(JobCorpus.accepted("event that moves the watermark", "future",
                "{'key':'future','ts':" + f + "," + JobCorpus.field(Format.SCORES, 2) + "}"));
        inputs.add(JobCorpus.late("late event", "user-2",
                "{'key':'user-2','ts':" + (HostileCorpus.T + 10_000) + "," + JobCorpus.field(Format.SCORES, 3) + "}"));
        inputs.add(JobCorpus.lateButAllowed("event within the allowed lateness, second", "lateness",
                "{'key':'lateness','ts':" + (f - 40_000) + "," + JobCorpus.field(Format.SCORES, 4) + "}"));
        return inputs;
    }

    /** The class corpus for windows of a minute without lateness; its "ts at the skew limit" moves the watermark an hour ahead. */
    private static List<Input> windowClassInputs(long now) {
        List<Input> inputs = classInputs(now);
        inputs.add(JobCorpus.late("late event", "user-2",
                "{'key':'user-2','ts':" + (HostileCorpus.T + 5000) + ",'class':'late'}"));
        return inputs;
    }

    private static Lane lane(String label, String job, Format format, boolean window, List<Input> inputs, String... flags) {
        String in = KAFKA.createTopic(label + "-in", 1, INPUT_TOPIC);
        String out = KAFKA.createTopic(label + "-out", 2, WRITTEN_TOPIC);
        String dead = KAFKA.createTopic(label + "-dead", 2, WRITTEN_TOPIC);
        List<String> args = new ArrayList<>(List.of(job,
                "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--input-topic", in, "--output-topic", out, "--dead-letter-topic", dead,
                "--group-id", "hostile-" + out, "--transactional-id-prefix", "hostile-" + out,
                "--starting-offsets", "earliest", "--checkpoint-interval", "500 ms", "--parallelism", "1",
                "--kafka", "max.request.size=" + MAX_REQUEST_SIZE, "--kafka", "transaction.timeout.ms=60000",
                "--max-dead-letter-payload-bytes", Integer.toString(MAX_DEAD_LETTER_PAYLOAD)));
        args.addAll(List.of(flags));
        return new Lane(label, args, window, window ? windowOrder(inputs) : inputs, in, out, dead);
    }

    /**
     * Window jobs get their records in event-time order where it matters: first the records
     * the decoder rejects (they never reach the watermark), then the accepted ones by event
     * time, so that none is late by chance of when a periodic watermark was emitted; phase 2
     * last.
     */
    private static List<Input> windowOrder(List<Input> inputs) {
        List<Input> ordered = new ArrayList<>();
        inputs.stream().filter(i -> i.phase() == 1 && !i.accepted()).forEach(ordered::add);
        inputs.stream().filter(i -> i.phase() == 1 && i.accepted()).sorted(Comparator.comparingLong(Input::eventTime))
                .forEach(ordered::add);
        inputs.stream().filter(i -> i.phase() == 2).forEach(ordered::add);
        return ordered;
    }

    private static List<Long> produce(Lane lane, int phase) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Input i : lane.inputs()) {
            if (i.phase() == phase) {
                records.add(new ProducerRecord<>(lane.in(), null, i.kafkaTs(), i.key(), i.value()));
            }
        }
        return KAFKA.produceRecords(records).stream().map(RecordMetadata::offset).collect(Collectors.toList());
    }

    private static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    // ---------------------------------------------------------------------------------------
    // What must come out

    /**
     * What a lane must have written once the records of phases up to {@code phase} are
     * processed (phase 3: after the drain): results by key and event time (window jobs: by key,
     * window start and count), dead letters by input, and the results too large to write.
     */
    private record Expected(List<String> outputs, int withOrigin, int tooLarge) {

        int outputCount() {
            return outputs.size();
        }

        int deadLetterCount() {
            return withOrigin + tooLarge;
        }
    }

    private static Expected expected(Lane lane, int phase) {
        List<Input> sent = lane.inputs().stream().filter(i -> i.phase() <= Math.min(phase, 2)).collect(Collectors.toList());
        int withOrigin = (int) sent.stream().filter(i -> !i.accepted()).count();
        if (!lane.window()) {
            List<String> outputs = sent.stream().filter(i -> i.accepted() && !i.resultTooLarge())
                    .map(i -> i.eventKey() + "@" + i.eventTime()).sorted().collect(Collectors.toList());
            int tooLarge = (int) sent.stream().filter(i -> i.accepted() && i.resultTooLarge()).count();
            return new Expected(outputs, withOrigin, tooLarge);
        }
        // Tumbling windows of a minute; the watermark after phase 1 is its largest event time - 1.
        long watermark = lane.inputs().stream().filter(i -> i.phase() == 1 && i.accepted())
                .mapToLong(Input::eventTime).max().orElseThrow() - 1;
        Map<String, List<Input>> windows = new TreeMap<>();
        for (Input i : sent) {
            if (i.accepted()) {
                long t = i.eventTime();
                windows.computeIfAbsent(i.eventKey() + "@" + (t - t % MINUTE), w -> new ArrayList<>()).add(i);
            }
        }
        List<String> outputs = new ArrayList<>();
        int tooLarge = 0;
        for (Map.Entry<String, List<Input>> w : windows.entrySet()) {
            List<Input> events = w.getValue();
            long windowEnd = events.get(0).eventTime() - events.get(0).eventTime() % MINUTE + MINUTE;
            boolean firedInPhase1 = windowEnd - 1 <= watermark;
            if (!firedInPhase1 && phase < 3) {
                continue;
            }
            if (events.stream().anyMatch(Input::resultTooLarge)) {
                tooLarge++;
                continue;
            }
            long phase1Events = events.stream().filter(i -> i.phase() == 1).count();
            if (firedInPhase1) {
                // emitted with the phase-1 events, then again with each later one (allowed lateness)
                for (long n = phase1Events; n <= events.size(); n++) {
                    outputs.add(w.getKey() + "#" + n);
                }
            } else {
                outputs.add(w.getKey() + "#" + events.size());
            }
        }
        outputs.sort(null);
        return new Expected(outputs, withOrigin, tooLarge);
    }

    // ---------------------------------------------------------------------------------------
    // Checks

    private static void check(Lane lane, List<Long> offsets, Expected expected, JobID id, long start, long end) throws Exception {
        String label = lane.label();
        List<ConsumerRecord<byte[], byte[]>> out = KAFKA.consumeAllBytes(lane.out());
        List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.consumeAllBytes(lane.dead());
        for (ConsumerRecord<byte[], byte[]> r : concat(out, dead)) {
            assertThat(RecordSizeLimit.sizeOf(r.key(), r.value())).as("%s: size of %s", label, r).isLessThanOrEqualTo(MAX_REQUEST_SIZE);
            assertThat(r.timestamp()).as("%s: Kafka timestamp (the write time) of %s", label, r).isBetween(start, end);
            if (r.key() != null) {
                assertThat(r.partition()).as("%s: partition of key %s", label, new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(r.key(), 2));
            }
        }

        // Results: each exactly once, keyed by their key.
        List<String> results = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            JsonNode n = JSON.readTree(r.value());
            String key = n.get("key").asText();
            assertThat(r.key()).as("%s: Kafka key of the result of %s", label, key).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
            if (lane.window()) {
                long windowStart = n.get("windowStart").asLong();
                assertThat(n.get("ts").asLong()).as("%s: ts within its window", label).isBetween(windowStart, n.get("windowEnd").asLong() - 1);
                String count = n.has("count") ? "#" + n.get("count").asLong() : "";
                results.add(key + "@" + windowStart + count);
            } else {
                results.add(key + "@" + n.get("ts").asLong());
            }
        }
        if (lane.window() && lane.job().equals("window-surprisal")) {
            // its results have no count: compare key and window only
            assertThat(results.stream().sorted().collect(Collectors.toList()))
                    .as("%s: results", label)
                    .containsExactlyElementsOf(expected.outputs().stream().map(o -> o.substring(0, o.indexOf('#'))).collect(Collectors.toList()));
        } else {
            assertThat(results.stream().sorted().collect(Collectors.toList())).as("%s: results", label)
                    .containsExactlyElementsOf(expected.outputs());
        }
        assertThat(out.stream().map(ConsumerRecord::partition).distinct().count()).as("%s: both output partitions used", label).isEqualTo(2);

        // Dead letters: one per rejected record, with its origin and original key bytes; and the results too large.
        Map<Long, Input> rejected = new TreeMap<>();
        for (int i = 0; i < lane.inputs().size(); i++) {
            if (!lane.inputs().get(i).accepted()) {
                rejected.put(offsets.get(i), lane.inputs().get(i));
            }
        }
        Map<Long, JsonNode> withOrigin = new TreeMap<>();
        int tooLarge = 0;
        Map<String, Long> byReason = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            JsonNode d = JSON.readTree(r.value());
            String reason = d.get("reason").asText();
            byReason.merge(reason, 1L, Long::sum);
            if (!d.has("offset")) {
                tooLarge++;
                assertThat(reason).as("%s: a dead letter without origin: %s", label, d).isEqualTo("RECORD_TOO_LARGE");
                assertThat(d.get("rejectedBy").asText()).as("%s: rejectedBy of %s", label, d).isEqualTo(lane.job() + "-encode");
                assertThat(d.get("payloadTruncated").asBoolean()).as("%s: the result's JSON cut", label).isTrue();
                assertThat(d.get("originalSize").asInt()).as("%s: the result's size", label).isGreaterThan(MAX_REQUEST_SIZE / 2);
                assertThat(r.key()).as("%s: Kafka key of %s", label, d).isEqualTo(keyBytes(d));
                continue;
            }
            long offset = d.get("offset").asLong();
            Input input = rejected.get(offset);
            assertThat(input).as("%s: a dead letter of offset %s, which must be accepted: %s", label, offset, d).isNotNull();
            assertThat(withOrigin.put(offset, d)).as("%s: a second dead letter of '%s'", label, input.name()).isNull();
            assertThat(reason).as("%s: reason of '%s' (%s)", label, input.name(), d.get("error")).isEqualTo(input.deadLetter().name());
            assertThat(d.get("topic").asText()).isEqualTo(lane.in());
            assertThat(d.get("partition").asInt()).isZero();
            assertThat(r.key()).as("%s: Kafka key of the dead letter of '%s': the original bytes", label, input.name())
                    .isEqualTo(input.key());
            if (input.deadLetter() == Reason.LATE_EVENT) {
                assertThat(d.get("rejectedBy").asText()).as("%s: late events are rejected by the window", label)
                        .startsWith(lane.job() + "-tumbling");
                assertThat(d.get("error").asText()).as("%s: the watermark missed", label).containsPattern("after the watermark \\d+ ");
            } else {
                assertThat(d.get("rejectedBy").asText()).as("%s: decoder of '%s'", label, input.name()).startsWith("decode-");
            }
        }
        assertThat(withOrigin.keySet()).as("%s: offsets of the rejected records", label).containsExactlyElementsOf(rejected.keySet());
        assertThat(tooLarge).as("%s: results too large to write", label).isEqualTo(expected.tooLarge());

        // Counters: decoded records, and the dead letters per reason counted before the dead-letter sink.
        Map<String, Long> reasons = new TreeMap<>();
        rejected.values().forEach(i -> reasons.merge(i.deadLetter().name(), 1L, Long::sum));
        if (expected.tooLarge() > 0) {
            reasons.merge("RECORD_TOO_LARGE", (long) expected.tooLarge(), Long::sum);
        }
        assertThat(byReason).as("%s: dead letters per reason", label).isEqualTo(reasons);
        long decoded = lane.inputs().stream().filter(i -> i.accepted() || !i.atDecode()).count();
        assertThat(counter(id, "\\." + quote(label + "/decode-") + "[a-z-]+\\.\\d+\\.decodedRecords$")).as("%s: decodedRecords", label)
                .isEqualTo(decoded);
        String deadLetters = "\\." + quote(label + "/" + lane.job() + "-dead-letters") + "\\.\\d+\\.";
        assertThat(counter(id, deadLetters + "deadLetters$")).as("%s: deadLetters", label).isEqualTo(dead.size());
        for (Map.Entry<String, Long> reason : reasons.entrySet()) {
            assertThat(counter(id, deadLetters + "reason\\." + reason.getKey() + "\\.deadLetters$"))
                    .as("%s: reason.%s.deadLetters", label, reason.getKey())
                    .isEqualTo(reason.getValue());
        }
        assertThat(reasons).as("%s: kinds of dead letters", label).hasSizeGreaterThanOrEqualTo(10);
        assertThat(rejected.values().stream().map(Input::name).distinct().count() + expected.tooLarge())
                .as("%s: distinct hostile kinds", label).isGreaterThanOrEqualTo(40);
    }

    /** The bytes a dead letter's key stands for. */
    private static byte[] keyBytes(JsonNode d) {
        if (d.has("keyBase64")) {
            return Base64.getDecoder().decode(d.get("keyBase64").asText());
        }
        return d.has("key") ? d.get("key").asText().getBytes(StandardCharsets.UTF_8) : null;
    }

    private static String quote(String s) {
        return Pattern.quote(s);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static long counter(JobID id, String pattern) {
        Map<String, Metric> metrics = REPORTER.findMetrics(id, pattern);
        assertThat(metrics).as("counters matching %s", pattern).isNotEmpty();
        return metrics.values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }

    private static long gauge(JobID id, String name) {
        Map<String, Metric> metrics = REPORTER.findMetrics(id, "\\." + name + "$");
        assertThat(metrics).as("gauge %s", name).hasSize(1);
        return ((Number) ((Gauge<?>) metrics.values().iterator().next()).getValue()).longValue();
    }
}
