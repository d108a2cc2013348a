package org.infoprob.jobs.demo;

import org.infoprob.jobs.JobParameters;
import org.infoprob.jobs.kafka.EmbeddedKafka;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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
 * <p>Traffic ({@link TrafficGenerator}): {@code --rate} records per second in total over the four
 * input topics, for {@code --duration} seconds. Every 2 s a progress line gives each pipeline's
 * committed output records per second, the dead letters by reason and the five rarest events so
 * far. At the end the traffic stops, the demo waits until the one-record-per-input pipelines have
 * written everything, then stops the Flink job with a final savepoint that drains it (the event
 * time jumps to the end, so the open windows fire, and the last transactions commit), prints the
 * summary and writes it and the chart ({@link DemoChart}) to {@code --output-dir}.
 *
 * <p>Ctrl-C (or SIGTERM) stops the traffic, cancels the Flink job, still writes the summary and
 * the chart of what came so far, and stops the embedded broker, deleting its files.
 */
public final class LocalDemo {

    private static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_PARALLELISM = 2;
    private static final int PARTITIONS = 2;
    private static final int SHOWN_USERS = 3;
    private static final long SEED = 42;

    /** The summary's file name in {@code --output-dir}, beside the chart. */
    static final String SUMMARY_FILE = "summary.txt";

    private final JobParameters p;
    private final PrintStream out;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;

    private final List<Double> sampleSeconds = new ArrayList<>();
    private final Map<DemoJob, List<Double>> sampleRates = new LinkedHashMap<>();

    /** A demo with the {@code demo} flags of {@code p}. */
    public LocalDemo(JobParameters p, PrintStream out) {
        this.p = p;
        this.out = out;
        for (DemoJob j : DemoJob.values()) {
            sampleRates.put(j, new ArrayList<>());
        }
    }

    /** Runs the demo; returns when everything it started has stopped. */
    public void run() throws Exception {
        Thread onSignal = new Thread(this::onSignal, "infoprob-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            runDemo();
        } finally {
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
        stopRequested = true;
        out.println();
        out.println("Stopping: traffic, Flink job, broker ...");
        try {
            finished.await(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runDemo() throws Exception {
        List<String> inputs = List.of(TrafficGenerator.TOPICS);
        List<String> outputs = Stream.of(DemoJob.values()).map(DemoJob::outputTopic).collect(Collectors.toList());
        Properties client = p.kafkaProperties();
        if (p.hasBootstrapServers()) {
            String bootstrap = p.bootstrapServers();
            out.printf("Using the Kafka at %s.%n", bootstrap);
            createTopics(bootstrap, client, inputs, outputs);
            runWith(bootstrap, false, inputs, outputs);
            return;
        }
        out.println("Starting a Kafka broker (KRaft, one node, Kafka's own server classes) inside this JVM ...");
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = startQuietly()) {
            for (String topic : inputs) {
                kafka.createTopic(topic, PARTITIONS);
            }
            for (String topic : outputs) {
                kafka.createTopic(topic, PARTITIONS);
            }
            kafka.createTopic(DemoJob.DEAD_LETTERS, 1);
            out.printf(Locale.ROOT, "Kafka is up at %s after %.1f s, topics created.%n",
                    kafka.bootstrapServers(), (System.nanoTime() - started) / 1e9);
            runWith(kafka.bootstrapServers(), true, inputs, outputs);
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

    /** Topics on an existing Kafka: created with 2 partitions (broker's replication) unless they exist. */
    private void createTopics(String bootstrap, Properties client, List<String> inputs, List<String> outputs)
            throws InterruptedException {
        Properties props = new Properties();
        props.putAll(client);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> names = new ArrayList<>(inputs);
        names.addAll(outputs);
        names.add(DemoJob.DEAD_LETTERS);
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(props)) {
            for (String name : names) {
                int partitions = name.equals(DemoJob.DEAD_LETTERS) ? 1 : PARTITIONS;
                try {
                    admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()))).all().get();
                    created.add(name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name + " on " + bootstrap, e.getCause());
                    }
                }
            }
        }
        out.printf("Topics created: %s; already there: %d (their earlier records are not counted).%n",
                created.isEmpty() ? "none" : String.join(", ", created), names.size() - created.size());
    }

