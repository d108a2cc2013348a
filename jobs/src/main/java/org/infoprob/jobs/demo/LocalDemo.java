package org.infoprob.jobs.demo;

import org.infoprob.jobs.JobName;
import org.infoprob.jobs.JobParameters;
import org.infoprob.jobs.JobRunner;
import org.infoprob.jobs.SoftmaxJob;
import org.infoprob.jobs.kafka.EmbeddedKafka;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo}: a real Kafka broker in this JVM, sample score traffic, and a Flink job on a
 * local MiniCluster that turns the scores into probabilities, exactly-once, with live progress.
 *
 * <pre>
 *   scores (2 partitions) -&gt; quick-softmax -&gt; probabilities (2 partitions)
 *                                   \-&gt; rejected records -&gt; dead-letters
 * </pre>
 *
 * <p>The sink commits with each checkpoint (every second), so the committed output trails the
 * input by about a second. At the end the traffic stops, the demo waits until every produced
 * record is either a probability record or a dead letter, then cancels the job and stops the
 * broker.
 */
public final class LocalDemo {

    static final String INPUT = "scores";
    static final String OUTPUT = "probabilities";
    static final String DEAD_LETTERS = "dead-letters";

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);
    private static final int PARALLELISM = 2;

    private final PrintStream out;
    private final int durationSeconds;
    private final int recordsPerSecond;
    private final ObjectMapper json = new ObjectMapper();

    private long committedOutput;
    private long deadLetters;
    private long judged;
    private long topIsTruth;
    private String sample;
    private String sampleDeadLetter;

    /** A demo with the {@code demo} flags of {@code p} ({@code --duration}, {@code --rate}). */
    public LocalDemo(JobParameters p, PrintStream out) {
        this.out = out;
        this.durationSeconds = p.durationSeconds();
        this.recordsPerSecond = p.rate();
    }

    /** Runs the demo; returns when everything has stopped. */
    public void run() throws Exception {
        out.println("Starting a Kafka broker (KRaft, one node) inside this JVM ...");
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            // On Ctrl-C the broker still stops and its directory goes away.
            Thread onInterrupt = new Thread(kafka::close, "infoprob-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                runWith(kafka, started);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C came first: the hook is running and closes the broker.
                }
            }
        }
        out.println("Broker stopped, its files deleted.");
    }

    private void runWith(EmbeddedKafka kafka, long started) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        kafka.createTopic(INPUT, 2);
        kafka.createTopic(OUTPUT, 2);
        kafka.createTopic(DEAD_LETTERS, 1);
        out.printf(
                "Kafka is up at %s after %.1f s; topics '%s' (2 partitions), '%s' (2), '%s' (1).%n",
                bootstrap, (System.nanoTime() - started) / 1e9, INPUT, OUTPUT, DEAD_LETTERS);

        JobClient job = startJob(bootstrap);
        out.printf(
                "Flink job %s runs locally: %s -> %s -> %s, exactly-once, checkpoint every %d s.%n",
                job.getJobID(), INPUT, "softmax", OUTPUT, CHECKPOINT_INTERVAL.toSeconds());
        out.printf(
                "Producing %d records/s for %d s (classes %s, true class score +%.1f, every %dth record has a NaN score).%n",
                recordsPerSecond,
                durationSeconds,
                String.join("/", ScoreTraffic.CLASSES),
                ScoreTraffic.SIGNAL,
                ScoreTraffic.BAD_EVERY);
        try (ScoreTraffic traffic = new ScoreTraffic(bootstrap, INPUT, recordsPerSecond);
                KafkaConsumer<String, String> consumer = committedConsumer(bootstrap)) {
            traffic.start();
            follow(traffic, consumer, TimeUnit.SECONDS.toNanos(durationSeconds));
            traffic.stop();
            if (traffic.failure() != null) {
                throw new IllegalStateException("The sample traffic failed", traffic.failure());
            }
            drain(traffic, consumer);
            job.cancel().get(30, TimeUnit.SECONDS);
            summary(traffic.produced(), bootstrap);
        }
    }

    private JobClient startJob(String bootstrap) throws Exception {
        JobParameters softmax =
                JobParameters.parse(
                        JobName.SOFTMAX,
                        new String[] {
                            "--bootstrap-servers", bootstrap,
                            "--input-topic", INPUT,
                            "--output-topic", OUTPUT,
                            "--dead-letter-topic", DEAD_LETTERS,
                            "--starting-offsets", "earliest",
                            "--checkpoint-interval", CHECKPOINT_INTERVAL.toMillis() + " ms",
                            "--transactional-id-prefix", "infoprob-demo-softmax"
                        });
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, new Configuration());
        JobRunner.configure(env, softmax);
        JobRunner.addTo(env, softmax, SoftmaxJob::buildPipeline);
        return env.executeAsync("infoprob demo: " + INPUT + " -> softmax -> " + OUTPUT);
    }

    /** Reads committed output and prints progress until {@code durationNanos} have passed. */
    private void follow(ScoreTraffic traffic, KafkaConsumer<String, String> consumer, long durationNanos)
            throws IOException {
        long start = System.nanoTime();
        long nextReport = start + PROGRESS_INTERVAL.toNanos();
        while (System.nanoTime() - start < durationNanos) {
            read(consumer, traffic);
            if (System.nanoTime() >= nextReport) {
                progress(traffic, (System.nanoTime() - start) / 1_000_000_000L);
                nextReport += PROGRESS_INTERVAL.toNanos();
            }
        }
    }

    /** After the traffic stopped: waits until every produced record has come out committed. */
    private void drain(ScoreTraffic traffic, KafkaConsumer<String, String> consumer)
            throws IOException {
        out.printf("Traffic stopped; waiting for the last checkpoint to commit the rest ...%n");
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (committedOutput + deadLetters < traffic.produced() && System.nanoTime() < deadline) {
            read(consumer, traffic);
        }
    }

    private void read(KafkaConsumer<String, String> consumer, ScoreTraffic traffic)
            throws IOException {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(DEAD_LETTERS)) {
                deadLetters++;
                sampleDeadLetter = record.value();
                continue;
            }
            committedOutput++;
            sample = record.value();
            JsonNode probabilities = json.readTree(record.value());
            int truth = traffic.truth(probabilities.path("id").asLong(-1));
            if (truth >= 0) {
                judged++;
                if (ScoreTraffic.CLASSES[truth].equals(probabilities.path("top").asText())) {
                    topIsTruth++;
                }
            }
        }
    }

    private void progress(ScoreTraffic traffic, long seconds) {
        out.printf(
                "[%3d s] produced %,7d | committed: %,7d probabilities, %,3d dead letters | top class = true class in %s%n",
                seconds, traffic.produced(), committedOutput, deadLetters, accuracy());
        if (sample != null) {
            out.println("        latest: " + sample);
        }
    }

    private void summary(long produced, String bootstrap) {
        out.printf(
                "Done: %,d records produced; %,d probabilities committed to topic '%s' and %,d dead letters to '%s' (%s).%n",
                produced,
                committedOutput,
                OUTPUT,
                deadLetters,
                DEAD_LETTERS,
                committedOutput + deadLetters == produced
                        ? "every record exactly once"
                        : (produced - committedOutput - deadLetters) + " not yet committed");
        out.printf("Top class = true class in %s of the probability records.%n", accuracy());
        if (sampleDeadLetter != null) {
            out.println("A dead letter: " + sampleDeadLetter);
        }
        out.printf(
                "The output topic '%s' was on the in-JVM broker at %s, which stops with the demo.%n",
                OUTPUT, bootstrap);
    }

    private String accuracy() {
        return judged == 0 ? "-" : String.format("%.1f%%", 100.0 * topIsTruth / judged);
    }

    /** A group-less read_committed consumer of the output and dead-letter topics. */
    private static KafkaConsumer<String, String> committedConsumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(OUTPUT, DEAD_LETTERS)) {
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
