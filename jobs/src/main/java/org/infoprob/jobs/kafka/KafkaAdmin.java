package org.infoprob.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two administrative steps a broker needs before jobs use it: topics that are ready (every
 * partition has a leader), and group and transaction coordinators that are up; and the broker
 * and topic settings a job checks before it starts ({@link BrokerChecks}). The one place that
 * creates topics: for {@link EmbeddedKafka}, the demo on an existing Kafka, and tests that run a
 * broker as its own process.
 *
 * <pre>{@code
 * try (KafkaAdmin admin = KafkaAdmin.connect("localhost:9092")) {
 *     admin.awaitCoordinators();
 *     admin.createTopic("scores", 2);
 * }
 * }</pre>
 */
public final class KafkaAdmin implements AutoCloseable {

    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);
    private static final String WARM_UP_ID = "infoprob-kafka-admin-warm-up";

    private final Admin admin;

    private KafkaAdmin(Admin admin) {
        this.admin = admin;
    }

    /** An admin client for the cluster at {@code bootstrapServers}; close it when done. */
    public static KafkaAdmin connect(String bootstrapServers) {
        return connect(bootstrapServers, new Properties());
    }

    /**
     * An admin client for the cluster at {@code bootstrapServers}, with client properties such
     * as security settings; close it when done.
     */
    public static KafkaAdmin connect(String bootstrapServers, Properties clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaAdmin(Admin.create(props));
    }

    /**
     * Makes the broker create its consumer-offsets and transaction-state topics now and waits
     * for them: otherwise the first group offset commit fails with "coordinator not available"
     * (a retriable warning in every job's log) and the first transactional producer waits.
     *
     * @throws IllegalStateException if a coordinator answers with an unexpected error
     */
    public void awaitCoordinators() throws InterruptedException {
        try {
            admin.describeConsumerGroups(List.of(WARM_UP_ID)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException("The group coordinator did not start", e.getCause());
            }
        }
        try {
            admin.describeTransactions(List.of(WARM_UP_ID)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                throw new IllegalStateException(
                        "The transaction coordinator did not start", e.getCause());
            }
        }
    }

    /**
     * Creates a topic with the broker's default replication factor (1 on a single broker) and
     * waits until every partition has a leader. Idempotent: an existing topic with the same
     * partition count is left as it is.
     *
     * @return true if the topic was created, false if it was there
     * @throws IllegalArgumentException if {@code partitions < 1}, or the topic exists with a
     *     different partition count
     * @throws IllegalStateException if the topic is not ready within 30 seconds
     */
    public boolean createTopic(String name, int partitions) {
        return createTopic(name, partitions, Map.of());
    }

    /**
     * As {@link #createTopic(String, int)}, with topic settings, e.g. {@code
     * Map.of("max.message.bytes", "16777216")}; an existing topic keeps its own.
     */
    public boolean createTopic(String name, int partitions, Map<String, String> configs) {
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "Partitions must be >= 1, was " + partitions + " for topic " + name);
        }
        boolean created = true;
        try {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs)))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + name, e.getCause());
            }
            created = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
        awaitReady(name, partitions);
        return created;
    }

    private void awaitReady(String name, int partitions) {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (true) {
            TopicDescription description = describe(name);
            if (description != null) {
                int existing = description.partitions().size();
                if (existing != partitions) {
                    throw new IllegalArgumentException(
                            "Topic "
                                    + name
                                    + " exists with "
                                    + existing
                                    + " partitions, was asked for "
                                    + partitions);
                }
                if (description.partitions().stream().allMatch(KafkaAdmin::hasLeader)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Topic " + name + " has no leader for all partitions after "
                                + TOPIC_READY_TIMEOUT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic " + name, e);
            }
        }
    }

    /** The topic's description, or null while the broker does not know it yet. */
    private TopicDescription describe(String name) {
        try {
            return admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw new IllegalStateException("Cannot describe topic " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topic " + name, e);
        }
    }

    /**
     * The smallest value of the broker setting {@code name} (a number, e.g. {@code
     * transaction.max.timeout.ms}) over every broker of the cluster.
     *
     * @throws IllegalStateException if it cannot be read within {@code timeout} (no permission,
     *     no broker), naming the cause
     */
    public long brokerConfigMin(String name, Duration timeout) {
        Collection<Node> nodes = await(admin.describeCluster().nodes(), timeout, "the cluster's brokers");
        List<ConfigResource> brokers = new ArrayList<>();
        for (Node node : nodes) {
            brokers.add(new ConfigResource(ConfigResource.Type.BROKER, node.idString()));
        }
        long min = Long.MAX_VALUE;
        for (Config config : await(admin.describeConfigs(brokers).all(), timeout, "the broker setting " + name).values()) {
            min = Math.min(min, Long.parseLong(entry(config, name, "the brokers")));
        }
        return min;
    }

    /**
     * The value of the topic setting {@code name} of {@code topic} (the broker's default when the
     * topic sets none).
     *
     * @throws IllegalStateException if it cannot be read within {@code timeout} (no permission,
     *     no such topic), naming the cause
     */
    public String topicConfig(String topic, String name, Duration timeout) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = await(admin.describeConfigs(List.of(resource)).all(), timeout, name + " of topic " + topic)
                .get(resource);
        return entry(config, name, "topic " + topic);
    }

    private static String entry(Config config, String name, String of) {
        ConfigEntry entry = config.get(name);
        if (entry == null || entry.value() == null) {
            throw new IllegalStateException("The setting " + name + " of " + of + " is not readable");
        }
        return entry.value();
    }

    private static <T> T await(KafkaFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot read " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + what, e);
        }
    }

    private static boolean hasLeader(TopicPartitionInfo partition) {
        return partition.leader() != null && !partition.leader().isEmpty();
    }

    /** Closes the admin client, waiting up to 5 seconds for requests in flight. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
