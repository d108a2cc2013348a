package org.infoprob.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A ZooKeeper server as its own OS process, for Flink's ZooKeeper high availability: Flink's own
 * {@code FlinkZooKeeperQuorumPeer} (what flink-dist's {@code bin/start-zookeeper-quorum.sh}
 * starts), which runs the ZooKeeper server that Flink ships relocated in {@code
 * flink-shaded-zookeeper-3} (ZooKeeper 3.7), from the cluster's class path: the same ZooKeeper
 * client and server code as a Flink distribution, no download.
 *
 * <pre>{@code
 * try (OwnedProcesses processes = OwnedProcesses.in(dir)) {
 *     ZooKeeperProcess zk = ZooKeeperProcess.start(processes, "zookeeper");
 *     FlinkSessionCluster.builder(processes)
 *             .highAvailability(zk.connectString())   // "127.0.0.1:<free port>"
 *             .jobManagers(2)
 *             .start();
 * }
 * }</pre>
 *
 * <p>One standalone server ({@code zoo.cfg} without {@code server.N} lines), on a free port of
 * 127.0.0.1, {@code tickTime} 500 ms so that clients may ask for session timeouts from 1 s to
 * 10 s (ZooKeeper allows 2 to 20 ticks), the AdminServer (an HTTP server on port 8080 by
 * default) off. Data in {@code <name>/data}, log in {@code <name>.out}.
 */
public final class ZooKeeperProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final OwnedProcess process;
    private final String connectString;

    private ZooKeeperProcess(OwnedProcess process, String connectString) {
        this.process = process;
        this.connectString = connectString;
    }

    /**
     * Writes {@code zoo.cfg}, starts the server and returns once it accepts connections.
     *
     * @throws IllegalStateException if it ends or does not listen within 60 seconds; the message
     *     holds the end of its log
     */
    public static ZooKeeperProcess start(OwnedProcesses processes, String name) {
        Path home = processes.directory().resolve(name);
        int port = Ports.free(1)[0];
        Path config = home.resolve("zoo.cfg");
        Path log4j = home.resolve("log4j.properties");
        try {
            Files.createDirectories(home.resolve("data"));
            Files.writeString(
                    config,
                    "tickTime=500\n"
                            + "initLimit=10\n"
                            + "syncLimit=5\n"
                            + "dataDir=" + home.resolve("data") + "\n"
                            + "clientPort=" + port + "\n"
                            + "clientPortAddress=127.0.0.1\n"
                            + "admin.enableServer=false\n"
                            + "maxClientCnxns=0\n",
                    StandardCharsets.UTF_8);
            Files.writeString(log4j, LogConfig.consoleLog4j2("INFO"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write ZooKeeper's configuration to " + home, e);
        }
        OwnedProcess process =
                processes.start(
                        name,
                        JavaCommand.main("org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer")
                                .classpath(BuildOutputs.flinkClasspath())
                                .jvmOptions("-Xmx256m", "-Dlog4j.configurationFile=" + log4j.toUri())
                                .args("--zkConfigFile", config.toString(), "--peerId", "1"));
        Ports.awaitListening(process, port, START_TIMEOUT);
        return new ZooKeeperProcess(process, "127.0.0.1:" + port);
    }

    /** {@code host:port} for {@code high-availability.zookeeper.quorum}. */
    public String connectString() {
        return connectString;
    }

    public OwnedProcess process() {
        return process;
    }
}
