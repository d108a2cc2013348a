package org.infoprob.benchmarks;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.infoprob.jobs.InfoprobJobs;
import org.infoprob.jobs.JobRunner;
import org.infoprob.jobs.KafkaJob;
import org.infoprob.jobs.kafka.EmbeddedKafka;
import org.infoprob.jobs.kafka.EncodedRecord;
import org.infoprob.jobs.kafka.KafkaConnectors;
import org.infoprob.serde.KafkaRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * P4-P7: the sample jobs end to end through a real Kafka broker on this machine (in this JVM),
 * at parallelism 1 and at-least-once, reading an input topic filled beforehand.
 *
 * <ul>
 *   <li>P4: the softmax job (K=10 JSON) against a Flink job that copies the raw bytes from
 *       topic to topic with the same source and sink settings.
 *   <li>P5: the sigmoid job against the same computation in Flink SQL (Kafka JSON tables,
 *       built-in {@code EXP}).
 *   <li>P6: the sigmoid job's records/s.
 *   <li>P7: the softmax job's latency from input append to output append, at half of the
 *       rate it sustains while the producer runs beside it (measured first, in the same run).
 * </ul>
 *
 * Throughput comes from the output topic, whose timestamps are the broker's append times: the
 * records from the first fifth of the output to the last, divided by the time between their
 * appends; job start-up is never timed.
 */
final class KafkaSuite implements AutoCloseable {

    private static final int K = PipelineSuite.K;
    private static final int PAYLOADS = 4096;
    /** P7: seconds at the paced rate before latencies are counted. */
    private static final int SETTLE_SECONDS = 2;

    private final Settings settings;
    private final EmbeddedKafka kafka;
    private final Admin admin;

    private KafkaSuite(Settings settings) {
        this.settings = settings;
        this.kafka = EmbeddedKafka.start();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        this.admin = Admin.create(p);
    }

    static List<Row> run(Settings s) throws Exception {
        try (KafkaSuite suite = new KafkaSuite(s)) {
            return suite.runAll();
        }
    }