    private void runWith(String bootstrap, boolean embedded, List<String> inputs, List<String> outputs) throws Exception {
        GroundTruth truth = TrafficGenerator.newTruth();
        List<String> read = new ArrayList<>(outputs);
        read.add(DemoJob.DEAD_LETTERS);
        String interval = checkpointInterval().toMillis() + " ms";
        Map<DemoJob, JobParameters> jobs = new LinkedHashMap<>();
        for (DemoJob j : DemoJob.values()) {
            jobs.put(j, j.parameters(p, bootstrap, interval, embedded ? "earliest" : "committed"));
        }
        int parallelism = p.parallelism() > 0 ? p.parallelism() : DEFAULT_PARALLELISM;
        try (OutputMonitor monitor = new OutputMonitor(bootstrap, p.kafkaProperties(), read, truth)) {
            JobClient job = startFlink(jobs, parallelism);
            boolean jobEnded = false;
            long origin = System.currentTimeMillis();
            try (Traffic traffic = new Traffic(
                    bootstrap, p.kafkaProperties(), new TrafficGenerator(SEED, origin, truth), p.rate())) {
                out.printf(Locale.ROOT, "Sending %,d records/s for %d s: %s.%n",
                        p.rate(), p.durationSeconds(), TrafficGenerator.describe());
                traffic.start();
                follow(traffic, monitor, job);
                traffic.stop();
                if (traffic.failure() != null) {
                    throw new IllegalStateException("Sending the traffic failed", traffic.failure());
                }
                long seconds = Math.round((System.currentTimeMillis() - origin) / 1000.0);
                if (stopRequested) {
                    cancel(job);
                } else {
                    catchUp(monitor, truth);
                    stopWithDrain(job);
                    if (!monitor.readToEnd(Duration.ofSeconds(15))) {
                        out.println("Warning: the last committed records could not all be read within 15 s.");
                    }
                }
                jobEnded = true;
                summary(monitor, truth, traffic.produced(), seconds, parallelism, origin, bootstrap, embedded, inputs);
            } finally {
                if (!jobEnded) {
                    cancel(job);
                }
            }
        }
    }

    private Duration checkpointInterval() {
        return p.given().containsKey("checkpoint-interval") ? p.checkpointInterval() : DEFAULT_CHECKPOINT_INTERVAL;
    }

