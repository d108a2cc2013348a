package org.infoprob.jobs;

import org.infoprob.jobs.DistributedClusterITCase.ClassEvents;
import org.infoprob.jobs.DistributedClusterITCase.RarityCheck;
import org.infoprob.jobs.DistributedClusterITCase.ScoreCheck;
import org.infoprob.testing.cluster.BuildOutputs;
import org.infoprob.testing.cluster.BulkProducer;
import org.infoprob.testing.cluster.FlinkRestClient;
import org.infoprob.testing.cluster.FlinkRestClient.CheckpointEntry;
import org.infoprob.testing.cluster.FlinkSessionCluster;
import org.infoprob.testing.cluster.KafkaBrokerProcess;
import org.infoprob.testing.cluster.OwnedProcess;
import org.infoprob.testing.cluster.OwnedProcesses;
import org.infoprob.testing.cluster.TopicFollower;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak run of {@code scripts/soak.sh}, not part of {@code mvn verify} (its name matches
 * neither surefire's {@code *Test} nor the {@code *ITCase} pattern): the softmax and surprisal
 * jobs on the multi-process cluster of {@link DistributedClusterITCase} for {@code
 * SOAK_MINUTES} (environment, default 10) at half the rate they sustain, then a table of what
 * must stay flat.
 *
 * <ol>
 *   <li>Calibration (unless {@code SOAK_RATE} gives records/s per topic): {@value
 *       #CALIBRATION_RECORDS} records per topic as fast as the broker takes them; the rate the
 *       two jobs sustain together is the calibration records over the time until both outputs
 *       hold all of them.
 *   <li>Soak at half that rate per topic. Every {@value #FULL_GC_EVERY_SECONDS} s, {@code jcmd
 *       <pid> GC.run} makes each TaskManager run a full GC, whose heap-after size its GC log
 *       ({@code -Xlog:gc}) records; every 2 s the checkpoint history is read from the REST API.
 *   <li>Report ({@code jobs/target/soak-report.md} and stdout): slope of the heap after full GC
 *       per TaskManager (least squares, MB per minute), checkpoint durations and sizes in the
 *       first and last fifth of the run and their slopes, restarts, and lost or duplicated
 *       records in both outputs (read_committed, every id checked as in {@link
 *       DistributedClusterITCase}). Then asserts zero restarts and exactly-once.
 * </ol>
 */
class SoakRun {

    private static final int CALIBRATION_RECORDS = 150_000;
    private static final int FULL_GC_EVERY_SECONDS = 30;
    private static final Path DIRECTORY = Path.of("target", "cluster-it", "SoakRun");
    private static final Path REPORT = Path.of("target", "soak-report.md");
    private static final Pattern FULL_GC =
            Pattern.compile("\\[(\\d+\\.\\d+)s\\].*Pause Full.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void soak() throws IOException {
        int minutes = Integer.parseInt(System.getenv().getOrDefault("SOAK_MINUTES", "10"));
        int fixedRate = Integer.parseInt(System.getenv().getOrDefault("SOAK_RATE", "0"));
        try (OwnedProcesses processes = OwnedProcesses.in(DIRECTORY);
                KafkaBrokerProcess kafka = KafkaBrokerProcess.start(processes, "kafka")) {
            Path gcLogs = processes.directory().resolve("gc");
            Files.createDirectories(gcLogs);
            FlinkSessionCluster flink =
                    FlinkSessionCluster.builder(processes)
                            .taskManagers(2)
                            .slotsPerTaskManager(2)
                            .set("env.java.opts.taskmanager", "-Xlog:gc:file=" + gcLogs.resolve("taskmanager-%p.log"))
                            .start();
            String bootstrap = kafka.bootstrapServers();
            for (String topic : List.of("classes", "rarity", "scores", "probabilities")) {
                kafka.createTopic(topic, 2);
            }
            kafka.createTopic("dead-letters-surprisal", 1);
            kafka.createTopic("dead-letters-softmax", 1);
            FlinkRestClient rest = flink.rest();
            String jar = rest.uploadJar(BuildOutputs.jobJar());
            String surprisal = rest.runJar(jar, ReliabilityClusterITCase.surprisalArgs(bootstrap), 2, null);
            String softmax = rest.runJar(jar, ReliabilityClusterITCase.softmaxArgs(bootstrap), 2, null);
            rest.awaitAllTasksRunning(surprisal, Duration.ofMinutes(2));
            rest.awaitAllTasksRunning(softmax, Duration.ofMinutes(2));

            int rate = fixedRate;
            int total;
            ClassEvents classes;
            RarityCheck rarity;
            ScoreCheck probabilities;
            double sustained;
            // Calibration: as fast as possible; the first records are the same for any total
            // (the generator draws them in order from one seed).
            ClassEvents calibration = new ClassEvents(CALIBRATION_RECORDS, 20261129L);
            long calibrationStart = System.nanoTime();
            BulkProducer calibrationClasses = BulkProducer.start(bootstrap, 0, CALIBRATION_RECORDS, 0, calibration::record);
            BulkProducer calibrationScores =
                    BulkProducer.start(bootstrap, 0, CALIBRATION_RECORDS, 0, DistributedClusterITCase::scoreRecord);
            calibrationClasses.await(Duration.ofMinutes(5));
            calibrationScores.await(Duration.ofMinutes(5));
            awaitCommitted(bootstrap, "rarity", CALIBRATION_RECORDS);
            awaitCommitted(bootstrap, "probabilities", CALIBRATION_RECORDS);
            sustained = CALIBRATION_RECORDS / ((System.nanoTime() - calibrationStart) / 1e9);
            if (rate == 0) {
                rate = (int) (sustained / 2);
            }
            total = CALIBRATION_RECORDS + rate * 60 * minutes;
            classes = new ClassEvents(total, 20261129L);
            rarity = new RarityCheck(classes, 0, total);
            probabilities = new ScoreCheck(total);
            System.out.printf(
                    Locale.ROOT, "SOAK sustained %.0f records/s per topic (both jobs together); soaking at %d for %d min%n",
                    sustained, rate, minutes);

            Map<Long, CheckpointEntry> surprisalCheckpoints = new TreeMap<>();
            Map<Long, CheckpointEntry> softmaxCheckpoints = new TreeMap<>();
            long soakStartMillis = System.currentTimeMillis();
            try (TopicFollower rarityOut = TopicFollower.start(bootstrap, "rarity", rarity);
                    TopicFollower probabilityOut = TopicFollower.start(bootstrap, "probabilities", probabilities)) {
                BulkProducer classProducer =
                        BulkProducer.start(bootstrap, CALIBRATION_RECORDS, total, rate, classes::record);
                BulkProducer scoreProducer =
                        BulkProducer.start(
                                bootstrap, CALIBRATION_RECORDS, total, rate, DistributedClusterITCase::scoreRecord);
                long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
                long nextGc = System.nanoTime();
                while (System.nanoTime() < end) {
                    if (System.nanoTime() >= nextGc) {
                        flink.taskManagers().forEach(SoakRun::fullGc);
                        nextGc += TimeUnit.SECONDS.toNanos(FULL_GC_EVERY_SECONDS);
                    }
                    collect(rest.checkpointHistory(surprisal), surprisalCheckpoints);
                    collect(rest.checkpointHistory(softmax), softmaxCheckpoints);
                    Thread.sleep(2_000);
                }
                classProducer.await(Duration.ofMinutes(5));
                scoreProducer.await(Duration.ofMinutes(5));
                rarityOut.awaitCount(total, Duration.ofMinutes(5));
                probabilityOut.awaitCount(total, Duration.ofMinutes(5));
                rest.awaitNewCheckpoints(surprisal, 2, Duration.ofMinutes(1));
                rest.awaitNewCheckpoints(softmax, 2, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            long restarts = rest.restarts(surprisal) + rest.restarts(softmax);
            String rarityResult = check(() -> rarity.assertEveryIdExactlyOnceWithTheCountsOfTheInput("in the soak"));
            String softmaxResult = check(probabilities::assertEveryIdExactlyOnceWithSoftmaxValues);

            List<String> rows = new ArrayList<>();
            rows.add(String.format(Locale.ROOT, "| command | `scripts/soak.sh %d %d` |", minutes, fixedRate));
            rows.add(String.format(Locale.ROOT, "| sustained rate (calibration, per topic) | %.0f records/s |", sustained));
            rows.add(String.format(Locale.ROOT, "| soak rate per topic | %d records/s for %d min (%,d records per topic) |",
                    rate, minutes, total - CALIBRATION_RECORDS));
            for (Path log : gcLogsIn(gcLogs)) {
                rows.add(heapRow(log));
            }
            rows.add(checkpointRow("surprisal", surprisalCheckpoints, soakStartMillis));
            rows.add(checkpointRow("softmax", softmaxCheckpoints, soakStartMillis));
            rows.add("| restarts (both jobs) | " + restarts + " |");
            rows.add("| surprisal output: every id once, counts as the input | " + rarityResult + " |");
            rows.add("| softmax output: every id once, values as computed by hand | " + softmaxResult + " |");
            String table = "| measure | value |\n|---|---|\n" + String.join("\n", rows) + "\n";
            Files.writeString(REPORT, table, StandardCharsets.UTF_8);
            System.out.println("SOAK report (" + REPORT.toAbsolutePath() + "):\n" + table);

            assertThat(restarts).as("restarts during the soak").isZero();
            assertThat(rarityResult).as("surprisal output").isEqualTo("yes");
            assertThat(softmaxResult).as("softmax output").isEqualTo("yes");
        }
    }

    /** Waits until {@code topic} holds at least {@code count} committed records. */
    private static void awaitCommitted(String bootstrap, String topic, long count) {
        try (TopicFollower out = TopicFollower.start(bootstrap, topic, value -> {})) {
            out.awaitCount(count, Duration.ofMinutes(5));
        }
    }

    /** {@code jcmd <pid> GC.run}: a full GC in the TaskManager, logged in its GC log. */
    private static void fullGc(OwnedProcess taskManager) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(taskManager.pid()), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void collect(List<CheckpointEntry> history, Map<Long, CheckpointEntry> into) {
        history.stream().filter(c -> c.status().equals("COMPLETED") && !c.savepoint()).forEach(c -> into.put(c.id(), c));
    }

    private static String check(Runnable assertion) {
        try {
            assertion.run();
            return "yes";
        } catch (AssertionError e) {
            return "**no**: " + e.getMessage().replace('\n', ' ').replace("|", "\\|");
        }
    }

    private static List<Path> gcLogsIn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /** Heap after each full GC in one TaskManager's GC log, and its least-squares slope. */
    private static String heapRow(Path log) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = FULL_GC.matcher(line);
            if (m.find()) {
                points.add(new double[] {Double.parseDouble(m.group(1)) / 60, Double.parseDouble(m.group(3))});
            }
        }
        if (points.size() < 2) {
            return "| heap after full GC, " + log.getFileName() + " | fewer than 2 full GCs |";
        }
        return String.format(
                Locale.ROOT,
                "| heap after full GC, %s | %d full GCs, first %.0f MB, last %.0f MB, slope %+.2f MB/min |",
                log.getFileName(),
                points.size(),
                points.get(0)[1],
                points.get(points.size() - 1)[1],
                slope(points));
    }

    /**
     * Checkpoint durations and sizes of one job: means over the first and the last fifth of the
     * soak, and the least-squares slopes over all its checkpoints.
     */
    private static String checkpointRow(String job, Map<Long, CheckpointEntry> checkpoints, long startMillis) {
        List<CheckpointEntry> all = checkpoints.values().stream().filter(c -> c.latestAckMillis() >= startMillis).toList();
        if (all.size() < 10) {
            return "| checkpoints, " + job + " | only " + all.size() + " seen |";
        }
        int fifth = all.size() / 5;
        List<CheckpointEntry> first = all.subList(0, fifth);
        List<CheckpointEntry> last = all.subList(all.size() - fifth, all.size());
        List<double[]> durations = new ArrayList<>();
        List<double[]> sizes = new ArrayList<>();
        for (CheckpointEntry c : all) {
            double minute = (c.latestAckMillis() - startMillis) / 60_000.0;
            durations.add(new double[] {minute, c.endToEndMillis()});
            sizes.add(new double[] {minute, c.stateSize() / 1024.0});
        }
        return String.format(
                Locale.ROOT,
                "| checkpoints, %s | %d completed; duration %.0f ms (first fifth) / %.0f ms (last fifth), slope %+.1f ms/min;"
                        + " full state %.0f KiB / %.0f KiB, slope %+.1f KiB/min |",
                job,
                all.size(),
                first.stream().mapToLong(CheckpointEntry::endToEndMillis).average().orElse(0),
                last.stream().mapToLong(CheckpointEntry::endToEndMillis).average().orElse(0),
                slope(durations),
                first.stream().mapToLong(CheckpointEntry::stateSize).average().orElse(0) / 1024,
                last.stream().mapToLong(CheckpointEntry::stateSize).average().orElse(0) / 1024,
                slope(sizes));
    }

    /** Least-squares slope of y over x: sum((x - mx)(y - my)) / sum((x - mx)^2). */
    static double slope(List<double[]> points) {
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] p : points) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }
}
