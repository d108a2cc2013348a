package org.infoprob.jobs;

import org.infoprob.testing.cluster.BuildOutputs;
import org.infoprob.testing.cluster.BulkProducer;
import org.infoprob.testing.cluster.FlinkRestClient;
import org.infoprob.testing.cluster.FlinkRestClient.CheckpointStats;
import org.infoprob.testing.cluster.FlinkSessionCluster;
import org.infoprob.testing.cluster.KafkaBrokerProcess;
import org.infoprob.testing.cluster.OwnedProcess;
import org.infoprob.testing.cluster.OwnedProcesses;
import org.infoprob.testing.cluster.Ports;
import org.infoprob.testing.cluster.PrometheusScrape;
import org.infoprob.testing.cluster.PrometheusScrape.Sample;
import org.infoprob.testing.cluster.TopicFollower;

import org.apache.flink.configuration.CoreOptions;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample jobs on a real distributed Flink cluster: a JobManager and two TaskManagers as
 * separate OS processes, a Kafka broker as a third, all started from Maven-resolved jars (see
 * {@link FlinkSessionCluster}, {@link KafkaBrokerProcess}). The jobs reach the cluster only as
 * the slim {@code infoprob-jobs-cluster.jar} (Flink provided): {@code surprisal} through
 * {@code flink run}, {@code softmax} through the REST API's jar upload, both with parallelism 2
 * so that each TaskManager holds a share of the state.
 *
 * <ol>
 *   <li>One million class events and one million score records stream through the two
 *       exactly-once jobs while a TaskManager is killed with SIGKILL three times (at 25%, 50% and
 *       75% of the surprisal output), each time replaced by a new TaskManager process. A
 *       read_committed consumer then sees every input id exactly once in each output, and every
 *       surprisal record carries the class count and key total that follow from the input
 *       before it: the keyed state survived every failover. The recovery time of each kill is
 *       printed.
 *   <li>The surprisal job is stopped with a savepoint and submitted again from the same jar,
 *       resuming from that savepoint; 50,000 more events continue the counts exactly.
 *   <li>The class-loading logs of all Flink processes show that no class the cluster has in a
 *       parent-first package was loaded from the job jar: the cluster's own classes win
 *       (Flink's parent-first patterns), only the Kafka connector, Kafka clients and our code
 *       come from the jar.
 * </ol>
 *
 * <p>Input ids travel in the event time: record {@code i} has {@code ts = BASE_TS + i}, and
 * both jobs copy {@code ts} to their output. Logs of every process are in {@code
 * target/cluster-it/DistributedClusterITCase/}.
 */
class DistributedClusterITCase {

    private static final int RECORDS = 1_000_000;
    private static final int MORE_RECORDS = 50_000;
    private static final int KILLS = 3;
    /**
     * Input records per second and topic in phase 1: the input arrives over 80 s, so records
     * are still being written when each TaskManager dies. The jobs (together about 28k records/s
     * while running, on 2 cores) fall behind during each recovery and catch up after it.
     */
    private static final int INPUT_RATE = 12_500;
    /**
     * Event time of record 0: now. The sinks stamp their records with the write time, not the
     * event time (jobs/README.md, "What the jobs write"), so an old date would do as well; now
     * keeps the input's own Kafka timestamps and event times alike.
     */
    private static final long BASE_TS = System.currentTimeMillis();
    private static final Path DIRECTORY = Path.of("target", "cluster-it", "DistributedClusterITCase");
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofMinutes(4);
    /** Ports of the Prometheus reporters' range: the JobManager and up to 5 TaskManagers over the test. */
    private static final int PROMETHEUS_PORTS = 10;
    private static final String OPERATOR_METRIC = "flink_taskmanager_job_task_operator_";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OwnedProcesses processes;
    private static KafkaBrokerProcess kafka;
    private static FlinkSessionCluster flink;
    /** First port of the Prometheus reporters' range; each Flink process takes the first free one. */
    private static int prometheusPort;

    @BeforeAll
    static void startBrokerAndCluster() {
        processes = OwnedProcesses.in(DIRECTORY);
        kafka = KafkaBrokerProcess.start(processes, "kafka");
        prometheusPort = Ports.free(1)[0];
        flink =
                FlinkSessionCluster.builder(processes)
                        .taskManagers(2)
                        .slotsPerTaskManager(2)
                        .logClassLoading()
                        // As docker/compose.yml: the Vector API softmax kernel on the TaskManagers.
                        .set("env.java.opts.taskmanager", "--add-modules jdk.incubator.vector")
                        // As docker/compose.yml: Flink's Prometheus reporter in every process.
                        .set("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                        .set("metrics.reporter.prom.port", prometheusPort + "-" + (prometheusPort + PROMETHEUS_PORTS - 1))
                        .start();
        System.out.printf(
                Locale.ROOT,
                "Cluster up: Flink REST/web UI %s, Kafka %s, processes %s%n",
                flink.restUri(),
                kafka.bootstrapServers(),
                processes.processes());
    }

    @AfterAll
    static void stopEverything() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (processes != null) {
                processes.close();
            }
        }
    }

    @Test
    void jobsStayExactlyOnceThroughThreeTaskManagerKillsAndSurprisalResumesFromASavepoint()
            throws IOException {
        long testStart = System.nanoTime();
        String bootstrap = kafka.bootstrapServers();
        for (String topic : List.of("classes", "rarity", "scores", "probabilities")) {
            kafka.createTopic(topic, 2);
        }
        kafka.createTopic("dead-letters-surprisal", 1);
        kafka.createTopic("dead-letters-softmax", 1);
        ClassEvents classes = new ClassEvents(RECORDS + MORE_RECORDS, 20261128L);
        Path jar = BuildOutputs.jobJar();
        FlinkRestClient rest = flink.rest();

        String surprisal = flink.flinkRun(surprisalRun(jar, null));
        String softmax = rest.runJar(rest.uploadJar(jar), softmaxArgs(bootstrap), 2, null);
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("surprisal", surprisal);
        jobs.put("softmax", softmax);
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            rest.awaitAllTasksRunning(job.getValue(), Duration.ofMinutes(2));
            Set<String> taskManagers =
                    flink.taskManagers().stream().map(OwnedProcess::name).collect(Collectors.toSet());
            assertThat(rest.taskManagersByVertex(job.getValue()))
                    .as("TaskManagers running each operator of the %s job (parallelism 2)", job.getKey())
                    .allSatisfy((vertex, tms) -> assertThat(tms).as(vertex).isEqualTo(taskManagers));
        }

        // Phase 1: a million records each, three TaskManager kills.
        RarityCheck rarity = new RarityCheck(classes, 0, RECORDS);
        ScoreCheck probabilities = new ScoreCheck(RECORDS);
        List<Recovery> recoveries = new ArrayList<>();
        TopicFollower rarityOut = TopicFollower.start(bootstrap, "rarity", rarity);
        try (TopicFollower probabilityOut = TopicFollower.start(bootstrap, "probabilities", probabilities)) {
            long produceStart = System.nanoTime();
            BulkProducer classProducer = BulkProducer.start(bootstrap, 0, RECORDS, INPUT_RATE, classes::record);
            BulkProducer scoreProducer =
                    BulkProducer.start(bootstrap, 0, RECORDS, INPUT_RATE, DistributedClusterITCase::scoreRecord);
            for (int kill = 1; kill <= KILLS; kill++) {
                rarityOut.awaitCount((long) kill * RECORDS / (KILLS + 1), OUTPUT_TIMEOUT);
                recoveries.add(killATaskManager(kill, jobs, rarityOut.count(), classProducer.sent()));
            }
            classProducer.await(OUTPUT_TIMEOUT);
            scoreProducer.await(OUTPUT_TIMEOUT);
            rarityOut.awaitCount(RECORDS, OUTPUT_TIMEOUT);
            probabilityOut.awaitCount(RECORDS, OUTPUT_TIMEOUT);
            double seconds = (System.nanoTime() - produceStart) / 1e9;
            // Two more checkpoints: anything written twice would be committed by now.
            awaitNewCheckpoints(surprisal, 2);
            awaitNewCheckpoints(softmax, 2);
            System.out.printf(
                    Locale.ROOT,
                    "%,d class events and %,d score records through both jobs in %.1f s, with %d kills%n",
                    RECORDS,
                    RECORDS,
                    seconds,
                    KILLS);
        } finally {
            rarityOut.close();
            recoveries.forEach(r -> System.out.println(r.describe()));
        }

        rarity.assertEveryIdExactlyOnceWithTheCountsOfTheInput("after three TaskManager kills");
        probabilities.assertEveryIdExactlyOnceWithSoftmaxValues();
        assertThat(TopicFollower.readCommitted(bootstrap, "dead-letters-surprisal"))
                .as("surprisal dead letters")
                .isEmpty();
        assertThat(TopicFollower.readCommitted(bootstrap, "dead-letters-softmax"))
                .as("softmax dead letters")
                .isEmpty();
        // Each kill hit a TaskManager of the surprisal job (so chosen), and killATaskManager waited
        // for a restore of each job it hit; what it could not know is which checkpoint came back.
        assertThat(recoveries).hasSize(KILLS).allSatisfy(r -> assertThat(r.restoredCheckpoint().get("surprisal"))
                .as("checkpoint the surprisal job restored after kill %d of %s: at least the latest completed before it, %d",
                        r.number(), r.victim(), r.completedBeforeKill().get("surprisal"))
                .isGreaterThanOrEqualTo(r.completedBeforeKill().get("surprisal"))
                .isPositive());

        // Phase 2: stop with a savepoint, submit the jar again from it, continue the counts.
        rest.cancel(softmax);
        String savepoint = rest.stopWithSavepoint(surprisal, flink.savepointDirectory(), Duration.ofMinutes(2));
        assertThat(rest.jobState(surprisal)).as("surprisal job after stop-with-savepoint").isEqualTo("FINISHED");
        String resumed = flink.flinkRun(surprisalRun(jar, savepoint));
        rest.awaitAllTasksRunning(resumed, Duration.ofMinutes(2));
        CheckpointStats restore = rest.checkpoints(resumed);
        assertThat(restore.latestRestoredIsSavepoint()).as("the resumed job restored a savepoint").isTrue();
        assertThat(restore.latestRestoredPath()).as("the savepoint it restored").isEqualTo(savepoint);

        RarityCheck continued = new RarityCheck(classes, RECORDS, RECORDS + MORE_RECORDS);
        // Continues where phase 1 stopped reading: output of phase 1 written again would show.
        try (TopicFollower more = TopicFollower.start(bootstrap, "rarity", rarityOut.positions(), continued)) {
            BulkProducer.start(bootstrap, RECORDS, RECORDS + MORE_RECORDS, 0, classes::record)
                    .await(OUTPUT_TIMEOUT);
            more.awaitCount(MORE_RECORDS, OUTPUT_TIMEOUT);
            awaitNewCheckpoints(resumed, 2);
        }
        continued.assertEveryIdExactlyOnceWithTheCountsOfTheInput("after resuming from " + savepoint);
        assertTheInfoprobMetricsAreScrapedAndAPoisonRecordCounted(bootstrap, resumed);
        rest.cancel(resumed);

        assertNoClusterClassCameFromTheJobJar();
        assertTheSoftmaxRanOnTheVectorKernel();
        System.out.printf(
                Locale.ROOT, "DistributedClusterITCase took %.1f s%n", (System.nanoTime() - testStart) / 1e9);
    }

    // -----------------------------------------------------------------------------------------
    // Submitting

    /** {@code flink run -p 2 [-s savepoint] infoprob-jobs-cluster.jar surprisal ...}. */
    private static String[] surprisalRun(Path jar, String savepoint) {
        List<String> args = new ArrayList<>(List.of("-p", "2"));
        if (savepoint != null) {
            args.addAll(List.of("-s", savepoint));
        }
        args.add(jar.toString());
        args.add("surprisal");
        args.addAll(
                jobFlags(kafka.bootstrapServers(), "classes", "rarity", "dead-letters-surprisal", "it-surprisal"));
        return args.toArray(new String[0]);
    }

    private static List<String> softmaxArgs(String bootstrap) {
        List<String> args = new ArrayList<>(List.of("softmax"));
        args.addAll(jobFlags(bootstrap, "scores", "probabilities", "dead-letters-softmax", "it-softmax"));
        return args;
    }

    /** Exactly-once (the default) with a checkpoint every second, reading from the beginning. */
    private static List<String> jobFlags(
            String bootstrap, String input, String output, String deadLetters, String id) {
        return List.of(
                "--bootstrap-servers", bootstrap,
                "--input-topic", input,
                "--output-topic", output,
                "--dead-letter-topic", deadLetters,
                "--group-id", id,
                "--transactional-id-prefix", id,
                "--starting-offsets", "earliest",
                "--checkpoint-interval", "1 s");
    }

    // -----------------------------------------------------------------------------------------
    // Killing and measuring recovery

    /**
     * Kills (SIGKILL) the oldest TaskManager that runs a subtask of the surprisal job, starts a
     * replacement at once, as a supervisor would, and measures for each job that had tasks on
     * the victim how long after the kill all its tasks ran again (after a restore) and when its
     * first checkpoint after the restore completed.
     */
    private static Recovery killATaskManager(
            int number, Map<String, String> jobs, long outputSoFar, long inputSoFar) {
        FlinkRestClient rest = flink.rest();
        Map<String, Set<String>> placement = new LinkedHashMap<>();
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            placement.put(
                    job.getKey(),
                    rest.taskManagersByVertex(job.getValue()).values().stream()
                            .flatMap(Set::stream)
                            .collect(Collectors.toCollection(TreeSet::new)));
        }
        OwnedProcess victim =
                flink.taskManagers().stream()
                        .filter(tm -> placement.get("surprisal").contains(tm.name()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("No TaskManager runs the surprisal job: " + placement));
        Map<String, CheckpointStats> before = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> job : placement.entrySet()) {
            if (job.getValue().contains(victim.name())) {
                before.put(job.getKey(), rest.checkpoints(jobs.get(job.getKey())));
            }
        }

        long killedAt = System.nanoTime();
        flink.killTaskManager(victim);
        OwnedProcess replacement = flink.startTaskManager();
        double replacementRegistered = (System.nanoTime() - killedAt) / 1e9;

        Map<String, double[]> times = new LinkedHashMap<>();
        before.keySet().forEach(job -> times.put(job, new double[] {Double.NaN, Double.NaN}));
        Map<String, Long> restoredCheckpoint = new LinkedHashMap<>();
        long deadline = killedAt + RECOVERY_TIMEOUT.toNanos();
        while (times.values().stream().anyMatch(t -> Double.isNaN(t[1]))) {
            for (Map.Entry<String, double[]> job : times.entrySet()) {
                double[] t = job.getValue();
                if (!Double.isNaN(t[1])) {
                    continue;
                }
                String jobId = jobs.get(job.getKey());
                CheckpointStats now = rest.checkpoints(jobId);
                boolean restored = now.restored() > before.get(job.getKey()).restored();
                if (Double.isNaN(t[0]) && restored && rest.allTasksRunning(jobId)) {
                    t[0] = (System.nanoTime() - killedAt) / 1e9;
                    restoredCheckpoint.put(job.getKey(), now.latestRestoredId());
                }
                if (!Double.isNaN(t[0]) && now.latestCompletedId() > now.latestRestoredId()) {
                    t[1] = (System.nanoTime() - killedAt) / 1e9;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Kill " + number + " of " + victim + ": not recovered within " + RECOVERY_TIMEOUT
                                + " " + times.entrySet().stream()
                                        .map(e -> e.getKey() + "=" + java.util.Arrays.toString(e.getValue()))
                                        .collect(Collectors.joining(", ")));
            }
            sleep(100);
        }
        return new Recovery(
                number,
                victim.name(),
                victim.pid(),
                replacement.name(),
                inputSoFar,
                outputSoFar,
                replacementRegistered,
                times,
                before.entrySet().stream().collect(Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().latestCompletedId(), (a, b) -> a, LinkedHashMap::new)),
                restoredCheckpoint);
    }

    /** Waits until {@code count} more checkpoints of the job have completed. */
    private static void awaitNewCheckpoints(String jobId, int count) {
        long target = flink.rest().checkpoints(jobId).latestCompletedId() + count;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (flink.rest().checkpoints(jobId).latestCompletedId() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Job " + jobId + " completed no checkpoint up to id " + target + " within 1 min");
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One kill: the victim, the replacement, the class events written and the surprisal output
     * committed when it was killed, and per restarted job the seconds from the kill until all tasks ran again ({@code [0]})
     * and until the first checkpoint after the restore completed ({@code [1]}); per restarted
     * job the latest checkpoint completed before the kill and the one it restored.
     */
    private record Recovery(
            int number,
            String victim,
            long victimPid,
            String replacement,
            long inputAtKill,
            long outputAtKill,
            double replacementRegisteredSeconds,
            Map<String, double[]> jobs,
            Map<String, Long> completedBeforeKill,
            Map<String, Long> restoredCheckpoint) {

        String describe() {
            StringBuilder b =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "Kill %d: kill -9 %s (pid %d) with %,d class events written and %,d surprisal"
                                            + " records committed; %s registered after %.1f s;",
                                    number,
                                    victim,
                                    victimPid,
                                    inputAtKill,
                                    outputAtKill,
                                    replacement,
                                    replacementRegisteredSeconds));
            jobs.forEach(
                    (job, t) ->
                            b.append(
                                    String.format(
                                            Locale.ROOT,
                                            " %s running again after %.1f s, first checkpoint after restore at %.1f s;",
                                            job,
                                            t[0],
                                            t[1])));
            return b.toString();
        }
    }

    /**
     * The TaskManagers run with {@code --add-modules jdk.incubator.vector}; our code is loaded by
     * Flink's user-code class loader from the job jar, and must still find the module and choose
     * the vector kernel: each TaskManager that ran the softmax operator logs {@code Softmax
     * kernel: vector (...)}, none {@code scalar}. (On a machine with vectors of fewer than 4
     * doubles the kernel is scalar by design; the test then says so instead of failing.)
     */
    private static void assertTheSoftmaxRanOnTheVectorKernel() throws IOException {
        List<String> kernels = new ArrayList<>();
        for (Path log : flink.taskManagerLogs()) {
            try (Stream<String> lines = Files.lines(log)) {
                lines.filter(l -> l.contains("Softmax kernel: ")).forEach(l -> kernels.add(
                        log.getFileName() + ": " + l.substring(l.indexOf("Softmax kernel: "))));
            }
        }
        System.out.println("Softmax kernels on the TaskManagers: " + kernels);
        assertThat(kernels).as("a TaskManager ran the softmax operator and logged its kernel").isNotEmpty();
        if (kernels.stream().anyMatch(k -> k.contains("double lanes, fewer than 4"))) {
            System.out.println("This machine's vectors hold fewer than 4 doubles: scalar kernel by design");
            return;
        }
        assertThat(kernels).as("kernel per TaskManager with --add-modules jdk.incubator.vector")
                .allMatch(k -> k.contains("Softmax kernel: vector ("));
    }

    // -----------------------------------------------------------------------------------------
    // Metrics

    /**
     * Scrapes the TaskManagers' Prometheus reporters over HTTP while the resumed surprisal job
     * runs, as docker/prometheus.yml does: every infoprob metric is there under its documented
     * name (jobs/README.md, Metrics); the decoder counted exactly the {@value #MORE_RECORDS}
     * records of phase 2; and one record of invalid JSON, sent now, raises the job's
     * {@code reason.INVALID_JSON.deadLetters} (label {@code reason="INVALID_JSON"}) of the
     * operator before the dead-letter sink to exactly 1.
     */
    private static void assertTheInfoprobMetricsAreScrapedAndAPoisonRecordCounted(String bootstrap, String jobId) {
        BulkProducer.start(bootstrap, 0, 1, 0, i -> new ProducerRecord<>("classes", "user-poison", "{not json"))
                .await(OUTPUT_TIMEOUT);
        List<Sample> samples = PrometheusScrape.until(prometheusPort, PROMETHEUS_PORTS, Duration.ofSeconds(60),
                scraped -> sum(scraped, "reason_deadLetters", jobId, "surprisal-dead-letters", "INVALID_JSON") >= 1);
        Set<String> names = samples.stream().filter(s -> s.label("job_id").equals(jobId))
                .map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
        System.out.println("Prometheus metrics of the resumed surprisal job: " + names);
        assertThat(names).as("metrics of job %s scraped from the TaskManagers", jobId).contains(
                OPERATOR_METRIC + "decodedRecords",
                OPERATOR_METRIC + "deadLetters",
                OPERATOR_METRIC + "reason_deadLetters",
                OPERATOR_METRIC + "firstSeenEvents",
                OPERATOR_METRIC + "evictedClasses",
                OPERATOR_METRIC + "expiredKeys",
                OPERATOR_METRIC + "distinctClasses",
                OPERATOR_METRIC + "maxDistinctClasses");
        assertThat(sum(samples, "reason_deadLetters", jobId, "surprisal-dead-letters", "INVALID_JSON"))
                .as("reason=INVALID_JSON dead letters counted before the dead-letter sink after one poison record")
                .isEqualTo(1.0);
        assertThat(sum(samples, "deadLetters", jobId, "surprisal-dead-letters", null))
                .as("all dead letters counted before the dead-letter sink").isEqualTo(1.0);
        assertThat(sum(samples, "decodedRecords", jobId, "decode-classes", null))
                .as("records decoded by the resumed job (phase 2's input)").isEqualTo(MORE_RECORDS);
    }

    /**
     * The sum over subtasks of {@code flink_taskmanager_job_task_operator_<metric>} of {@code
     * operator} in job {@code jobId}, with {@code reason} if not null. The reporter writes label
     * values with every character outside {@code [a-zA-Z0-9:_]} as {@code _} (unless {@code
     * filterLabelValueCharacters: false}), so names are compared that way.
     */
    private static double sum(List<Sample> samples, String metric, String jobId, String operator, String reason) {
        String operatorLabel = operator.replaceAll("[^a-zA-Z0-9:_]", "_");
        return samples.stream()
                .filter(s -> s.name().equals(OPERATOR_METRIC + metric) && s.label("job_id").equals(jobId))
                .filter(s -> s.label("operator_name").replaceAll("[^a-zA-Z0-9:_]", "_").equals(operatorLabel))
                .filter(s -> reason == null || s.label("reason").equals(reason))
                .mapToDouble(Sample::value)
                .sum();
    }

    // -----------------------------------------------------------------------------------------
    // Class loading

    /**
     * In every Flink process and {@code flink} command, no class that the cluster has in a
     * parent-first package (Flink's default {@code classloader.parent-first-patterns}: {@code
     * java.}, {@code org.apache.flink.}, logging, ...) was loaded from the job jar (the uploaded
     * copy, or the TaskManagers' blob-cache copy): the jar's bundled Flink is never used; Flink
     * classes come from the jar only when the cluster lacks them (the Kafka connector). Also
     * checks that our code, the connector and the Kafka client did come from the jar on the
     * TaskManagers, so the check is not vacuous.
     */
    private static void assertNoClusterClassCameFromTheJobJar() throws IOException {
        List<String> parentFirst = CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS.defaultValue();
        Set<String> clusterClasses = classesIn(BuildOutputs.flinkClasspath());
        String jobJar = BuildOutputs.jobJar().getFileName().toString();
        Map<String, Long> fromJarByPackage = new TreeMap<>();
        for (Map.Entry<String, Path> log : flink.classLoadingLogs().entrySet()) {
            if (!Files.exists(log.getValue())) {
                continue;
            }
            List<String> fromJar;
            try (Stream<String> lines = Files.lines(log.getValue())) {
                fromJar =
                        lines.filter(l -> l.contains(" source: "))
                                .filter(l -> l.contains(jobJar) || l.contains("/blobStorage/"))
                                .map(l -> l.substring(0, l.indexOf(" source: ")))
                                .collect(Collectors.toList());
            }
            List<String> shadowed =
                    fromJar.stream()
                            .filter(c -> parentFirst.stream().anyMatch(c::startsWith))
                            .filter(clusterClasses::contains)
                            .collect(Collectors.toList());
            assertThat(shadowed)
                    .as("classes of the cluster (parent-first) that %s loaded from the job jar", log.getKey())
                    .isEmpty();
            fromJar.forEach(c -> fromJarByPackage.merge(log.getKey() + ": " + prefix(c), 1L, Long::sum));
        }
        System.out.println("Classes loaded from the job jar, by process and package: " + fromJarByPackage);
        assertThat(fromJarByPackage.keySet())
                .as("our code, the Kafka connector and the Kafka client come from the jar on the TaskManagers")
                .anyMatch(k -> k.startsWith("taskmanager-") && k.endsWith(": org.infoprob"))
                .anyMatch(k -> k.startsWith("taskmanager-") && k.endsWith(": org.apache.flink.connector.kafka"))
                .anyMatch(k -> k.startsWith("taskmanager-") && k.endsWith(": org.apache.kafka"));
    }

    /** Names of the classes in the jars of {@code classpath}. */
    private static Set<String> classesIn(String classpath) throws IOException {
        Set<String> classes = new HashSet<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            try (JarFile jar = new JarFile(entry)) {
                jar.stream()
                        .map(JarEntry::getName)
                        .filter(n -> n.endsWith(".class"))
                        .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                        .forEach(classes::add);
            }
        }
        return classes;
    }

    private static String prefix(String className) {
        List<String> known =
                List.of(
                        "org.infoprob",
                        "org.apache.flink.connector.kafka",
                        "org.apache.flink.streaming.connectors.kafka",
                        "org.apache.kafka",
                        "com.fasterxml.jackson");
        for (String p : known) {
            if (className.startsWith(p + ".")) {
                return p;
            }
        }
        return className.substring(0, Math.max(0, className.lastIndexOf('.')));
    }

    // -----------------------------------------------------------------------------------------
    // Input and output

    /** Score record {@code i}: keys sensor-0..9; cat = 2.0 - 0.5 (i mod 5), dog = 1.0, bird = -0.5. */
    static ProducerRecord<String, String> scoreRecord(long i) {
        String key = "sensor-" + (i % 10);
        double cat = 2.0 - 0.5 * (i % 5);
        return new ProducerRecord<>(
                "scores",
                key,
                "{\"key\":\"" + key + "\",\"ts\":" + (BASE_TS + i)
                        + ",\"scores\":{\"cat\":" + cat + ",\"dog\":1.0,\"bird\":-0.5}}");
    }

    /**
     * The class events: event {@code i} has a random key of {@link #KEYS} and a class drawn with
     * fixed, skewed weights; the generator remembers for each event the count of its class and
     * the total of its key before it, which is what the surprisal job must write.
     */
    static final class ClassEvents {

        static final String[] CLASSES = {
            "view", "login", "logout", "purchase", "login_failed", "password_reset", "export", "admin"
        };
        /** Per mille; rare classes make the later counts depend on the whole history. */
        static final int[] WEIGHTS = {500, 200, 150, 80, 40, 20, 8, 2};
        static final int KEYS = 200;

        final short[] key;
        final byte[] cls;
        final int[] countBefore;
        final int[] totalBefore;

        ClassEvents(int n, long seed) {
            key = new short[n];
            cls = new byte[n];
            countBefore = new int[n];
            totalBefore = new int[n];
            int[][] counts = new int[KEYS][CLASSES.length];
            int[] totals = new int[KEYS];
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(KEYS);
                int draw = random.nextInt(1000);
                int c = 0;
                while (draw >= WEIGHTS[c]) {
                    draw -= WEIGHTS[c];
                    c++;
                }
                key[i] = (short) k;
                cls[i] = (byte) c;
                countBefore[i] = counts[k][c]++;
                totalBefore[i] = totals[k]++;
            }
        }

        ProducerRecord<String, String> record(long i) {
            String k = "user-" + key[(int) i];
            return new ProducerRecord<>(
                    "classes",
                    k,
                    "{\"key\":\"" + k + "\",\"ts\":" + (BASE_TS + i) + ",\"class\":\"" + CLASSES[cls[(int) i]] + "\"}");
        }

        /** Counts per key and class over events {@code 0 <= i < end}, straight from the input. */
        int[][] counts(int end) {
            int[][] counts = new int[KEYS][CLASSES.length];
            for (int i = 0; i < end; i++) {
                counts[key[i]][cls[i]]++;
            }
            return counts;
        }
    }

    /**
     * Checks surprisal output records as they arrive: which input id each one is, how often each
     * id was seen, whether key, class, count and total match the input, and the count each key
     * and class reached according to the output.
     */
    static final class RarityCheck implements Consumer<String> {

        private final ClassEvents input;
        private final int from;
        private final int to;
        private final byte[] seen;
        private final int[][] countReached = new int[ClassEvents.KEYS][ClassEvents.CLASSES.length];
        private final List<String> wrong = new ArrayList<>();
        private long wrongCount;
        private final List<Long> unexpected = new ArrayList<>();

        RarityCheck(ClassEvents input, int from, int to) {
            this.input = input;
            this.from = from;
            this.to = to;
            this.seen = new byte[to - from];
        }

        @Override
        public void accept(String value) {
            JsonNode n = read(value);
            long id = n.path("ts").asLong() - BASE_TS;
            if (id < from || id >= to) {
                unexpected.add(id);
                return;
            }
            int i = (int) id;
            if (seen[i - from] < Byte.MAX_VALUE) {
                seen[i - from]++;
            }
            String key = "user-" + input.key[i];
            String cls = ClassEvents.CLASSES[input.cls[i]];
            double count = n.path("count").asDouble();
            double total = n.path("total").asDouble();
            if (!key.equals(n.path("key").asText())
                    || !cls.equals(n.path("class").asText())
                    || count != input.countBefore[i]
                    || total != input.totalBefore[i]) {
                if (wrong.size() < 5) {
                    wrong.add("id " + id + ": expected " + key + "/" + cls + " count " + input.countBefore[i]
                            + " total " + input.totalBefore[i] + ", was " + value);
                }
                wrongCount++;
            }
            int reached = (int) count + 1;
            int[] perClass = countReached[input.key[i]];
            perClass[input.cls[i]] = Math.max(perClass[input.cls[i]], reached);
        }

        void assertEveryIdExactlyOnceWithTheCountsOfTheInput(String when) {
            IdCounts ids = IdCounts.of(seen, from);
            assertThat(unexpected).as("surprisal output ids outside [%d, %d) %s", from, to, when).isEmpty();
            assertThat(ids.duplicated())
                    .as("input ids in the surprisal output more than once %s (first 10 of %d)", when, ids.duplicatedCount())
                    .isEmpty();
            assertThat(ids.missing())
                    .as("input ids missing from the surprisal output %s (first 10 of %d)", when, ids.missingCount())
                    .isEmpty();
            assertThat(wrong)
                    .as("surprisal records whose key, class, count or total do not follow from the input %s"
                            + " (%d in all)", when, wrongCount)
                    .isEmpty();
            // The state at the end: per key and class, the count the output reached equals the
            // count of the input up to here.
            int[][] expected = input.counts(to);
            int[][] before = input.counts(from);
            for (int k = 0; k < ClassEvents.KEYS; k++) {
                for (int c = 0; c < ClassEvents.CLASSES.length; c++) {
                    if (expected[k][c] == before[k][c]) {
                        // No event of this key and class in [from, to): nothing in the output.
                        continue;
                    }
                    assertThat(countReached[k][c])
                            .as("count of %s for user-%d in the output %s", ClassEvents.CLASSES[c], k, when)
                            .isEqualTo(expected[k][c]);
                }
            }
        }
    }

    /**
     * Checks softmax output records as they arrive: each input id once, and for the records with
     * scores cat 2.0, dog 1.0, bird -0.5 (id mod 5 = 0) the probabilities computed by hand.
     */
    static final class ScoreCheck implements Consumer<String> {

        // By hand, p_i = e^(s_i - 2) / Z with Z = 1 + e^-1 + e^-2.5 = 1 + 0.36787944117144233
        // + 0.0820849986238988 (Python 3.12 math.exp) = 1.4499644397953411.
        private static final double P_CAT = 0.6896720861245036;
        private static final double P_DOG = 0.25371618163502524;
        private static final double P_BIRD = 0.05661173224047129;

        private final byte[] seen;
        private final List<Long> unexpected = new ArrayList<>();
        private final List<String> wrong = new ArrayList<>();

        ScoreCheck(int n) {
            seen = new byte[n];
        }

        @Override
        public void accept(String value) {
            JsonNode n = read(value);
            long id = n.path("ts").asLong() - BASE_TS;
            if (id < 0 || id >= seen.length) {
                unexpected.add(id);
                return;
            }
            if (seen[(int) id] < Byte.MAX_VALUE) {
                seen[(int) id]++;
            }
            if (id % 5 == 0 && wrong.size() < 5) {
                JsonNode p = n.path("probabilities");
                if (Math.abs(p.path("cat").asDouble() - P_CAT) > 1e-15
                        || Math.abs(p.path("dog").asDouble() - P_DOG) > 1e-15
                        || Math.abs(p.path("bird").asDouble() - P_BIRD) > 1e-15
                        || !"cat".equals(n.path("top").asText())) {
                    wrong.add(value);
                }
            }
        }

        void assertEveryIdExactlyOnceWithSoftmaxValues() {
            IdCounts ids = IdCounts.of(seen, 0);
            assertThat(unexpected).as("softmax output ids that were never input").isEmpty();
            assertThat(ids.duplicated())
                    .as("input ids in the softmax output more than once (first 10 of %d)", ids.duplicatedCount())
                    .isEmpty();
            assertThat(ids.missing())
                    .as("input ids missing from the softmax output (first 10 of %d)", ids.missingCount())
                    .isEmpty();
            assertThat(wrong).as("softmax records of scores (2.0, 1.0, -0.5) with other probabilities").isEmpty();
        }
    }

    /**
     * Ids seen more than once and never, from per-id counts ({@code seen[j]} for id {@code
     * first + j}): the first 10 of each, and how many in all.
     */
    private record IdCounts(List<Long> duplicated, long duplicatedCount, List<Long> missing, long missingCount) {

        static IdCounts of(byte[] seen, long first) {
            List<Long> duplicated = new ArrayList<>();
            List<Long> missing = new ArrayList<>();
            long duplicatedCount = 0;
            long missingCount = 0;
            for (int j = 0; j < seen.length; j++) {
                if (seen[j] > 1) {
                    duplicatedCount++;
                    if (duplicated.size() < 10) {
                        duplicated.add(first + j);
                    }
                } else if (seen[j] == 0) {
                    missingCount++;
                    if (missing.size() < 10) {
                        missing.add(first + j);
                    }
                }
            }
            return new IdCounts(duplicated, duplicatedCount, missing, missingCount);
        }
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + value, e);
        }
    }
}