    private List<Row> runAll() throws Exception {
        int n = settings.kafkaRecords();
        createTopic("scores");
        createTopic("binary-scores");
        produce("scores", n, scorePayloads("sensor-"));
        produce("binary-scores", n, binaryPayloads());

        int rounds = settings.rounds();
        double[] copy = new double[rounds];
        double[] softmax = new double[rounds];
        double[] sql = new double[rounds];
        double[] sigmoid = new double[rounds];
        for (int r = settings.firstRound(); r < rounds; r++) {
            double a = copyJob("scores", n);
            double b = job("softmax", "scores", n);
            double c = sqlSigmoid("binary-scores", n);
            double d = job("sigmoid", "binary-scores", n);
            if (r >= 0) {
                copy[r] = a;
                softmax[r] = b;
                sql[r] = c;
                sigmoid[r] = d;
            }
        }
        List<Row> rows = new ArrayList<>();
        Ratio p4 = Ratio.of(softmax, copy);
        rows.add(new Row("P4", "softmax job (K=10 JSON) / raw-bytes copy job, Kafka to Kafka",
                p4.text() + "; copy " + Ratio.perSecond(Ratio.median(copy))
                        + ", softmax " + Ratio.perSecond(Ratio.median(softmax)),
                ">= 0.6x", p4.median() >= 0.6));
        Ratio p5 = Ratio.of(sigmoid, sql);
        rows.add(new Row("P5", "sigmoid job / Flink SQL sigmoid (JSON tables, built-in EXP)",
                p5.text() + "; SQL " + Ratio.perSecond(Ratio.median(sql))
                        + ", sigmoid " + Ratio.perSecond(Ratio.median(sigmoid)),
                ">= 1.5x", p5.median() >= 1.5));
        double p6 = Ratio.median(sigmoid);
        rows.add(new Row("P6", "sigmoid job, Kafka to Kafka, broker on this machine",
                Ratio.perSecond(p6) + String.format(Locale.ROOT, " (%s-%s, %d rounds)",
                        Ratio.perSecond(Arrays.stream(sigmoid).min().getAsDouble()),
                        Ratio.perSecond(Arrays.stream(sigmoid).max().getAsDouble()), rounds),
                ">= 150,000/s", p6 >= 150_000));

        double[] latency = latency(settings.smoke() ? 2 : 10, settings.latencySeconds());
        rows.add(new Row("P7", String.format(Locale.ROOT,
                        "softmax job latency, Kafka append in to append out, at-least-once, at %,.0f records/s: "
                                + "half of the %,.0f/s it sustained with the producer running beside it",
                        latency[4] / 2, latency[4]),
                String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d records)",
                        latency[0], latency[1], latency[2], (long) latency[3]),
                "p99 <= 25 ms", latency[1] <= 25));
        return rows;
    }

    // ---------------------------------------------------------------------------------------
    // Jobs

    private KafkaJob params(String job, String in, String out, boolean bounded) {
        String id = UUID.randomUUID().toString();
        List<String> args = new ArrayList<>(List.of(
                job,
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--input-topic", in,
                "--output-topic", out,
                "--dead-letter-topic", createTopic("dead-" + id),
                "--group-id", "bench-" + id,
                "--transactional-id-prefix", "bench-" + id,
                "--starting-offsets", "earliest",
                "--delivery-guarantee", "at-least-once",
                "--parallelism", "1"));
        if (bounded) {
            args.add("--bounded");
            args.add("true");
        }
        return (KafkaJob) InfoprobJobs.parse(args.toArray(new String[0]));
    }

    private static StreamExecutionEnvironment environment(KafkaJob p) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
        JobRunner.configure(env, p.kafka().runtime());
        return env;
    }

    /** A sample job (softmax or sigmoid) as {@code JobRunner} runs it; its records/s. */
    private double job(String job, String in, int n) throws Exception {
        String out = createTopic("out-" + UUID.randomUUID());
        KafkaJob p = params(job, in, out, true);
        StreamExecutionEnvironment env = environment(p);
        JobRunner.addTo(env, p);
        env.execute("bench " + job);
        return throughput(out, n);
    }

    /** The P4 baseline: the same source and sink, copying each record's value unchanged. */
    private double copyJob(String in, int n) throws Exception {
        String out = createTopic("out-" + UUID.randomUUID());
        KafkaJob p = params("softmax", in, out, true);
        StreamExecutionEnvironment env = environment(p);
        JobRunner.addSource(env, p)
                .map((KafkaRecord r) -> EncodedRecord.of(null, r.value))
                .returns(EncodedRecord.class)
                .name("copy")
                .uid("copy")
                .sinkTo(KafkaConnectors.sink(p.kafka(), out, "output"))
                .name("copy-sink")
                .uid("copy-sink");
        env.execute("bench raw copy");
        return throughput(out, n);
    }

    /**
     * The P5 baseline: the sigmoid job's computation and output fields in Flink SQL, with the
     * same producer batching and guarantee.
     */
    private double sqlSigmoid(String in, int n) throws Exception {
        String out = createTopic("out-" + UUID.randomUUID());
        KafkaJob p = params("sigmoid", in, out, true);
        StreamExecutionEnvironment env = environment(p);
        // Flink SQL sets no uids on its operators; the jobs' rule that every operator has one
        // (JobRunner.configure) does not apply to this baseline.
        env.configure(new Configuration().set(PipelineOptions.AUTO_GENERATE_UIDS, true));
        StreamTableEnvironment t = StreamTableEnvironment.create(env);
        String servers = kafka.bootstrapServers();
        t.executeSql("CREATE TABLE src (`key` STRING, `ts` BIGINT, `score` DOUBLE) WITH ("
                + "'connector' = 'kafka', 'topic' = '" + in + "', "
                + "'properties.bootstrap.servers' = '" + servers + "', "
                + "'properties.group.id' = '" + p.kafka().groupId() + "', "
                + "'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', "
                + "'format' = 'json')");
        t.executeSql("CREATE TABLE dst (`key` STRING, `ts` BIGINT, "
                + "`probabilities` ROW<`negative` DOUBLE, `positive` DOUBLE>, `top` STRING, "
                + "`topProbability` DOUBLE, `entropy` DOUBLE, `margin` DOUBLE) WITH ("
                + "'connector' = 'kafka', 'topic' = '" + out + "', "
                + "'properties.bootstrap.servers' = '" + servers + "', "
                + "'properties.linger.ms' = '20', 'properties.batch.size' = '262144', "
                + "'sink.delivery-guarantee' = 'at-least-once', 'format' = 'json')");
        t.executeSql("INSERT INTO dst SELECT `key`, `ts`, ROW(1 - p, p), "
                        + "CASE WHEN p >= 0.5 THEN 'positive' ELSE 'negative' END, GREATEST(p, 1 - p), "
                        + "-(p * LN(p) + (1 - p) * LN(1 - p)), ABS(2 * p - 1) "
                        + "FROM (SELECT `key`, `ts`, 1 / (1 + EXP(-`score`)) AS p FROM src)")
                .await();
        return throughput(out, n);
    }

    /**
     * P7: runs the softmax job unbounded. First its maximum rate in this very setup (the
     * producer, the broker and the job sharing the machine): records sent as fast as possible
     * for {@code saturateSeconds}, the job's output rate measured, the backlog drained. Then
     * records at half that rate for {@link #SETTLE_SECONDS} plus {@code seconds}, of which the
     * first {@link #SETTLE_SECONDS} are not counted (right after the saturating phase the
     * first half second still shows 50-100 ms). Returns {p50, p99, max, count} of output
     * append time minus input append time in milliseconds, and the maximum rate.
     */
    private double[] latency(int saturateSeconds, int seconds) throws Exception {
        String in = createTopic("latency-in-" + UUID.randomUUID());
        String out = createTopic("latency-out-" + UUID.randomUUID());
        KafkaJob p = params("softmax", in, out, false);
        StreamExecutionEnvironment env = environment(p);
        JobRunner.addTo(env, p);
        JobClient job = env.executeAsync("bench softmax latency");
        byte[][] warm = scorePayloads("warm-");
        byte[][] timed = scorePayloads("lat-");
        double max;
        int rate;
        int count;
        try (KafkaProducer<byte[], byte[]> producer = producer(1, 65536)) {
            // Wait until the job runs end to end, so start-up is not measured as latency.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int w = 0;
            while (endOffset(out) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The latency job wrote nothing within 60 s");
                }
                producer.send(new ProducerRecord<>(in, warm[w % PAYLOADS]));
                w++;
                Thread.sleep(50);
            }
            long first = endOffset(out);
            long sendUntil = System.nanoTime() + Duration.ofSeconds(saturateSeconds).toNanos();
            while (System.nanoTime() < sendUntil) {
                producer.send(new ProducerRecord<>(in, warm[w % PAYLOADS]));
                w++;
            }
            producer.flush();
            awaitOutput(in, out, Duration.ofSeconds(120));
            max = rate(out, first + (endOffset(out) - first) / 5, endOffset(out) - 1);
            rate = Math.max(1, (int) (max / 2));
            count = rate * (SETTLE_SECONDS + seconds);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                producer.send(new ProducerRecord<>(in, key(i), payload("lat-" + i, timed[i % PAYLOADS])));
            }
            producer.flush();
            awaitOutput(in, out, Duration.ofSeconds(120));
        } finally {
            job.cancel().get();
        }
        long[] inTime = new long[count];
        for (ConsumerRecord<byte[], byte[]> r : readAll(in)) {
            if (r.key() != null) {
                inTime[Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8))] = r.timestamp();
            }
        }
        double[] latencies = new double[count];
        int m = 0;
        for (ConsumerRecord<byte[], byte[]> r : readAll(out)) {
            String json = new String(r.value(), StandardCharsets.UTF_8);
            int at = json.indexOf("\"key\":\"lat-");
            if (at >= 0) {
                int from = at + "\"key\":\"lat-".length();
                int i = Integer.parseInt(json.substring(from, json.indexOf('"', from)));
                if (i >= rate * SETTLE_SECONDS) {
                    latencies[m++] = r.timestamp() - inTime[i];
                }
            }
        }
        double[] l = Arrays.copyOf(latencies, m);
        Arrays.sort(l);
        if (m == 0) {
            throw new IllegalStateException("No timed record came out of the latency job");
        }
        return new double[] {l[(int) (0.50 * (m - 1))], l[(int) Math.ceil(0.99 * (m - 1))], l[m - 1], m, max};
    }

    /** Waits until {@code out} holds as many records as {@code in} (the job has caught up). */
    private void awaitOutput(String in, String out, Duration timeout) throws InterruptedException {
        long expected = endOffset(in);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (endOffset(out) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "The latency job wrote " + endOffset(out) + " of " + expected + " records within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Kafka plumbing

    /** A one-partition topic whose timestamps are the broker's append times. */
    private String createTopic(String name) {
        try {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1)
                            .configs(Map.of("message.timestamp.type", "LogAppendTime"))))
                    .all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + name, e);
        }
        kafka.createTopic(name, 1);
        return name;
    }

    private KafkaProducer<byte[], byte[]> producer(int lingerMs, int batchBytes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void produce(String topic, int n, byte[][] payloads) {
        try (KafkaProducer<byte[], byte[]> producer = producer(20, 262_144)) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, payloads[i % PAYLOADS]));
            }
            producer.flush();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(int maxPollRecords) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private long endOffset(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> c = consumer(1)) {
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }

    /** Records/s between the append of output record n/5 and of the last one. */
    private double throughput(String topic, int n) {
        long end = endOffset(topic);
        if (end != n) {
            throw new IllegalStateException("Topic " + topic + " has " + end + " records, expected " + n);
        }
        return rate(topic, n / 5, n - 1);
    }

    /** Records/s between the appends of offsets {@code from} and {@code to} of {@code topic}. */
    private double rate(String topic, long from, long to) {
        long t0 = timestampAt(topic, from);
        long t1 = timestampAt(topic, to);
        return (to - from) / Math.max(1e-3, (t1 - t0) / 1000.0);
    }

    private long timestampAt(String topic, long offset) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> c = consumer(1)) {
            c.assign(List.of(tp));
            c.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    return r.timestamp();
                }
            }
        }
        throw new IllegalStateException("Cannot read offset " + offset + " of " + topic);
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(10_000)) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    // ---------------------------------------------------------------------------------------
    // Payloads, generated once from a fixed seed

    /** K=10 score records, {@code {"key":"sensor-7","ts":…,"scores":{"class-0":-3.1,…}}}. */
    private static byte[][] scorePayloads(String keyPrefix) {
        SplittableRandom random = new SplittableRandom(42);
        byte[][] out = new byte[PAYLOADS][];
        for (int i = 0; i < PAYLOADS; i++) {
            StringBuilder b = new StringBuilder(320);
            b.append("{\"key\":\"").append(keyPrefix).append(random.nextInt(1000))
                    .append("\",\"ts\":1700000000000,\"scores\":{");
            for (int c = 0; c < K; c++) {
                b.append(c == 0 ? "" : ",").append("\"class-").append(c).append("\":")
                        .append(random.nextDouble() * 20 - 10);
            }
            out[i] = b.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** Binary score records, {@code {"key":"sensor-7","ts":…,"score":1.3}}. */
    private static byte[][] binaryPayloads() {
        SplittableRandom random = new SplittableRandom(42);
        byte[][] out = new byte[PAYLOADS][];
        for (int i = 0; i < PAYLOADS; i++) {
            out[i] = ("{\"key\":\"sensor-" + random.nextInt(1000) + "\",\"ts\":1700000000000,\"score\":"
                            + (random.nextDouble() * 20 - 10) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** {@code template} with its key replaced by {@code key}, which must be as long or longer. */
    private static byte[] payload(String key, byte[] template) {
        String json = new String(template, StandardCharsets.UTF_8);
        int from = json.indexOf("\"key\":\"") + 7;
        int to = json.indexOf('"', from);
        return (json.substring(0, from) + key + json.substring(to)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(int i) {
        return Integer.toString(i).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        kafka.close();
    }
}
