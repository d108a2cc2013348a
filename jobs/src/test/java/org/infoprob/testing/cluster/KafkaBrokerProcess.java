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
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final OwnedProcess process;
    private final String bootstrapServers;
    private final KafkaAdmin admin;

    private KafkaBrokerProcess(OwnedProcess process, String bootstrapServers, KafkaAdmin admin) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
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

        OwnedProcess process =
                processes.start(
                        name,
                        JavaCommand.main("kafka.Kafka")
                                .classpath(classpath)
                                .jvmOptions("-Xms256m", "-Xmx768m", "-XX:+UseG1GC", logOption)
                                .args(config.toString()));
        Ports.awaitListening(process, ports[0], START_TIMEOUT);
        KafkaAdmin admin = KafkaAdmin.connect(broker);
        try {
            admin.awaitCoordinators();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admin.close();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        } catch (RuntimeException e) {
            admin.close();
            throw new IllegalStateException(
                    name + " did not start its coordinators:\n" + process.logTail(30), e);
        }
        return new KafkaBrokerProcess(process, broker, admin);
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

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
