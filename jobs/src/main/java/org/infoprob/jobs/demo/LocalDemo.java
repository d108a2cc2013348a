package org.infoprob.jobs.demo;

import org.infoprob.jobs.KafkaJob;
import org.infoprob.jobs.kafka.EmbeddedKafka;
import org.infoprob.jobs.kafka.KafkaAdmin;
import org.infoprob.jobs.options.ClientOptions;
import org.infoprob.jobs.options.StartingOffsets;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.util.FileUtils;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code demo}: a real Kafka broker in this JVM (or an existing Kafka with {@code
 * --bootstrap-servers}), generated traffic, and every sample job in one local Flink job with the
 * web UI, exactly-once; live progress, then a summary and a chart.
 *
 * <pre>
 *   scores        -&gt; softmax          -&gt; probabilities
 *                 -&gt; window-softmax   -&gt; window-probabilities
 *   binary-scores -&gt; sigmoid          -&gt; binary-probabilities
 *   label-scores  -&gt; multi-label      -&gt; label-probabilities
 *   classes       -&gt; surprisal        -&gt; rarity
 *                 -&gt; window-surprisal -&gt; window-rarity
 *   rejected records of all of them    -&gt; dead-letters
 * </pre>
 *
 * <p>This class is the demo's lifecycle: broker, topics, Flink job, traffic, shutdown. Traffic
 * ({@link TrafficGenerator}): {@code --rate} records per second in total over the four input
 * topics, for {@code --duration} seconds. Every 2 s a {@link Progress} line. At the end the
 * traffic stops, the demo waits until the one-record-per-input pipelines have written
 * everything, then stops the Flink job with a final savepoint that drains it (the event time
 * jumps to the end, so the open windows fire, and the last transactions commit), prints the
 * {@link Report}'s summary and writes it and the chart ({@link DemoChart}) to {@code --output-dir}.
 *
 * <p>Ctrl-C (or SIGTERM) stops the traffic, cancels the Flink job, still writes the summary and
 * the chart of what came so far, and stops the embedded broker, deleting its files.
 */
public final class LocalDemo {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 2;
    private static final long SEED = 42;

    /** The summary's file name in {@code --output-dir}, beside the chart. */
    static final String SUMMARY_FILE = "summary.txt";

    private final DemoCommand options;
    private final PrintWriter out;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;

    /** A demo with {@code options}, printing to {@code out}. */
    public LocalDemo(DemoCommand options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the demo; returns when everything it started has stopped. */
    public void run() throws Exception {
        Thread onSignal = new Thread(this::onSignal, "infoprob-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            runDemo();
        } finally {
            out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // A signal came: the hook runs and has been waiting for this cleanup.
            }
        }
    }

    /** Ctrl-C / SIGTERM: asks the demo to wind down and waits until it has. */
    private void onSignal() {
        requestStop();
        try {
            finished.await(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks the running demo to wind down as on Ctrl-C: the traffic stops, the Flink job is
     * cancelled, the summary and chart of what came so far are written and the embedded broker
     * stops. Returns at once; {@link #run} returns when all that is done.
     */
    void requestStop() {
        stopRequested = true;
        out.println();
        out.println("Stopping: traffic, Flink job, broker ...");
        out.flush();
    }

    private void runDemo() throws Exception {
        ClientOptions client = options.client();
        if (client.bootstrapServersGiven()) {
            out.printf("Using the Kafka at %s.%n", client.bootstrapServers());
            List<String> created = createTopics(client);
            out.printf("Topics created: %s; already there: %d (their earlier records are not counted).%n",
                    created.isEmpty() ? "none" : String.join(", ", created), topics().size() - created.size());
            runWith(client, false);
            return;
        }
        out.println("Starting a Kafka broker (KRaft, one node, Kafka's own server classes) inside this JVM ...");
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = startQuietly()) {
            ClientOptions embedded = ClientOptions.of(kafka.bootstrapServers(), client.properties());
            createTopics(embedded);
            out.printf(Locale.ROOT, "Kafka is up at %s after %.1f s, topics created.%n",
                    kafka.bootstrapServers(), (System.nanoTime() - started) / 1e9);
            runWith(embedded, true);
        }
        out.println("The embedded Kafka broker has stopped and its files are deleted.");
    }

    /**
     * Starts the embedded broker. Kafka's storage formatter prints the bootstrap metadata to
     * {@code System.out}; the demo's own lines go to {@link #out}, so that is silenced meanwhile.
     * When the broker stops, its internal clients warn that they are already closed; with the
     * demo's own broker that is expected, so Kafka's {@code NetworkClient} logs errors only.
     */
    private static EmbeddedKafka startQuietly() {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return EmbeddedKafka.start();
        } finally {
            System.setOut(stdout);
            Configurator.setLevel("org.apache.kafka.clients.NetworkClient", Level.ERROR);
        }
    }

    /** The input, output and dead-letter topics. */
    private static List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(TrafficGenerator.TOPICS));
        Stream.of(DemoJob.values()).map(DemoJob::outputTopic).forEach(topics::add);
        topics.add(DemoJob.DEAD_LETTERS);
        return topics;
    }

