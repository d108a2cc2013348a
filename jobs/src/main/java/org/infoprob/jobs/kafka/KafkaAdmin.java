package org.infoprob.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * The two administrative steps a broker needs before jobs use it: topics that are ready (every
 * partition has a leader), and group and transaction coordinators that are up. The one place
 * that creates topics: for {@link EmbeddedKafka}, the demo on an existing Kafka, and tests that
 * run a broker as its own process.
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
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "Partitions must be >= 1, was " + partitions + " for topic " + name);
        }
        boolean created = true;
        try {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()))).all().get();
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

    private static boolean hasLeader(TopicPartitionInfo partition) {
        return partition.leader() != null && !partition.leader().isEmpty();
    }

    /** Closes the admin client, waiting up to 5 seconds for requests in flight. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