    /** Starts the Flink job, with the web UI on the first free port from {@code --web-ui-port}. */
    private JobClient startFlink(Map<DemoJob, JobParameters> jobs, int parallelism) throws Exception {
        JobParameters settings = jobs.get(DemoJob.SOFTMAX);
        int wanted = p.webUiPort();
        int port = wanted > 0 ? DemoFlink.freePort(wanted) : 0;
        if (wanted > 0 && port < 0) {
            out.printf("Port %d and the %d after it are taken: the Flink web UI stays off (choose one with --web-ui-port).%n",
                    wanted, DemoFlink.PORTS_TRIED - 1);
        } else if (port > 0 && port != wanted) {
            out.printf("Port %d is taken; the Flink web UI uses port %d instead.%n", wanted, port);
        }
        JobClient job;
        try {
            job = DemoFlink.start(jobs, settings, Math.max(port, 0), parallelism);
        } catch (Exception e) {
            if (port <= 0) {
                throw e;
            }
            out.printf("The Flink web UI could not start on port %d (%s); running without it.%n", port, rootMessage(e));
            port = 0;
            job = DemoFlink.start(jobs, settings, 0, parallelism);
        }
        out.printf("Flink job %s runs %d pipelines locally (parallelism %d, exactly-once, checkpoint every %s):%n",
                job.getJobID(), jobs.size(), parallelism, human(checkpointInterval()));
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
    private void follow(Traffic traffic, OutputMonitor monitor, JobClient job) throws Exception {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(p.durationSeconds());
        long nextReport = start + PROGRESS_INTERVAL.toNanos();
        long lastReport = start;
        long lastProduced = 0;
        Map<DemoJob, Long> lastCounts = new LinkedHashMap<>();
        for (DemoJob j : DemoJob.values()) {
            lastCounts.put(j, 0L);
        }
        while (System.nanoTime() < end && !stopRequested && traffic.failure() == null) {
            monitor.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            if (now < nextReport) {
                continue;
            }
            checkRunning(job);
            double dt = (now - lastReport) / 1e9;
            double seconds = (now - start) / 1e9;
            StringBuilder rates = new StringBuilder();
            sampleSeconds.add(seconds);
            for (DemoJob j : DemoJob.values()) {
                long count = monitor.records(j.outputTopic());
                double rate = (count - lastCounts.get(j)) / dt;
                lastCounts.put(j, count);
                sampleRates.get(j).add(rate);
                rates.append(String.format(Locale.ROOT, " %s %,.0f", j.label(), rate));
            }
            long produced = traffic.produced();
            out.printf(Locale.ROOT, "[%3.0f s] sent %,d (%,.0f/s) | committed out/s:%s%n",
                    seconds, produced, (produced - lastProduced) / dt, rates);
            lastProduced = produced;
            out.printf(Locale.ROOT, "        dead letters %,d%s | top class = truth: softmax %s, sigmoid %s%n",
                    monitor.deadLetters(), reasons(monitor), percent(monitor.softmaxAccuracy()), percent(monitor.sigmoidAccuracy()));
            out.println("        rarest so far: " + rarest(monitor.rarest()));
            lastReport = now;
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

    /**
     * After the traffic stopped: waits until every pipeline that writes one record per input
     * record has written one for every valid record sent, and every poison record has one dead
     * letter per pipeline that reads its topic.
     */
    private void catchUp(OutputMonitor monitor, GroundTruth truth) throws IOException {
        out.println("Traffic stopped; waiting for the pipelines to catch up ...");
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (!caughtUp(monitor, truth)) {
            if (System.nanoTime() > deadline) {
                out.printf("Warning: after %d s not every record has come out; stopping anyway.%n", CATCH_UP_TIMEOUT.toSeconds());
                return;
            }
            monitor.poll(Duration.ofMillis(200));
        }
    }

    private static boolean caughtUp(OutputMonitor monitor, GroundTruth truth) {
        for (DemoJob j : DemoJob.values()) {
            if (j.oneToOne() && monitor.records(j.outputTopic()) < truth.validRecords(j.inputTopic())) {
                return false;
            }
        }
        for (String topic : TrafficGenerator.TOPICS) {
            if (monitor.deadLettersFrom(topic) < truth.poisonRecords(topic) * DemoJob.readers(topic).size()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops the job with a savepoint that first drains it: the sources stop, the event time jumps
     * to the end so every open window fires, and the final transactions commit. The savepoint
     * itself is not needed and is deleted.
     */
    private void stopWithDrain(JobClient job) throws Exception {
        out.println("Stopping the Flink job with a final savepoint (open windows fire, last transactions commit) ...");
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
            deleteRecursively(savepoints);
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

    private void summary(
            OutputMonitor monitor,
            GroundTruth truth,
            long produced,
            long seconds,
            int parallelism,
            long origin,
            String bootstrap,
            boolean embedded,
            List<String> inputs)
            throws IOException {
        long poison = 0;
        StringBuilder sent = new StringBuilder();
        for (String topic : inputs) {
            long n = truth.validRecords(topic) + truth.poisonRecords(topic);
            poison += truth.poisonRecords(topic);
            sent.append(sent.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %,d", topic, n));
        }
        List<ChartData.SummaryRow> rows = summaryRows(monitor, truth);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Summary after %d s: %,d records sent (%,d poison) at about %,d/s: %s.",
                seconds, produced, poison, seconds == 0 ? produced : produced / seconds, sent));
        lines.add(String.format(Locale.ROOT, "  %-21s %10s", "output topic", "records"));
        for (ChartData.SummaryRow row : rows) {
            lines.add(String.format(Locale.ROOT, "  %-21s %,10d  %s", row.topic(), row.records(), row.note()));
        }
        if (!monitor.rarest().isEmpty()) {
            lines.add("  rarest events: " + rarest(monitor.rarest()));
        }
        out.println();
        lines.forEach(out::println);
        String subtitle = String.format(Locale.ROOT,
                "%s · %d s at %,d records/s · %,d records sent · parallelism %d · exactly-once, checkpoint every %s",
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)),
                seconds, p.rate(), produced, parallelism, human(checkpointInterval()));
        ChartData data = new ChartData(
                "infoprob demo: scores to probabilities, events to rarity",
                subtitle,
                rows,
                monitor.sigmoidPoints(),
                monitor.sigmoidBins(),
                monitor.softmaxBins(),
                frequencies(monitor, truth),
                monitor.rarityPoints(origin),
                truth.bursts().stream()
                        .map(b -> new ChartData.Band(
                                (b.startMillis() - origin) / 1000.0, (b.endMillis() - origin) / 1000.0,
                                b.key() + ": " + b.className()))
                        .collect(Collectors.toList()),
                throughput());
        Path chart = DemoChart.write(data, p.outputDir()).toAbsolutePath();
        Path summary = chart.resolveSibling(SUMMARY_FILE);
        Files.write(summary, lines, StandardCharsets.UTF_8);
        out.println();
        out.println("Chart:   " + chart);
        out.println("Summary: " + summary);
        out.println("Input topics: " + String.join(", ", inputs));
        out.println("Output topics: " + Stream.of(DemoJob.values()).map(DemoJob::outputTopic).collect(Collectors.joining(", "))
                + "; dead letters: " + DemoJob.DEAD_LETTERS);
        if (embedded) {
            out.printf("They were on the embedded broker at %s, which stops with the demo.%n", bootstrap);
        } else {
            out.printf("They stay on %s; read one with e.g. kafka-console-consumer.sh --bootstrap-server %s --topic %s"
                    + " --from-beginning --isolation-level read_committed%n", bootstrap, bootstrap, DemoJob.SURPRISAL.outputTopic());
        }
    }

    private List<ChartData.SummaryRow> summaryRows(OutputMonitor monitor, GroundTruth truth) {
        List<ChartData.SummaryRow> rows = new ArrayList<>();
        for (DemoJob j : DemoJob.values()) {
            long n = monitor.records(j.outputTopic());
            String note;
            if (j.oneToOne()) {
                long valid = truth.validRecords(j.inputTopic());
                note = String.format(Locale.ROOT, "%s: %s", j.label(),
                        n == valid ? String.format(Locale.ROOT, "one per valid %s record (%,d of %,d)", j.inputTopic(), n, valid)
                                : String.format(Locale.ROOT, "%,d for %,d valid %s records", n, valid, j.inputTopic()));
            } else {
                note = String.format(Locale.ROOT, "%s: one per key and 5 s window", j.label());
            }
            if (j == DemoJob.SOFTMAX) {
                note += String.format(Locale.ROOT, "; top class = true class in %s", percent(monitor.softmaxAccuracy()));
            } else if (j == DemoJob.SIGMOID) {
                note += String.format(Locale.ROOT, "; more probable label = true label in %s (best possible here %s)",
                        percent(monitor.sigmoidAccuracy()), percent(truth.bestBinaryAccuracy()));
            }
            rows.add(new ChartData.SummaryRow(j.outputTopic(), n, note));
        }
        long expected = 0;
        for (String topic : TrafficGenerator.TOPICS) {
            expected += truth.poisonRecords(topic) * DemoJob.readers(topic).size();
        }
        String byReason = monitor.deadLettersByReason().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        rows.add(new ChartData.SummaryRow(DemoJob.DEAD_LETTERS, monitor.deadLetters(), String.format(Locale.ROOT,
                "%s (expected %,d: each poison record once per pipeline reading its topic)",
                byReason.isEmpty() ? "none" : byReason, expected)));
        return rows;
    }

    /** The users with bursts first, then the others, {@value #SHOWN_USERS} of them. */
    private List<ChartData.KeyFrequencies> frequencies(OutputMonitor monitor, GroundTruth truth) {
        Set<Integer> users = new LinkedHashSet<>();
        for (GroundTruth.Burst b : truth.bursts()) {
            users.add(TrafficGenerator.userIndex(b.key()));
        }
        for (int u = 0; u < TrafficGenerator.USERS; u++) {
            users.add(u);
        }
        List<ChartData.KeyFrequencies> shown = new ArrayList<>();
        for (int u : users) {
            if (shown.size() == SHOWN_USERS) {
                break;
            }
            List<ChartData.ClassBar> classes = new ArrayList<>();
            int all = TrafficGenerator.EVENTS.length + TrafficGenerator.RARE_EVENTS.length;
            for (int c = 0; c < all; c++) {
                boolean rare = c >= TrafficGenerator.EVENTS.length;
                long count = truth.classCount(u, c);
                if (!rare || count > 0) {
                    classes.add(new ChartData.ClassBar(TrafficGenerator.className(c), count, monitor.latestBits(u, c), rare));
                }
            }
            classes.sort(Comparator.comparingLong(ChartData.ClassBar::count).reversed());
            shown.add(new ChartData.KeyFrequencies(TrafficGenerator.user(u), TrafficGenerator.zipfExponent(u), classes));
        }
        return shown;
    }

    private List<ChartData.Series> throughput() {
        double[] seconds = sampleSeconds.stream().mapToDouble(Double::doubleValue).toArray();
        List<ChartData.Series> series = new ArrayList<>();
        sampleRates.forEach((j, rates) -> series.add(new ChartData.Series(
                j.label(), seconds, rates.stream().mapToDouble(Double::doubleValue).toArray())));
        return series;
    }

    private static String reasons(OutputMonitor monitor) {
        Map<String, Long> byReason = monitor.deadLettersByReason();
        if (byReason.isEmpty()) {
            return "";
        }
        return byReason.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static String rarest(List<OutputMonitor.Rare> rarest) {
        if (rarest.isEmpty()) {
            return "-";
        }
        return rarest.stream()
                .map(r -> String.format(Locale.ROOT, "%s %s (one in %,.0f)", r.key(), r.className(), r.oneIn()))
                .collect(Collectors.joining(" · "));
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
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

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
    }
}
