package org.infoprob.jobs.kafka;

import org.apache.flink.util.FileUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real, single-node Kafka broker (KRaft, broker and controller in one node) running inside
 * this JVM, built on Kafka's own {@code KafkaClusterTestKit}. Used by the local demo and, through
 * {@code KafkaBrokerExtension}, by the integration tests; starts in about 3 seconds.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopic("scores", 2);
 *     String bootstrap = kafka.bootstrapServers();   // e.g. "localhost:40123"
 *     ...
 * }
 * }</pre>
 *
 * <p>What differs from a default broker, and why:
 *
 * <ul>
 *   <li>Replication factor 1 and min ISR 1 for the internal topics (consumer offsets,
 *       transaction state, share-group state): with one node nothing else can be satisfied, and
 *       without the transaction settings the transactional (exactly-once) producer never gets a
 *       coordinator.
 *   <li>Internal topics get 2 partitions instead of 50, so the first consumer group and the
 *       first transaction do not wait for 50 partitions to be created.
 *   <li>{@code group.initial.rebalance.delay.ms=0}: consumers in a new group start at once.
 *   <li>{@code auto.create.topics.enable=false}: a topic name typo fails instead of silently
 *       creating an empty topic; create topics with {@link #createTopic}.
 *   <li>The bootstrap metadata version is the latest <em>production</em> one and unstable APIs
 *       are off (the test kit defaults to the unreleased ones), so clients talk to it as to a
 *       released Kafka {@code 4.2} broker.
 * </ul>
 *
 * <p>{@link #start} returns once the broker is ready and its group and transaction
 * coordinators are up, so the first consumer group and the first transactional producer do
 * not run into "coordinator not available".
 *
 * <p>Broker and controller state lives in a fresh temporary directory that {@link #close()}
 * deletes. The broker listens on {@code localhost} on a free port.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final Path directory;
    private final KafkaAdmin admin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path directory) {
        this.cluster = cluster;
        this.directory = directory;
        this.admin = KafkaAdmin.connect(cluster.bootstrapServers());
    }

    /** Starts a broker with the default settings described in the class comment. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /**
     * Starts a broker; {@code brokerOverrides} (broker config names to values) replace the
     * defaults described in the class comment, e.g. {@code Map.of("log.retention.ms", "60000")}.
     *
     * @throws IllegalStateException if the broker does not start
     */
    public static EmbeddedKafka start(Map<String, String> brokerOverrides) {
        Path directory;
        try {
            directory = Files.createTempDirectory("infoprob-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the Kafka broker", e);
        }
        KafkaClusterTestKit cluster = null;
        EmbeddedKafka kafka = null;
        try {
            TestKitNodes nodes =
                    new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                            .setBaseDirectory(directory)
                            .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            Map<String, String> config = new HashMap<>(defaultBrokerConfig());
            config.putAll(brokerOverrides);
            config.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            kafka = new EmbeddedKafka(cluster, directory);
            kafka.admin.awaitCoordinators();
            return kafka;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            IllegalStateException failure =
                    new IllegalStateException("The embedded Kafka broker did not start", e);
            if (kafka != null) {
                kafka.admin.close();
            }
            closeQuietly(cluster, failure);
            deleteDirectory(directory, failure);
            throw failure;
        }
    }

    /**
     * The broker settings that differ from Kafka's defaults; see the class comment. Also the
     * settings of the broker process that the cluster test starts, so both behave alike.
     */
    public static Map<String, String> defaultBrokerConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "2");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "2");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "false");
        config.put("unstable.api.versions.enable", "false");
        config.put("unstable.feature.versions.enable", "false");
        return config;
    }

    /** The broker's directory, deleted by {@link #close()}. */
    Path directory() {
        return directory;
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader
     * ({@link KafkaAdmin#createTopic}). Idempotent: an existing topic with the same partition
     * count is left as it is.
     *
     * @throws IllegalArgumentException if {@code partitions < 1}, or the topic exists with a
     *     different partition count
     * @throws IllegalStateException if the topic is not ready within 30 seconds
     */
    public void createTopic(String name, int partitions) {
        admin.createTopic(name, partitions);
    }

    /** As {@link #createTopic(String, int)}, with topic settings, e.g. {@code Map.of("max.message.bytes", "16777216")}. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        admin.createTopic(name, partitions, configs);
    }

    /** Stops the broker and deletes its directory; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        IllegalStateException failure = new IllegalStateException("Closing the embedded Kafka broker failed");
        try {
            admin.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        closeQuietly(cluster, failure);
        deleteDirectory(directory, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster, Exception failure) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure.addSuppressed(e);
        }
    }

    private static void deleteDirectory(Path directory, Exception failure) {
        try {
            // Does nothing when the directory is already gone (the test kit deletes what it
            // created on close).
            FileUtils.deleteDirectory(directory.toFile());
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
