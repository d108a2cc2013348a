package org.infoprob.jobs.kafka;

import org.infoprob.testing.KafkaBrokerExtension;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-JVM broker and the test extension's helpers, against the real broker. */
class EmbeddedKafkaITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void createTopicReturnsAFreshNameOnEveryCall() {
        String first = KAFKA.createTopic("t", 1);
        String second = KAFKA.createTopic("t", 1);

        assertThat(first).as("first name").startsWith("t-");
        assertThat(second).as("second name").startsWith("t-").isNotEqualTo(first);
    }

    @Test
    void createTopicIsIdempotentAndRejectsAnotherPartitionCount() {
        KAFKA.broker().createTopic("fixed-name", 3);
        KAFKA.broker().createTopic("fixed-name", 3);

        assertThat(KAFKA.endOffsets("fixed-name")).as("partitions of fixed-name").containsOnlyKeys(0, 1, 2);
        assertThatThrownBy(() -> KAFKA.broker().createTopic("fixed-name", 2))
                .as("same topic, other partition count")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists with 3 partitions");
        assertThatThrownBy(() -> KAFKA.broker().createTopic("no-partitions", 0))
                .as("zero partitions")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 0");
    }

    @Test
    void producedRecordsAreConsumedWithKeysAndValues() {
        String topic = KAFKA.createTopic("round-trip", 2);
        KAFKA.produce(topic, List.of(Map.entry("k1", "v1"), Map.entry("k2", "v2"), Map.entry("k1", "v3")));

        List<ConsumerRecord<String, String>> records = KAFKA.consumeAll(topic);

        assertThat(records.stream().map(r -> r.key() + "=" + r.value()))
                .as("records read back")
                .containsExactlyInAnyOrder("k1=v1", "k2=v2", "k1=v3");
        assertThat(records.stream().filter(r -> r.key().equals("k1")).map(ConsumerRecord::value))
                .as("one key stays in order, in one partition")
                .containsExactly("v1", "v3");
    }

    @Test
    void readCommittedHelpersSkipAbortedTransactions() throws Exception {
        String topic = KAFKA.createTopic("transactions", 1);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "itcase-" + topic);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "c", "committed"));
            producer.commitTransaction();
        }

        assertThat(KAFKA.consumeAll(topic).stream().map(ConsumerRecord::value))
                .as("consumeAll after an aborted and a committed transaction")
                .containsExactly("committed");
        assertThat(KAFKA.consumeReadCommitted(topic, 1, Duration.ofSeconds(10)).stream().map(ConsumerRecord::value))
                .as("consumeReadCommitted after an aborted and a committed transaction")
                .containsExactly("committed");
    }

    @Test
    void consumeReadCommittedFailsWhenTooFewRecordsArrive() {
        String topic = KAFKA.createTopic("too-few", 1);
        KAFKA.produce(topic, List.of(Map.entry("k", "only one")));

        assertThatThrownBy(() -> KAFKA.consumeReadCommitted(topic, 2, Duration.ofMillis(500)))
                .as("waiting for 2 records where there is 1")
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected at least 2")
                .hasMessageContaining("got 1");
    }

    @Test
    void closeStopsTheBrokerAndDeletesItsDirectory() throws Exception {
        String bootstrap;
        Path directory;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            bootstrap = kafka.bootstrapServers();
            directory = kafka.directory();
            assertThat(directory).as("broker directory while running").isDirectory();
        }

        assertThat(directory).as("broker directory after close()").doesNotExist();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "1000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "500");
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .as("listing topics on the closed broker at %s", bootstrap)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }
}