    /** Creates the topics that do not exist yet: 2 partitions, 1 for the dead letters; returns those created. */
    private static List<String> createTopics(ClientOptions client) throws InterruptedException {
        List<String> created = new ArrayList<>();
        try (KafkaAdmin admin = KafkaAdmin.connect(client.bootstrapServers(), client.properties())) {
            for (String topic : topics()) {
                if (admin.createTopic(topic, topic.equals(DemoJob.DEAD_LETTERS) ? 1 : PARTITIONS)) {
                    created.add(topic);
                }
            }
        }
        return created;
    }

    private void runWith(ClientOptions client, boolean embedded) throws Exception {
        GroundTruth truth = TrafficGenerator.newTruth();
        Map<DemoJob, KafkaJob> jobs = new LinkedHashMap<>();
        for (DemoJob j : DemoJob.values()) {
            jobs.put(j, j.job(client, options.runtime(), embedded ? StartingOffsets.EARLIEST : StartingOffsets.COMMITTED));
        }
        int parallelism = options.runtime().parallelism().orElse(Runtime.getRuntime().availableProcessors());
        List<String> read = topics().subList(TrafficGenerator.TOPICS.length, topics().size());
        OutputStats stats = new OutputStats(truth);
        try (OutputMonitor monitor = new OutputMonitor(client.bootstrapServers(), client.properties(), read, stats)) {
            JobClient job = startFlink(jobs, parallelism);
            boolean jobEnded = false;
            long origin = System.currentTimeMillis();
            Progress progress = new Progress();
            try (Traffic traffic = new Traffic(client.bootstrapServers(), client.properties(),
                    new TrafficGenerator(SEED, origin, truth), options.rate())) {
                out.printf(Locale.ROOT, "Sending %,d records/s for %d s: %s.%n",
                        options.rate(), options.durationSeconds(), TrafficGenerator.describe());
                traffic.start();
                follow(traffic, monitor, job, progress);
                traffic.stop();
                if (traffic.failure() != null) {
                    throw new IllegalStateException("Sending the traffic failed", traffic.failure());
                }
                long seconds = Math.round((System.currentTimeMillis() - origin) / 1000.0);
                Report report = new Report(stats, truth);
                if (stopRequested) {
                    cancel(job);
                } else {
                    catchUp(monitor, report);
                    stopWithDrain(job);
                    if (!monitor.readToEnd(Duration.ofSeconds(15))) {
                        out.println("Warning: the last committed records could not all be read within 15 s.");
                    }
                }
                jobEnded = true;
                finish(report, traffic.produced(), seconds, parallelism, origin, progress);
                whereTheTopicsAre(client.bootstrapServers(), embedded);
            } finally {
                if (!jobEnded) {
                    cancel(job);
                }
            }
        }
    }

    /** Starts the Flink job, with the web UI on the first free port from {@code --web-ui-port}. */
    private JobClient startFlink(Map<DemoJob, KafkaJob> jobs, int parallelism) throws Exception {
        int wanted = options.webUiPort();
        int port = wanted > 0 ? DemoFlink.freePort(wanted) : 0;
        if (wanted > 0 && port < 0) {
            out.printf("Port %d and the %d after it are taken: the Flink web UI stays off (choose one with --web-ui-port).%n",
                    wanted, DemoFlink.PORTS_TRIED - 1);
        } else if (port > 0 && port != wanted) {
            out.printf("Port %d is taken; the Flink web UI uses port %d instead.%n", wanted, port);
        }
        JobClient job;
        try {
            job = DemoFlink.start(jobs, options.runtime(), Math.max(port, 0), parallelism);
        } catch (Exception e) {
            if (port <= 0) {
                throw e;
            }
            out.printf("The Flink web UI could not start on port %d (%s); running without it.%n", port, rootMessage(e));
            port = 0;
            job = DemoFlink.start(jobs, options.runtime(), 0, parallelism);
        }
        out.printf("Flink job %s runs %d pipelines locally (parallelism %d, %s, checkpoint every %s):%n",
                job.getJobID(), jobs.size(), parallelism, options.runtime().guarantee(), human(options.runtime().checkpointInterval()));
        for (DemoJob j : jobs.keySet()) {
            out.printf("  %-16s %-13s -> %s%n", j.label(), j.inputTopic(), j.outputTopic());
        }
        out.printf("  rejected records of all of them -> %s%n", DemoJob.DEAD_LETTERS);
        if (port > 0) {
            out.printf("Flink web UI: http://localhost:%d%n", port);
        }
        return job;
    }

