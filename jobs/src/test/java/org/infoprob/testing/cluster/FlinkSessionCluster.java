package org.infoprob.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Flink session cluster of separate OS processes on this machine: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}), started
 * the way flink-dist's scripts start them, from the class path Maven resolved into {@code
 * cluster-classpath.txt}. Jobs reach it only as jars, through {@code flink run} ({@link
 * #flinkRun}) or the REST API ({@link #rest()}).
 *
 * <pre>{@code
 * try (OwnedProcesses processes = OwnedProcesses.in(dir)) {
 *     FlinkSessionCluster flink = FlinkSessionCluster.builder(processes)
 *             .taskManagers(2)
 *             .slotsPerTaskManager(2)
 *             .set("execution.checkpointing.interval", "1 s")
 *             .start();
 *     String jobId = flink.flinkRun("-p", "2", "-d", jar.toString(), "surprisal", ...);
 *     String killed = flink.killTaskManager(flink.taskManagers().get(0));   // kill -9
 *     flink.startTaskManager();                                             // its replacement
 * }   // every process is stopped
 * }</pre>
 *
 * <p>What {@code jobmanager.sh} / {@code taskmanager.sh} do, done here: write {@code
 * config.yaml}, ask {@code BashJavaUtils} for the JVM memory flags and the dynamic memory
 * properties that follow from {@code jobmanager.memory.process.size} and {@code
 * taskmanager.memory.process.size}, and start the entry points with {@code --configDir}. Every
 * process binds to 127.0.0.1; the JobManager's RPC and REST ports are free ports, TaskManager and
 * blob ports are chosen by the kernel. Each TaskManager gets a resource id equal to its process
 * name ({@code taskmanager-1}, ...), so the REST API's TaskManager ids name processes.
 *
 * <p>Defaults set here, each replaceable with {@link Builder#set}: fast failure detection
 * ({@code heartbeat.interval} 1 s, {@code heartbeat.timeout} 5 s), a fixed-delay restart strategy
 * with 1 s delay and many attempts, RocksDB state with checkpoints and savepoints in {@code
 * flink/checkpoints} and {@code flink/savepoints}, and slots spread evenly over the TaskManagers
 * so that a job of parallelism N on N TaskManagers has state on each of them.
 *
 * <p>High availability ({@link Builder#highAvailability}, {@link Builder#jobManagers}): ZooKeeper
 * leader election and job/checkpoint metadata ({@code high-availability.type: zookeeper}), a
 * shared HA storage directory {@code flink/ha}, and several JobManagers, each with its own REST
 * port (RPC ports are free ones, as {@code high-availability.jobmanager.port} 0 gives). The first
 * JobManager is started alone and becomes leader before the standbys start, so {@link
 * #jobManager()} is the leader until it is killed; {@link #rest()} then talks to the oldest
 * JobManager still alive.
 *
 * <pre>{@code
 * ZooKeeperProcess zk = ZooKeeperProcess.start(processes, "zookeeper");
 * FlinkSessionCluster flink = FlinkSessionCluster.builder(processes)
 *         .highAvailability(zk.connectString())
 *         .jobManagers(2)
 *         .start();
 * flink.killJobManager(flink.jobManager());   // kill -9 of the leader; the standby takes over
 * flink.rest().overview();                    // now the standby's REST API
 * }</pre>
 */
public final class FlinkSessionCluster {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(3);
    private static final String EXEC_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final Pattern SUBMITTED = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

    private final OwnedProcesses processes;
    private final Path home;
    private final Path confDir;
    private final String classpath;
    private final List<String> taskManagerJvmOptions;
    private final List<String> taskManagerDynamicProperties;
    private final boolean logClassLoading;
    private final List<OwnedProcess> taskManagers = new ArrayList<>();
    private final List<String> processNames = new ArrayList<>();
    /** JobManagers started so far, oldest first, each with the REST client of its own port. */
    private final Map<OwnedProcess, FlinkRestClient> jobManagers = new LinkedHashMap<>();
    private int taskManagersStarted;
    private int cliRuns;

    private FlinkSessionCluster(
            OwnedProcesses processes,
            Path home,
            String classpath,
            List<String> taskManagerJvmOptions,
            List<String> taskManagerDynamicProperties,
            boolean logClassLoading) {
        this.processes = processes;
        this.logClassLoading = logClassLoading;
        this.home = home;
        this.confDir = home.resolve("conf");
        this.classpath = classpath;
        this.taskManagerJvmOptions = taskManagerJvmOptions;
        this.taskManagerDynamicProperties = taskManagerDynamicProperties;
    }

    /** A builder for a cluster whose processes {@code processes} owns. */
    public static Builder builder(OwnedProcesses processes) {
        return new Builder(processes);
    }

    /**
     * The REST API of the oldest JobManager still alive: the only one, or with {@link
     * Builder#jobManagers} the leader until it is killed, then the standby that took over.
     *
     * @throws IllegalStateException if no JobManager is alive
     */
    public FlinkRestClient rest() {
        return jobManagers.entrySet().stream()
                .filter(e -> e.getKey().isAlive())
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No JobManager is alive: " + jobManagers.keySet()));
    }

    /** The REST API of one JobManager, on its own port. */
    public FlinkRestClient rest(OwnedProcess jobManager) {
        FlinkRestClient client = jobManagers.get(jobManager);
        if (client == null) {
            throw new IllegalArgumentException(jobManager + " is not a JobManager of this cluster");
        }
        return client;
    }

    /** {@code http://127.0.0.1:<port>}: REST API and web UI of {@link #rest()}. */
    public URI restUri() {
        return rest().baseUri();
    }

    /** The cluster's directory: {@code conf/}, {@code checkpoints/}, {@code savepoints/}, ... */
    public Path home() {
        return home;
    }

    /** {@code file://} URI of the directory that savepoints go to by default. */
    public String savepointDirectory() {
        return home.resolve("savepoints").toUri().toString();
    }

    /** The first JobManager: with high availability, the leader it became on start. */
    public OwnedProcess jobManager() {
        return jobManagers.keySet().iterator().next();
    }

    /** The JobManager processes that are alive, oldest first. */
    public List<OwnedProcess> jobManagers() {
        return jobManagers.keySet().stream().filter(OwnedProcess::isAlive).collect(Collectors.toList());
    }

    /** {@code kill -9} of a JobManager; returns once the process is gone. */
    public void killJobManager(OwnedProcess jobManager) {
        if (!jobManagers.containsKey(jobManager)) {
            throw new IllegalArgumentException(jobManager + " is not a JobManager of this cluster");
        }
        jobManager.kill();
    }

    /** The TaskManager processes that are alive, oldest first; names are resource ids. */
    public List<OwnedProcess> taskManagers() {
        return taskManagers.stream().filter(OwnedProcess::isAlive).collect(Collectors.toList());
    }

    /**
     * Starts one more TaskManager and waits until it has registered with the JobManager.
     *
     * @return its process, named (and with the resource id) {@code taskmanager-<n>}
     */
    public OwnedProcess startTaskManager() {
        String name = "taskmanager-" + (++taskManagersStarted);
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(taskManagerDynamicProperties);
        args.addAll(List.of("-D", "taskmanager.resource-id=" + name));
        OwnedProcess tm =
                processes.start(
                        name,
                        JavaCommand.main("org.apache.flink.runtime.taskexecutor.TaskManagerRunner")
                                .classpath(classpath)
                                .jvmOptions(processJvmOptions(name))
                                .jvmOptions(taskManagerJvmOptions)
                                .args(args));
        taskManagers.add(tm);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!rest().taskManagerIds().contains(name)) {
            if (!tm.isAlive()) {
                throw new IllegalStateException(name + " ended while starting:\n" + tm.logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + " did not register within " + START_TIMEOUT + ":\n" + tm.logTail(40));
            }
            Sleep.millis(100);
        }
        return tm;
    }

    /** The logs of every TaskManager started so far, killed ones included, oldest first. */
    public List<Path> taskManagerLogs() {
        return taskManagers.stream().map(OwnedProcess::log).collect(Collectors.toList());
    }

    /** {@code kill -9} of a TaskManager; returns once the process is gone. */
    public void killTaskManager(OwnedProcess taskManager) {
        if (!taskManagers.contains(taskManager)) {
            throw new IllegalArgumentException(taskManager + " is not a TaskManager of this cluster");
        }
        taskManager.kill();
    }

    /**
     * Runs Flink's command line ({@code CliFrontend}, i.e. the {@code flink} command) against this
     * cluster as its own process and waits for it to end, e.g. {@code flinkRun("run", "-d",
     * jar, ...)}.
     *
     * @return what it printed
     * @throws IllegalStateException if it exits with a non-zero code; the message holds its output
     */
    public String flink(String... args) {
        String name = "flink-cli-" + (++cliRuns);
        List<String> line = new ArrayList<>(Arrays.asList(args));
        if (line.isEmpty()) {
            throw new IllegalArgumentException("No command for the flink command line");
        }
        line.addAll(1, List.of("-m", restUri().getAuthority()));
        OwnedProcess cli =
                processes.start(
                        name,
                        JavaCommand.main("org.apache.flink.client.cli.CliFrontend")
                                .classpath(classpath)
                                .jvmOptions(processJvmOptions(name))
                                .jvmOptions("-Xmx512m")
                                .env("FLINK_CONF_DIR", confDir.toString())
                                .args(line));
        int exit = cli.awaitExit(CLI_TIMEOUT);
        String output = cli.logTail(Integer.MAX_VALUE);
        if (exit != 0) {
            throw new IllegalStateException(
                    "flink " + String.join(" ", args) + " exited with " + exit + ":\n" + output);
        }
        return output;
    }

    /**
     * {@code flink run -d <args>}: submits a job in detached mode and returns its id.
     *
     * @param args what follows {@code flink run -d}, e.g. {@code "-p", "2", jar, "softmax", ...}
     */
    public String flinkRun(String... args) {
        List<String> line = new ArrayList<>(List.of("run", "-d"));
        line.addAll(Arrays.asList(args));
        String output = flink(line.toArray(new String[0]));
        Matcher m = SUBMITTED.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("flink run printed no job id:\n" + output);
        }
        return m.group(1);
    }

    /**
     * With {@link Builder#logClassLoading}: the class-loading log of every process of the
     * cluster and every {@code flink} command so far, by process name; one line {@code <class>
     * source: <jar or directory>} per loaded class.
     */
    public Map<String, Path> classLoadingLogs() {
        if (!logClassLoading) {
            throw new IllegalStateException("Class loading is logged only with Builder.logClassLoading()");
        }
        Map<String, Path> logs = new LinkedHashMap<>();
        for (String name : processNames) {
            logs.put(name, classLoadingLog(name));
        }
        return logs;
    }

    private Path classLoadingLog(String name) {
        return processes.directory().resolve(name + ".classes");
    }

    /** JVM options of every process: the Java 17 opens, and its log file for log4j and the UI. */
    private List<String> processJvmOptions(String name) {
        processNames.add(name);
        List<String> options = new ArrayList<>(BuildOutputs.jvmOpens());
        options.add("-Dlog.file=" + processes.directory().resolve(name + ".out"));
        options.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        if (logClassLoading) {
            options.add("-Xlog:class+load=info:file=" + classLoadingLog(name) + ":none");
        }
        return options;
    }

    /**
     * Starts a JobManager whose REST API listens on {@code restPort} ({@code rest.port} of
     * config.yaml for the first one, a dynamic property for the others), and waits until that
     * API answers {@code /overview}, which it does once a leader is known.
     */
    private void startJobManager(List<String> jvmOptions, List<String> dynamicProperties, int restPort) {
        String name = jobManagers.isEmpty() ? "jobmanager" : "jobmanager-" + (jobManagers.size() + 1);
        // The dynamic properties before --executionMode: the entry point's parser knows only
        // --configDir and -D, and stops at the first argument it does not know.
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(dynamicProperties);
        args.addAll(List.of("-D", "rest.port=" + restPort, "--executionMode", "cluster"));
        OwnedProcess jobManager =
                processes.start(
                        name,
                        JavaCommand.main("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint")
                                .classpath(classpath)
                                .jvmOptions(processJvmOptions(name))
                                .jvmOptions(jvmOptions)
                                .args(args));
        FlinkRestClient client = new FlinkRestClient(URI.create("http://127.0.0.1:" + restPort));
        jobManagers.put(jobManager, client);
        Ports.awaitListening(jobManager, restPort, START_TIMEOUT);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                client.overview();
                return;
            } catch (RuntimeException e) {
                if (!jobManager.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            name + " did not answer /overview within " + START_TIMEOUT + ": " + e.getMessage()
                                    + "\n" + jobManager.logTail(40),
                            e);
                }
            }
            Sleep.millis(100);
        }
    }

    /**
     * Runs {@code BashJavaUtils <command> --configDir conf}, as the start scripts do, and returns
     * its two result lines: JVM options, then dynamic properties ({@code -D key=value} pairs).
     */
    private static List<List<String>> resourceParameters(
            OwnedProcesses processes, String classpath, Path confDir, String command) {
        String name = "bash-java-utils-" + command.toLowerCase();
        OwnedProcess utils =
                processes.start(
                        name,
                        JavaCommand.main("org.apache.flink.runtime.util.bash.BashJavaUtils")
                                .classpath(classpath)
                                .jvmOptions(
                                        "-Xmx256m",
                                        "-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri())
                                .args(command, "--configDir", confDir.toString()));
        int exit = utils.awaitExit(CLI_TIMEOUT);
        String output = utils.logTail(Integer.MAX_VALUE);
        List<List<String>> results = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith(EXEC_RESULT)) {
                String value = line.substring(EXEC_RESULT.length()).trim();
                results.add(value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+")));
            }
        }
        if (exit != 0 || results.size() != 2) {
            throw new IllegalStateException(
                    "BashJavaUtils " + command + " exited with " + exit + " and " + results.size()
                            + " results (expected 2):\n" + output);
        }
        return results;
    }

    /** Builds and starts a {@link FlinkSessionCluster}. */
    public static final class Builder {

        private final OwnedProcesses processes;
        private final Map<String, String> config = new LinkedHashMap<>();
        private int taskManagers = 2;
        private int jobManagers = 1;
        private int slotsPerTaskManager = 2;
        private boolean logClassLoading;

        private Builder(OwnedProcesses processes) {
            this.processes = processes;
            config.put("jobmanager.memory.process.size", "1024m");
            config.put("taskmanager.memory.process.size", "1280m");
            config.put("heartbeat.interval", "1 s");
            config.put("heartbeat.timeout", "5 s");
            config.put("restart-strategy.type", "fixed-delay");
            config.put("restart-strategy.fixed-delay.attempts", "1000");
            config.put("restart-strategy.fixed-delay.delay", "1 s");
            config.put("state.backend.type", "rocksdb");
            config.put("taskmanager.load-balance.mode", "SLOTS");
        }

        /** TaskManagers started with the cluster (default 2). */
        public Builder taskManagers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("TaskManagers must be >= 1, was " + count);
            }
            this.taskManagers = count;
            return this;
        }

        /**
         * JobManagers (default 1); more than one needs {@link #highAvailability}: the first
         * leads, the others stand by.
         */
        public Builder jobManagers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("JobManagers must be >= 1, was " + count);
            }
            this.jobManagers = count;
            return this;
        }

        /**
         * ZooKeeper high availability: {@code high-availability.type: zookeeper} with the server
         * at {@code zooKeeperQuorum}, storage in {@code flink/ha}, and ZooKeeper sessions of 5 s
         * (default 60 s) so that a killed leader's session, and with it its leadership, ends
         * within seconds. Each replaceable with {@link #set}.
         */
        public Builder highAvailability(String zooKeeperQuorum) {
            config.put("high-availability.type", "zookeeper");
            config.put("high-availability.zookeeper.quorum", zooKeeperQuorum);
            config.put("high-availability.cluster-id", "/infoprob");
            config.put("high-availability.zookeeper.client.session-timeout", "5 s");
            config.put("high-availability.zookeeper.client.connection-timeout", "5 s");
            // No Kerberos here: without this the ZooKeeper client looks for a JAAS section
            // and logs a failed SASL authentication before it connects without one.
            config.put("zookeeper.sasl.disable", "true");
            return this;
        }

        /** Slots of each TaskManager (default 2). */
        public Builder slotsPerTaskManager(int slots) {
            if (slots < 1) {
                throw new IllegalArgumentException("Slots per TaskManager must be >= 1, was " + slots);
            }
            this.slotsPerTaskManager = slots;
            return this;
        }

        /**
         * Makes every process of the cluster (and every {@code flink} command) log which class it
         * loaded from where: {@link FlinkSessionCluster#classLoadingLogs}.
         */
        public Builder logClassLoading() {
            this.logClassLoading = true;
            return this;
        }

        /** Sets one entry of config.yaml, replacing a default. */
        public Builder set(String key, String value) {
            config.put(key, value);
            return this;
        }

        /**
         * Writes the configuration, starts the JobManager and the TaskManagers, and returns once
         * every TaskManager has registered.
         *
         * @throws IllegalStateException if a process fails to start; the message holds the end
         *     of its log
         */
        public FlinkSessionCluster start() {
            Path home = processes.directory().resolve("flink");
            Path confDir = home.resolve("conf");
            if (jobManagers > 1 && !config.containsKey("high-availability.type")) {
                throw new IllegalStateException(jobManagers + " JobManagers need highAvailability(...)");
            }
            int[] ports = Ports.free(1 + jobManagers);
            Map<String, String> all = new LinkedHashMap<>();
            all.put("jobmanager.rpc.address", "127.0.0.1");
            all.put("jobmanager.bind-host", "127.0.0.1");
            all.put("jobmanager.rpc.port", Integer.toString(ports[0]));
            all.put("rest.address", "127.0.0.1");
            all.put("rest.bind-address", "127.0.0.1");
            all.put("rest.port", Integer.toString(ports[1]));
            all.put("taskmanager.host", "127.0.0.1");
            all.put("taskmanager.bind-host", "127.0.0.1");
            all.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
            all.put("io.tmp.dirs", home.resolve("tmp").toString());
            all.put("web.upload.dir", home.resolve("upload").toString());
            all.put("execution.checkpointing.dir", home.resolve("checkpoints").toUri().toString());
            all.put("execution.checkpointing.savepoint-dir", home.resolve("savepoints").toUri().toString());
            if (config.containsKey("high-availability.type")) {
                all.put("high-availability.storageDir", home.resolve("ha").toUri().toString());
            }
            all.putAll(config);
            try {
                Files.createDirectories(confDir);
                Files.createDirectories(home.resolve("tmp"));
                Files.createDirectories(home.resolve("upload"));
                Files.writeString(confDir.resolve("config.yaml"), yaml(all), StandardCharsets.UTF_8);
                Files.writeString(
                        confDir.resolve("log4j.properties"), LogConfig.consoleLog4j2("INFO"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the Flink configuration to " + confDir, e);
            }
            String classpath = BuildOutputs.flinkClasspath();
            List<List<String>> jm = resourceParameters(processes, classpath, confDir, "GET_JM_RESOURCE_PARAMS");
            List<List<String>> tm = resourceParameters(processes, classpath, confDir, "GET_TM_RESOURCE_PARAMS");
            // As Flink's start scripts do: env.java.opts.all, then the TaskManagers' own.
            List<String> tmJvm = new ArrayList<>(tm.get(0));
            for (String key : List.of("env.java.opts.all", "env.java.opts.taskmanager")) {
                String opts = all.getOrDefault(key, "").trim();
                if (!opts.isEmpty()) {
                    tmJvm.addAll(List.of(opts.split("\\s+")));
                }
            }
            FlinkSessionCluster cluster =
                    new FlinkSessionCluster(
                            processes, home, classpath, tmJvm, tm.get(1), logClassLoading);
            for (int i = 0; i < jobManagers; i++) {
                cluster.startJobManager(jm.get(0), jm.get(1), ports[1 + i]);
            }
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            return cluster;
        }

        /** Flat {@code key: 'value'} lines: every value a quoted YAML string. */
        private static String yaml(Map<String, String> config) {
            StringBuilder b = new StringBuilder();
            config.forEach(
                    (k, v) -> b.append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
            return b.toString();
        }
    }
}
