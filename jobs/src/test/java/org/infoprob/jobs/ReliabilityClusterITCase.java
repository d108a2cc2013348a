package org.infoprob.jobs;

import org.infoprob.jobs.DistributedClusterITCase.ClassEvents;
import org.infoprob.jobs.DistributedClusterITCase.RarityCheck;
import org.infoprob.jobs.DistributedClusterITCase.ScoreCheck;
import org.infoprob.testing.cluster.BuildOutputs;
import org.infoprob.testing.cluster.BulkProducer;
import org.infoprob.testing.cluster.FlinkRestClient;
import org.infoprob.testing.cluster.FlinkRestClient.CheckpointEntry;
import org.infoprob.testing.cluster.FlinkRestClient.CheckpointStats;
import org.infoprob.testing.cluster.FlinkSessionCluster;
import org.infoprob.testing.cluster.KafkaBrokerProcess;
import org.infoprob.testing.cluster.OwnedProcess;
import org.infoprob.testing.cluster.OwnedProcesses;
import org.infoprob.testing.cluster.TopicFollower;
import org.infoprob.testing.cluster.ZooKeeperProcess;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures beyond a TaskManager kill, on the real multi-process cluster of {@link
 * DistributedClusterITCase} (a Kafka broker process, a JobManager and two TaskManager processes
 * from Maven-resolved jars; the jobs submitted as {@code infoprob-jobs-cluster.jar} through the
 * REST API). One cluster serves the three scenarios, which run in order and hand the surprisal
 * job on from one to the next. The cluster is configured as a production cluster with large
 * state runs: RocksDB with incremental checkpoints ({@code state.backend.type: rocksdb}, {@code
 * execution.checkpointing.incremental: true}), and ZooKeeper high availability with a leading
 * and a standby JobManager (a ZooKeeper server as a fourth kind of process, {@link
 * ZooKeeperProcess}; {@code high-availability.type: zookeeper}, a shared HA storage
 * directory).
 *
 * <ol>
 *   <li>{@link #jobsRecoverFromABrokerKilledAndRestartedMidRun}: the broker is killed with
 *       SIGKILL while softmax and surprisal run under load, and restarted on the same data
 *       directory and ports after {@link #OUTAGE}; the jobs recover without help and every
 *       input id appears exactly once in each read_committed output, with the counts that
 *       follow from the input.
 *   <li>{@link #surprisalRescalesFromSavepointsTo3AndBackTo1}: stop-with-savepoint at
 *       parallelism 2, resume at 3, stop again, resume at 1: the keyed state (per key and
 *       class counts, per key totals) is redistributed over the new subtasks and the counts
 *       continue exactly.
 *   <li>{@link #incrementalRocksDbCheckpointsSurviveATaskManagerKill}: back at parallelism 2,
 *       a TaskManager running the surprisal job is killed; the job restores from an
 *       incremental RocksDB checkpoint and stays exactly-once; checkpoints write less than the
 *       state they stand for.
 *   <li>{@link #surprisalSurvivesTheLeadingJobManagerKilled}: the leading JobManager is killed
 *       with SIGKILL under load; the standby takes over the leadership, recovers the job from
 *       ZooKeeper and the HA storage, resumes it from its latest checkpoint, and the output stays
 *       exactly-once. Last, as the jar uploaded to the dead leader is gone with it.
 * </ol>
 *
 * <p>Input and checks are {@link DistributedClusterITCase}'s: class event {@code i} has event
 * time {@code BASE_TS + i}, and {@link RarityCheck} knows from the generator the count of its
 * class and the total of its key before it, which the surprisal output must carry (an
 * independent direct count of the input). Measured times are printed (lines starting with
 * {@code RELIABILITY}) and collected in RELIABILITY.md. Logs of every process are in {@code
 * target/cluster-it/ReliabilityClusterITCase/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityClusterITCase {

    /** Records per job in scenario 1: 15 s of input at {@link #INPUT_RATE}. */
    private static final int BROKER_RECORDS = 60_000;
    /** Records after each rescaling in scenario 2. */
    private static final int RESCALE_RECORDS = 10_000;
    /** Records in scenario 3. */
    private static final int KILL_RECORDS = 30_000;
    /** Records in scenario 4. */
    private static final int FAILOVER_RECORDS = 30_000;
    /** Input records per second and topic while something is killed. */
    private static final int INPUT_RATE = 4_000;
    /** How long the broker stays dead: long enough for every client to notice. */
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(2);
    private static final Path DIRECTORY = Path.of("target", "cluster-it", "ReliabilityClusterITCase");
    private static final int TOTAL_RECORDS = BROKER_RECORDS + 2 * RESCALE_RECORDS + KILL_RECORDS + FAILOVER_RECORDS;

    private static OwnedProcesses processes;
    private static KafkaBrokerProcess kafka;
    private static ZooKeeperProcess zooKeeper;
    private static FlinkSessionCluster flink;
    private static Admin admin;
    private static String jarId;
    private static final ClassEvents CLASSES = new ClassEvents(TOTAL_RECORDS, 20261129L);

    /** The surprisal job, handed from one scenario to the next. */
    private static String surprisal;
    /** Class events written so far: the next scenario's first id. */
    private static int classesWritten;
    /** Where the last scenario stopped reading {@code rarity}, per partition. */
    private static Map<Integer, Long> rarityRead = Map.of();

    @BeforeAll
    static void startBrokerAndCluster() {
        processes = OwnedProcesses.in(DIRECTORY);
        kafka = KafkaBrokerProcess.start(processes, "kafka");
        zooKeeper = ZooKeeperProcess.start(processes, "zookeeper");
        flink =
                FlinkSessionCluster.builder(processes)
                        // A leader and a standby, elected through ZooKeeper, for scenario 4.
                        .highAvailability(zooKeeper.connectString())
                        .jobManagers(2)
                        .taskManagers(2)
                        // Room for surprisal at parallelism 3 beside softmax at 2.
                        .slotsPerTaskManager(3)
                        .set("state.backend.type", "rocksdb")
                        .set("execution.checkpointing.incremental", "true")
                        .start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        admin = Admin.create(props);
        // Four input partitions: at parallelism 3 every source subtask reads one or two.
        kafka.createTopic("classes", 4);
        for (String topic : List.of("rarity", "scores", "probabilities")) {
            kafka.createTopic(topic, 2);
        }
        kafka.createTopic("dead-letters-surprisal", 1);
        kafka.createTopic("dead-letters-softmax", 1);
        jarId = flink.rest().uploadJar(BuildOutputs.jobJar());
        System.out.printf(
                Locale.ROOT,
                "Cluster up: Flink REST/web UI %s, Kafka %s, ZooKeeper %s, processes %s%n",
                flink.restUri(),
                kafka.bootstrapServers(),
                zooKeeper.connectString(),
                processes.processes());
    }

    @AfterAll
    static void stopEverything() {
        try {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (processes != null) {
                processes.close();
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // 1. Broker restart

    @Test
    @Order(1)
    void jobsRecoverFromABrokerKilledAndRestartedMidRun() {
        FlinkRestClient rest = flink.rest();
        String bootstrap = kafka.bootstrapServers();
        surprisal = rest.runJar(jarId, surprisalArgs(), 2, null);
        String softmax = rest.runJar(jarId, softmaxArgs(), 2, null);
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("surprisal", surprisal);
        jobs.put("softmax", softmax);
        jobs.values().forEach(id -> rest.awaitAllTasksRunning(id, RECOVERY_TIMEOUT));

        RarityCheck rarity = new RarityCheck(CLASSES, 0, BROKER_RECORDS);
        ScoreCheck probabilities = new ScoreCheck(BROKER_RECORDS);
        TopicFollower rarityOut = TopicFollower.start(bootstrap, "rarity", rarity);
        BrokerRecovery recovery;
        try (TopicFollower probabilityOut = TopicFollower.start(bootstrap, "probabilities", probabilities)) {
            BulkProducer classProducer =
                    BulkProducer.start(bootstrap, 0, BROKER_RECORDS, INPUT_RATE, CLASSES::record);
            BulkProducer scoreProducer =
                    BulkProducer.start(
                            bootstrap, 0, BROKER_RECORDS, INPUT_RATE, DistributedClusterITCase::scoreRecord);
            // The kill comes once both jobs commit output, while the input is still written.
            rarityOut.awaitCount(BROKER_RECORDS / 30, OUTPUT_TIMEOUT);
            probabilityOut.awaitCount(BROKER_RECORDS / 30, OUTPUT_TIMEOUT);
            recovery = killAndRestartTheBroker(jobs, rarityOut.count(), classProducer.sent());
            classProducer.await(OUTPUT_TIMEOUT);
            scoreProducer.await(OUTPUT_TIMEOUT);
            rarityOut.awaitCount(BROKER_RECORDS, OUTPUT_TIMEOUT);
            probabilityOut.awaitCount(BROKER_RECORDS, OUTPUT_TIMEOUT);
            // Two more checkpoints: anything written twice would be committed by now.
            jobs.values().forEach(id -> awaitNewCheckpoints(id, 2));
        } finally {
            rarityOut.close();
        }
        System.out.println(recovery.describe());

        rarity.assertEveryIdExactlyOnceWithTheCountsOfTheInput("after a broker restart");
        probabilities.assertEveryIdExactlyOnceWithSoftmaxValues();
        assertThat(TopicFollower.readCommitted(bootstrap, "dead-letters-surprisal")).as("surprisal dead letters").isEmpty();
        assertThat(TopicFollower.readCommitted(bootstrap, "dead-letters-softmax")).as("softmax dead letters").isEmpty();
        jobs.forEach((name, id) -> assertThat(rest.jobState(id)).as("%s job after the broker restart", name).isEqualTo("RUNNING"));
        assertThat(recovery.firstOutputSeconds()).as("seconds from broker restart to new committed output").isFinite();

        rest.cancel(softmax);
        classesWritten = BROKER_RECORDS;
        rarityRead = rarityOut.positions();
    }

    /**
     * Kills the broker, restarts it after {@link #OUTAGE}, and measures from the moment the
     * new process was started: when it accepted connections with its coordinators up, when the
     * read_committed end offsets (last stable offsets) of the output topics first moved past
     * where they stood once the broker was back (new committed output), and per job how often
     * it restarted, when all its tasks ran again and when its first checkpoint after the
     * restart completed.
     */
    private static BrokerRecovery killAndRestartTheBroker(Map<String, String> jobs, long outputSoFar, long inputSoFar) {
        FlinkRestClient rest = flink.rest();
        Map<String, Long> restartsBefore = new LinkedHashMap<>();
        jobs.forEach((name, id) -> restartsBefore.put(name, rest.restarts(id)));
        long pid = kafka.process().pid();
        kafka.kill();
        sleep(OUTAGE.toMillis());
        long restartedAt = System.nanoTime();
        long restartedAtMillis = System.currentTimeMillis();
        kafka.restart();
        double upSeconds = secondsSince(restartedAt);
        long committedWhenUp = committedOutput();

        double firstOutput = Double.NaN;
        Map<String, double[]> times = new LinkedHashMap<>();
        jobs.keySet().forEach(name -> times.put(name, new double[] {Double.NaN, Double.NaN}));
        long deadline = restartedAt + RECOVERY_TIMEOUT.toNanos();
        while (Double.isNaN(firstOutput) || times.values().stream().anyMatch(t -> Double.isNaN(t[1]))) {
            if (Double.isNaN(firstOutput) && committedOutput() > committedWhenUp) {
                firstOutput = secondsSince(restartedAt);
            }
            for (Map.Entry<String, double[]> job : times.entrySet()) {
                String id = jobs.get(job.getKey());
                double[] t = job.getValue();
                if (Double.isNaN(t[0]) && rest.allTasksRunning(id)) {
                    t[0] = secondsSince(restartedAt);
                }
                if (Double.isNaN(t[1]) && rest.checkpoints(id).latestCompletedAckMillis() > restartedAtMillis) {
                    t[1] = secondsSince(restartedAt);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Jobs did not recover from the broker restart within " + RECOVERY_TIMEOUT);
            }
            sleep(100);
        }
        Map<String, Long> restarts = new LinkedHashMap<>();
        jobs.forEach((name, id) -> restarts.put(name, rest.restarts(id) - restartsBefore.get(name)));
        return new BrokerRecovery(pid, inputSoFar, outputSoFar, upSeconds, firstOutput, restarts, times);
    }

    /** The read_committed end offsets (last stable offsets) of both output topics, summed. */
    private static long committedOutput() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : List.of("rarity", "probabilities")) {
            for (int p = 0; p < 2; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        try {
            return admin
                    .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the last stable offsets of the output topics", e);
        }
    }

    /**
     * Scenario 1's measurements, seconds from the start of the new broker process: it was up
     * after {@code upSeconds}, new output was committed after {@code firstOutputSeconds}; per
     * job its restarts, and {@code [0]} all tasks running, {@code [1]} first checkpoint completed.
     */
    private record BrokerRecovery(
            long killedPid,
            long inputAtKill,
            long outputAtKill,
            double upSeconds,
            double firstOutputSeconds,
            Map<String, Long> restarts,
            Map<String, double[]> jobs) {

        String describe() {
            StringBuilder b =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "RELIABILITY broker restart: kill -9 of the broker (pid %d) with %,d class events"
                                            + " written and %,d surprisal records committed, restarted after %d s;"
                                            + " broker up %.1f s after its restart, first new committed output at %.1f s;",
                                    killedPid,
                                    inputAtKill,
                                    outputAtKill,
                                    OUTAGE.toSeconds(),
                                    upSeconds,
                                    firstOutputSeconds));
            jobs.forEach(
                    (job, t) ->
                            b.append(
                                    String.format(
                                            Locale.ROOT,
                                            " %s: %d restart(s), all tasks running at %.1f s, first checkpoint at %.1f s;",
                                            job,
                                            restarts.get(job),
                                            t[0],
                                            t[1])));
            return b.toString();
        }
    }

    // -----------------------------------------------------------------------------------------
    // 2. Rescaling

    @Test
    @Order(2)
    void surprisalRescalesFromSavepointsTo3AndBackTo1() {
        assertThat(surprisal).as("the surprisal job of scenario 1").isNotNull();
        for (int parallelism : new int[] {3, 1}) {
            surprisal = resumeAt(parallelism, "rescaled " + flink.rest().vertexParallelism(surprisal).values() + " -> " + parallelism);
            feedAndCheck(classesWritten, classesWritten + RESCALE_RECORDS, 0, "at parallelism " + parallelism);
        }
    }

    /**
     * Stops the surprisal job with a savepoint and submits it again from that savepoint at
     * {@code parallelism}; checks that it restored that savepoint and runs every vertex at the
     * new parallelism.
     */
    private static String resumeAt(int parallelism, String what) {
        FlinkRestClient rest = flink.rest();
        long stopStart = System.nanoTime();
        String savepoint = rest.stopWithSavepoint(surprisal, flink.savepointDirectory(), SAVEPOINT_TIMEOUT);
        double stopSeconds = secondsSince(stopStart);
        rest.awaitJobState(surprisal, "FINISHED", Duration.ofSeconds(30));
        long submitStart = System.nanoTime();
        String resumed = rest.runJar(jarId, surprisalArgs(), parallelism, savepoint);
        rest.awaitAllTasksRunning(resumed, RECOVERY_TIMEOUT);
        double runningSeconds = secondsSince(submitStart);
        CheckpointStats restore = rest.checkpoints(resumed);
        assertThat(restore.latestRestoredIsSavepoint()).as("the resumed job restored a savepoint").isTrue();
        assertThat(restore.latestRestoredPath()).as("the savepoint it restored").isEqualTo(savepoint);
        assertThat(rest.vertexParallelism(resumed))
                .as("parallelism of every vertex of the resumed surprisal job")
                .allSatisfy((vertex, p) -> assertThat(p).as(vertex).isEqualTo(parallelism));
        System.out.printf(
                Locale.ROOT,
                "RELIABILITY %s: stop-with-savepoint %.1f s, submit to all tasks running %.1f s%n",
                what,
                stopSeconds,
                runningSeconds);
        return resumed;
    }

    /**
     * Writes class events {@code [from, to)} ({@code rate} per second, 0 for as fast as
     * possible), reads the surprisal output from where the last scenario stopped, and checks that
     * each id arrives once with the count and total that follow from all input before it.
     */
    private static void feedAndCheck(int from, int to, int rate, String when) {
        RarityCheck check = new RarityCheck(CLASSES, from, to);
        TopicFollower out = TopicFollower.start(kafka.bootstrapServers(), "rarity", rarityRead, check);
        try {
            BulkProducer.start(kafka.bootstrapServers(), from, to, rate, CLASSES::record).await(OUTPUT_TIMEOUT);
            out.awaitCount(to - from, OUTPUT_TIMEOUT);
            awaitNewCheckpoints(surprisal, 2);
        } finally {
            out.close();
        }
        check.assertEveryIdExactlyOnceWithTheCountsOfTheInput(when);
        classesWritten = to;
        rarityRead = out.positions();
    }

    // -----------------------------------------------------------------------------------------
    // 3. RocksDB, incremental checkpoints, TaskManager kill

    @Test
    @Order(3)
    void incrementalRocksDbCheckpointsSurviveATaskManagerKill() {
        assertThat(surprisal).as("the surprisal job of scenario 2").isNotNull();
        FlinkRestClient rest = flink.rest();
        surprisal = resumeAt(2, "rescaled 1 -> 2");
        assertThat(rest.checkpointConfig(surprisal).path("state_backend").asText())
                .as("state backend of the surprisal job")
                .contains("RocksDB");

        int from = classesWritten;
        int to = from + KILL_RECORDS;
        RarityCheck check = new RarityCheck(CLASSES, from, to);
        TopicFollower out = TopicFollower.start(kafka.bootstrapServers(), "rarity", rarityRead, check);
        String recovery;
        try {
            BulkProducer producer = BulkProducer.start(kafka.bootstrapServers(), from, to, INPUT_RATE, CLASSES::record);
            out.awaitCount(KILL_RECORDS / 3, OUTPUT_TIMEOUT);
            recovery = killATaskManagerOfSurprisal(out.count());
            producer.await(OUTPUT_TIMEOUT);
            out.awaitCount(KILL_RECORDS, OUTPUT_TIMEOUT);
            awaitNewCheckpoints(surprisal, 2);
        } finally {
            out.close();
        }
        System.out.println(recovery);
        check.assertEveryIdExactlyOnceWithTheCountsOfTheInput("after a TaskManager kill with incremental RocksDB checkpoints");
        classesWritten = to;
        rarityRead = out.positions();

        List<CheckpointEntry> completed =
                rest.checkpointHistory(surprisal).stream()
                        .filter(c -> c.status().equals("COMPLETED") && !c.savepoint())
                        .toList();
        System.out.println("RELIABILITY incremental checkpoints (id, checkpointed bytes / full state bytes, ms): "
                + completed.stream()
                        .map(c -> c.id() + ": " + c.checkpointedSize() + "/" + c.stateSize() + ", " + c.endToEndMillis())
                        .toList());
        // Incremental: a checkpoint uploads only the SST files the previous ones do not hold,
        // so some checkpoint writes less than the state it stands for (a full checkpoint
        // always writes all of it).
        assertThat(completed)
                .as("completed checkpoints of the surprisal job that wrote less than their full state")
                .anyMatch(c -> c.checkpointedSize() > 0 && c.checkpointedSize() < c.stateSize());
    }

    /**
     * Kills (SIGKILL) a TaskManager that runs the surprisal job, starts a replacement at once,
     * and measures when the job ran all its tasks again after a restore and when its first
     * checkpoint after the restore completed.
     */
    private static String killATaskManagerOfSurprisal(long outputSoFar) {
        FlinkRestClient rest = flink.rest();
        Set<String> running = Set.copyOf(
                rest.taskManagersByVertex(surprisal).values().stream().flatMap(Set::stream).toList());
        OwnedProcess victim =
                flink.taskManagers().stream()
                        .filter(tm -> running.contains(tm.name()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("No TaskManager runs the surprisal job"));
        long restoredBefore = rest.checkpoints(surprisal).restored();
        long killedAt = System.nanoTime();
        flink.killTaskManager(victim);
        OwnedProcess replacement = flink.startTaskManager();
        double registered = secondsSince(killedAt);
        double runningAgain = Double.NaN;
        long deadline = killedAt + RECOVERY_TIMEOUT.toNanos();
        while (true) {
            CheckpointStats now = rest.checkpoints(surprisal);
            if (Double.isNaN(runningAgain) && now.restored() > restoredBefore && rest.allTasksRunning(surprisal)) {
                runningAgain = secondsSince(killedAt);
            }
            if (!Double.isNaN(runningAgain) && now.latestCompletedId() > now.latestRestoredId()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Surprisal did not recover from the kill of " + victim + " within " + RECOVERY_TIMEOUT);
            }
            sleep(100);
        }
        CheckpointStats restored = rest.checkpoints(surprisal);
        assertThat(restored.latestRestoredIsSavepoint()).as("the surprisal job restored a checkpoint, not a savepoint").isFalse();
        return String.format(
                Locale.ROOT,
                "RELIABILITY TaskManager kill with incremental RocksDB: kill -9 %s with %,d surprisal records committed;"
                        + " %s registered after %.1f s; restored checkpoint %d, all tasks running after %.1f s,"
                        + " first checkpoint after the restore at %.1f s",
                victim,
                outputSoFar,
                replacement.name(),
                registered,
                restored.latestRestoredId(),
                runningAgain,
                secondsSince(killedAt));
    }

    // -----------------------------------------------------------------------------------------
    // 4. JobManager failover

    @Test
    @Order(4)
    void surprisalSurvivesTheLeadingJobManagerKilled() {
        assertThat(surprisal).as("the surprisal job of scenario 3").isNotNull();
        OwnedProcess leader = flink.jobManager();
        assertThat(flink.jobManagers()).as("JobManagers alive: the leader and a standby").hasSize(2).startsWith(leader);
        OwnedProcess standby = flink.jobManagers().get(1);
        FlinkRestClient standbyRest = flink.rest(standby);

        int from = classesWritten;
        int to = from + FAILOVER_RECORDS;
        RarityCheck check = new RarityCheck(CLASSES, from, to);
        TopicFollower out = TopicFollower.start(kafka.bootstrapServers(), "rarity", rarityRead, check);
        String measured;
        try {
            BulkProducer producer = BulkProducer.start(kafka.bootstrapServers(), from, to, INPUT_RATE, CLASSES::record);
            out.awaitCount(FAILOVER_RECORDS / 3, OUTPUT_TIMEOUT);
            long checkpointBefore = flink.rest().checkpoints(surprisal).latestCompletedId();
            long outputAtKill = out.count();
            long killedAt = System.nanoTime();
            flink.killJobManager(leader);
            double takeover = Double.NaN;
            double running = Double.NaN;
            CheckpointStats stats = null;
            long deadline = killedAt + RECOVERY_TIMEOUT.toNanos();
            while (true) {
                try {
                    // The job as the standby's REST API sees it: once the standby leads, the job
                    // it recovered from ZooKeeper, restored from a checkpoint at least as new as
                    // the latest before the kill (the old leader's graph, which the REST API may
                    // still show from its cache for a moment, restored an older one).
                    stats = standbyRest.checkpoints(surprisal);
                    boolean recovered =
                            !stats.latestRestoredIsSavepoint() && stats.latestRestoredId() >= checkpointBefore;
                    if (recovered && Double.isNaN(takeover)) {
                        takeover = secondsSince(killedAt);
                    }
                    if (recovered && Double.isNaN(running) && standbyRest.allTasksRunning(surprisal)) {
                        running = secondsSince(killedAt);
                    }
                    if (!Double.isNaN(running) && stats.latestCompletedId() > stats.latestRestoredId()) {
                        break;
                    }
                } catch (RuntimeException e) {
                    // No leader yet: the standby answers with an error.
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The standby did not take over and resume the job within " + RECOVERY_TIMEOUT
                            + ":\n" + standby.logTail(40));
                }
                sleep(100);
            }
            double firstCheckpoint = secondsSince(killedAt);
            measured = String.format(
                    Locale.ROOT,
                    "RELIABILITY JobManager failover: kill -9 of the leader %s with %,d surprisal records committed;"
                            + " %s recovered the job after %.1f s (takeover), all tasks running after %.1f s (resume,"
                            + " from checkpoint %d; latest before the kill %d), first checkpoint after %.1f s",
                    leader,
                    outputAtKill,
                    standby.name(),
                    takeover,
                    running,
                    stats.latestRestoredId(),
                    checkpointBefore,
                    firstCheckpoint);
            producer.await(OUTPUT_TIMEOUT);
            out.awaitCount(FAILOVER_RECORDS, OUTPUT_TIMEOUT);
            awaitNewCheckpoints(surprisal, 2);
        } finally {
            out.close();
        }
        System.out.println(measured);
        check.assertEveryIdExactlyOnceWithTheCountsOfTheInput("after the leading JobManager was killed");
        assertThat(flink.rest().jobState(surprisal)).as("surprisal job under the new leader").isEqualTo("RUNNING");
        classesWritten = to;
        rarityRead = out.positions();
    }

    // -----------------------------------------------------------------------------------------
    // Submitting and waiting

    private static List<String> surprisalArgs() {
        return surprisalArgs(kafka.bootstrapServers());
    }

    private static List<String> softmaxArgs() {
        return softmaxArgs(kafka.bootstrapServers());
    }

    /** The surprisal job: classes to rarity, dead letters to dead-letters-surprisal. */
    static List<String> surprisalArgs(String bootstrap) {
        return jobArgs(bootstrap, "surprisal", "classes", "rarity", "dead-letters-surprisal", "rel-surprisal");
    }

    /** The softmax job: scores to probabilities, dead letters to dead-letters-softmax. */
    static List<String> softmaxArgs(String bootstrap) {
        return jobArgs(bootstrap, "softmax", "scores", "probabilities", "dead-letters-softmax", "rel-softmax");
    }

    /** Exactly-once (the default) with a checkpoint every second, reading from the beginning. */
    private static List<String> jobArgs(
            String bootstrap, String job, String input, String output, String deadLetters, String id) {
        return new ArrayList<>(
                List.of(
                        job,
                        "--bootstrap-servers", bootstrap,
                        "--input-topic", input,
                        "--output-topic", output,
                        "--dead-letter-topic", deadLetters,
                        "--group-id", id,
                        "--transactional-id-prefix", id,
                        "--starting-offsets", "earliest",
                        "--checkpoint-interval", "1 s"));
    }

    /** Waits until {@code count} more checkpoints of the job have completed. */
    private static void awaitNewCheckpoints(String jobId, int count) {
        flink.rest().awaitNewCheckpoints(jobId, count, Duration.ofMinutes(1));
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