    /** Prints progress until {@code --duration} has passed, a signal came, or the job ended. */
    private void follow(Traffic traffic, OutputMonitor monitor, JobClient job, Progress progress) throws Exception {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        long nextReport = start + PROGRESS_INTERVAL.toNanos();
        while (System.nanoTime() < end && !stopRequested && traffic.failure() == null) {
            monitor.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            if (now < nextReport) {
                continue;
            }
            checkRunning(job);
            progress.sample((now - start) / 1e9, traffic.produced(), monitor.stats()).forEach(out::println);
            out.flush();
            nextReport += PROGRESS_INTERVAL.toNanos();
        }
    }

    /** Throws if the Flink job has ended (it only ends when the demo stops it). */
    private static void checkRunning(JobClient job) throws Exception {
        JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
        if (status.isGloballyTerminalState()) {
            try {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("The Flink job failed", e.getCause());
            }
            throw new IllegalStateException("The Flink job ended on its own with status " + status);
        }
    }

    /** After the traffic stopped: waits until the report says every pipeline has caught up. */
    private void catchUp(OutputMonitor monitor, Report report) throws Exception {
        out.println("Traffic stopped; waiting for the pipelines to catch up ...");
        out.flush();
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (!report.caughtUp()) {
            if (System.nanoTime() > deadline) {
                out.printf("Warning: after %d s not every record has come out; stopping anyway.%n", CATCH_UP_TIMEOUT.toSeconds());
                return;
            }
            monitor.poll(Duration.ofMillis(200));
        }
    }

    /**
     * Stops the job with a savepoint that first drains it: the sources stop, the event time jumps
     * to the end so every open window fires, and the final transactions commit. The savepoint
     * itself is not needed and is deleted.
     */
    private void stopWithDrain(JobClient job) throws Exception {
        out.println("Stopping the Flink job with a final savepoint (open windows fire, last transactions commit) ...");
        out.flush();
        // A periodic checkpoint that was due when the stop began is declined, which Flink logs
        // as a warning; here that is expected.
        Configurator.setLevel("org.apache.flink.runtime.checkpoint.CheckpointFailureManager", Level.ERROR);
        Path savepoints = Files.createTempDirectory("infoprob-demo-savepoint-");
        try {
            job.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            out.printf("Stopping with a savepoint failed (%s); cancelling the job instead.%n", rootMessage(e));
            cancel(job);
        } finally {
            FileUtils.deleteDirectory(savepoints.toFile());
        }
    }

    private void cancel(JobClient job) {
        try {
            if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            out.printf("Cancelling the Flink job failed: %s%n", rootMessage(e));
        }
    }

    /** Prints the summary and writes it and the chart to {@code --output-dir}. */
    private void finish(Report report, long produced, long seconds, int parallelism, long origin, Progress progress)
            throws Exception {
        List<String> summary = report.summary(produced, seconds);
        out.println();
        summary.forEach(out::println);
        String subtitle = String.format(Locale.ROOT,
                "%s · %d s at %,d records/s · %,d records sent · parallelism %d · %s, checkpoint every %s",
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)),
                seconds, options.rate(), produced, parallelism, options.runtime().guarantee(),
                human(options.runtime().checkpointInterval()));
        Path chart = DemoChart.write(report.chart(subtitle, origin, progress.throughput()), options.outputDir()).toAbsolutePath();
        Path file = chart.resolveSibling(SUMMARY_FILE);
        Files.write(file, summary, StandardCharsets.UTF_8);
        out.println();
        out.println("Chart:   " + chart);
        out.println("Summary: " + file);
    }

    private void whereTheTopicsAre(String bootstrap, boolean embedded) {
        out.println("Input topics: " + String.join(", ", TrafficGenerator.TOPICS));
        out.println("Output topics: " + Stream.of(DemoJob.values()).map(DemoJob::outputTopic).collect(Collectors.joining(", "))
                + "; dead letters: " + DemoJob.DEAD_LETTERS);
        if (embedded) {
            out.printf("They were on the embedded broker at %s, which stops with the demo.%n", bootstrap);
        } else {
            out.printf("They stay on %s; read one with e.g. kafka-console-consumer.sh --bootstrap-server %s --topic %s"
                    + " --from-beginning --isolation-level read_committed%n", bootstrap, bootstrap, DemoJob.SURPRISAL.outputTopic());
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
