package org.infoprob.testing.cluster;

import org.infoprob.jobs.kafka.EmbeddedKafka;
import org.infoprob.jobs.kafka.KafkaAdmin;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A real Kafka broker as its own OS process ({@code kafka.Kafka}, KRaft, broker and controller in
 * one node), started from the Kafka jars Maven resolved into {@code kafka-classpath.txt}: the
 * same server code as a Kafka distribution, without downloading one.
 *
 * <pre>{@code
 * try (OwnedProcesses processes = OwnedProcesses.in(dir)) {
 *     KafkaBrokerProcess kafka = KafkaBrokerProcess.start(processes, "kafka");
 *     kafka.createTopic("classes", 2);
 *     String bootstrap = kafka.bootstrapServers();   // "127.0.0.1:<free port>"
 * }
 * }</pre>
 *
 * <p>As a distribution's scripts do: the log directory is formatted with {@code
 * kafka.tools.StorageTool format --standalone} (a new cluster id, this node the only
 * controller), then the broker starts. Broker settings are {@link
 * EmbeddedKafka#defaultBrokerConfig()}, so this broker behaves like the in-JVM one of the other
 * tests (replication factor 1 for internal topics, no topic auto-creation, ...). Both listeners
 * take free ports on 127.0.0.1. The broker logs to {@code <name>.out}; its data lives in {@code
 * <name>/data} under the owner's directory.
 *
 * <p>{@link #kill()} ends the broker with SIGKILL (no controlled shutdown, no flush: what a
 * crashed machine's broker leaves, minus the page cache) and {@link #restart()} starts it again
 * on the same data directory and ports, as a supervisor would; clients configured with {@link
 * #bootstrapServers()} reconnect by themselves:
 *
 * <pre>{@code
 * kafka.kill();                       // kill -9
 * kafka.restart();                    // same log.dirs, same ports; returns once coordinators answer
 * }</pre>
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final OwnedProcesses processes;
    private final String name;
    /** The broker's command line, made anew for each start. */
    private final Supplier<JavaCommand> command;
    private final int brokerPort;
    private final String bootstrapServers;
    private final KafkaAdmin admin;
    private volatile OwnedProcess process;
    private int restarts;

    private KafkaBrokerProcess(
            OwnedProcesses processes,
            String name,
            Supplier<JavaCommand> command,
            int brokerPort,
            OwnedProcess process,
            KafkaAdmin admin) {
        this.processes = processes;
        this.name = name;
        this.command = command;
        this.brokerPort = brokerPort;
        this.bootstrapServers = "127.0.0.1:" + brokerPort;
        this.process = process;
        this.admin = admin;
    }

    /**
     * Formats storage, starts the broker, and returns once it accepts connections and its group
     * and transaction coordinators are up.
     *
     * @throws IllegalStateException if formatting fails or the broker does not come up within 90
     *     seconds; the message holds the end of its log
     */
    public static KafkaBrokerProcess start(OwnedProcesses processes, String name) {
        Path home = processes.directory().resolve(name);
        int[] ports = Ports.free(2);
        String broker = "127.0.0.1:" + ports[0];
        String controller = "127.0.0.1:" + ports[1];
        Path config = home.resolve("server.properties");
        Path log4j = home.resolve("log4j2.properties");
        Map<String, String> settings = new TreeMap<>(EmbeddedKafka.defaultBrokerConfig());
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("controller.quorum.bootstrap.servers", controller);
        settings.put("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
        settings.put("advertised.listeners", "PLAINTEXT://" + broker);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", home.resolve("data").toString());
        try {
            Files.createDirectories(home);
            StringBuilder text = new StringBuilder();
            settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(config, text, StandardCharsets.UTF_8);
            Files.writeString(log4j, LogConfig.consoleLog4j2("INFO"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the broker's configuration to " + home, e);
        }

        String classpath = BuildOutputs.kafkaClasspath();
        String logOption = "-Dlog4j2.configurationFile=" + log4j.toUri();
        OwnedProcess format =
                processes.start(
                        name + "-format",
                        JavaCommand.main("kafka.tools.StorageTool")
                                .classpath(classpath)
                                .jvmOptions("-Xmx256m", logOption)
                                .args(
                                        "format",
                                        "--standalone",
                                        "--cluster-id",
                                        Uuid.randomUuid().toString(),
                                        "--config",
                                        config.toString()));
        int formatted = format.awaitExit(FORMAT_TIMEOUT);
        if (formatted != 0) {
            throw new IllegalStateException(
                    "Formatting the broker's storage failed with exit code " + formatted + ":\n"
                            + format.logTail(30));
        }

        Supplier<JavaCommand> command =
                () ->
                        JavaCommand.main("kafka.Kafka")
                                .classpath(classpath)
                                .jvmOptions("-Xms256m", "-Xmx768m", "-XX:+UseG1GC", logOption)
                                .args(config.toString());
        OwnedProcess process = processes.start(name, command.get());
        Ports.awaitListening(process, ports[0], START_TIMEOUT);
        KafkaAdmin admin = KafkaAdmin.connect(broker);
        try {
            awaitCoordinators(admin, process, name);
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
        return new KafkaBrokerProcess(processes, name, command, ports[0], process, admin);
    }

    private static void awaitCoordinators(KafkaAdmin admin, OwnedProcess process, String name) {
        try {
            admin.awaitCoordinators();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    name + " did not start its coordinators:\n" + process.logTail(30), e);
        }
    }

    /**
     * {@code kill -9} of the broker process; returns once it is gone. Its data directory stays.
     *
     * @throws IllegalStateException if the broker is not running
     */
    public void kill() {
        if (!process.isAlive()) {
            throw new IllegalStateException(process + " is not running");
        }
        process.kill();
    }

    /**
     * Starts the broker again on the same data directory, configuration and ports after {@link
     * #kill()} (the new process is named {@code <name>-restart-<n>}), and returns once it
     * accepts connections and its group and transaction coordinators answer: the log recovery
     * of the unclean shutdown is done by then.
     *
     * @throws IllegalStateException if the broker is still running, or does not come up within
     *     90 seconds
     */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(process + " is still running; kill() it first");
        }
        OwnedProcess restarted = processes.start(name + "-restart-" + (++restarts), command.get());
        process = restarted;
        Ports.awaitListening(restarted, brokerPort, START_TIMEOUT);
        awaitCoordinators(admin, restarted, restarted.name());
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker's current process: the latest one after a {@link #restart()}. */
    public OwnedProcess process() {
        return process;
    }

    /** Creates a topic (replication factor 1) and waits until it is ready; idempotent. */
    public void createTopic(String topic, int partitions) {
        admin.createTopic(topic, partitions);
    }

    /** Closes the admin client; the process itself ends with its {@link OwnedProcesses}. */
    @Override
    public void close() {
        admin.close();
    }
}
