package org.infoprob.testing;

import org.infoprob.jobs.kafka.EmbeddedKafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real Kafka broker ({@link EmbeddedKafka}: KRaft, one node, in this JVM) for the tests of one
 * class, started before the first test and stopped after the last, plus the client helpers that
 * tests need.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 *
 * @Test
 * void something() {
 *     String in = KAFKA.createTopic("scores", 2);          // "scores-1": unique per call
 *     KAFKA.produce(in, List.of(Map.entry("sensor-7", "{...}")));
 *     ... run a job that writes to `out` ...
 *     List<ConsumerRecord<String, String>> records = KAFKA.consumeAll(out);
 * }
 * }</pre>
 *
 * <p>The tests of a class share the broker, so {@link #createTopic} appends a counter to the
 * name: tests never see each other's records. Consumers read with {@code
 * isolation.level=read_committed}, from the beginning of every partition, without a consumer
 * group. Keys and values are UTF-8 strings. Register it in a {@code static} field: it starts in
 * {@code beforeAll}; {@code @Nested} classes share the outer class's broker.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, String> brokerOverrides;
    private final AtomicInteger topicCounter = new AtomicInteger();
    private EmbeddedKafka kafka;
    private int users;

    /** A broker with {@link EmbeddedKafka}'s defaults. */
    public KafkaBrokerExtension() {
        this(Map.of());
    }

    /** A broker with some settings replaced, e.g. {@code Map.of("log.retention.ms", "60000")}. */
    public KafkaBrokerExtension(Map<String, String> brokerOverrides) {
        this.brokerOverrides = Map.copyOf(brokerOverrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (users++ == 0) {
            kafka = EmbeddedKafka.start(brokerOverrides);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--users == 0) {
            EmbeddedKafka stopping = kafka;
            kafka = null;
            stopping.close();
        }
    }

    /** The broker itself. */
    public EmbeddedKafka broker() {
        if (kafka == null) {
            throw new IllegalStateException(
                    "The Kafka broker is not running: register KafkaBrokerExtension in a static"
                            + " field with @RegisterExtension and use it inside tests");
        }
        return kafka;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /**
     * Creates a fresh topic named {@code prefix + "-" + n} (n counts the calls) and waits until
     * it is ready.
     *
     * @return the topic's name
     */
    public String createTopic(String prefix, int partitions) {
        String name = prefix + "-" + topicCounter.incrementAndGet();
        broker().createTopic(name, partitions);
        return name;
    }

    /** As {@link #createTopic(String, int)}, with topic settings, e.g. {@code Map.of("max.message.bytes", "16777216")}. */
    public String createTopic(String prefix, int partitions, Map<String, String> configs) {
        String name = prefix + "-" + topicCounter.incrementAndGet();
        broker().createTopic(name, partitions, configs);
        return name;
    }

    /**
     * Writes records as they are (byte keys and values, their own timestamps and partitions)
     * with an idempotent producer, {@code acks=all}, in order, taking records of up to 32 MiB;
     * returns once every record is acknowledged, with where each was written.
     */
    public List<RecordMetadata> produceRecords(List<ProducerRecord<byte[], byte[]>> records) {
        Properties props = producerProperties();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(32 << 20));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(64 << 20));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> record : records) {
                sends.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> written = new ArrayList<>(sends.size());
            for (Future<RecordMetadata> send : sends) {
                written.add(send.get());
            }
            return written;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Producing failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing", e);
        }
    }

    /**
     * Writes key/value records (a key may be null) with an idempotent producer, {@code
     * acks=all}, in order, and returns once every record is acknowledged.
     */
    public void produce(String topic, List<? extends Map.Entry<String, String>> records) {
        send(topic, null, utf8(records));
    }

    /**
     * As {@link #produce}, with every record's Kafka timestamp set to {@code timestamp} (epoch
     * milliseconds) instead of the time of sending, for jobs whose event time falls back to it.
     */
    public void produce(String topic, long timestamp, List<? extends Map.Entry<String, String>> records) {
        send(topic, timestamp, utf8(records));
    }

    /** As {@link #produce}, with raw values (e.g. bytes that are not UTF-8). */
    public void produceBytes(String topic, List<? extends Map.Entry<String, byte[]>> records) {
        send(topic, null, records);
    }

    private static List<Map.Entry<String, byte[]>> utf8(List<? extends Map.Entry<String, String>> records) {
        List<Map.Entry<String, byte[]>> bytes = new ArrayList<>(records.size());
        for (Map.Entry<String, String> r : records) {
            bytes.add(new AbstractMap.SimpleImmutableEntry<>(
                    r.getKey(), r.getValue() == null ? null : r.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        return bytes;
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return props;
    }

    private void send(String topic, Long timestamp, List<? extends Map.Entry<String, byte[]>> records) {
        Properties props = producerProperties();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
            for (Map.Entry<String, byte[]> record : records) {
                sends.add(
                        producer.send(
                                new ProducerRecord<>(topic, null, timestamp, record.getKey(), record.getValue())));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Producing to " + topic + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing to " + topic, e);
        }
    }

    /**
     * Reads committed records from the beginning until at least {@code expectedCount} have
     * arrived, for jobs that are still running.
     *
     * @return every record read, which may be more than {@code expectedCount}
     * @throws AssertionError if fewer than {@code expectedCount} arrive within {@code timeout}
     */
    public List<ConsumerRecord<String, String>> consumeReadCommitted(
            String topic, int expectedCount, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readCommittedConsumer(topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expectedCount) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "Expected at least "
                                    + expectedCount
                                    + " committed records on "
                                    + topic
                                    + " within "
                                    + timeout
                                    + ", got "
                                    + records.size());
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads every committed record up to the partitions' ends as of this call (the last stable
     * offsets: records of transactions still open stay unread), e.g. after a job finished, to
     * check that nothing extra arrived.
     *
     * @throws AssertionError if the ends are not reached within 30 seconds
     */
    public List<ConsumerRecord<String, String>> consumeAll(String topic) {
        return consumeAll(topic, new StringDeserializer());
    }

    /** As {@link #consumeAll(String)}, keys and values as the bytes they are. */
    public List<ConsumerRecord<byte[], byte[]>> consumeAllBytes(String topic) {
        return consumeAll(topic, new ByteArrayDeserializer());
    }

    private <T> List<ConsumerRecord<T, T>> consumeAll(String topic, Deserializer<T> deserializer) {
        List<ConsumerRecord<T, T>> records = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(30);
        try (KafkaConsumer<T, T> consumer = readCommittedConsumer(topic, deserializer)) {
            // For a read_committed consumer the end offsets are the last stable offsets.
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "Did not reach the end offsets "
                                    + ends
                                    + " of "
                                    + topic
                                    + " within "
                                    + timeout
                                    + ", read "
                                    + records.size()
                                    + " records");
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /** Number of offsets per partition (records plus transaction markers): the end offsets. */
    public Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = readCommittedConsumer(topic)) {
            return consumer.endOffsets(consumer.assignment()).entrySet().stream()
                    .collect(
                            Collectors.toMap(
                                    e -> e.getKey().partition(),
                                    Map.Entry::getValue,
                                    (a, b) -> a,
                                    TreeMap::new));
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** A group-less consumer assigned to every partition of {@code topic}, at the beginning. */
    private KafkaConsumer<String, String> readCommittedConsumer(String topic) {
        return readCommittedConsumer(topic, new StringDeserializer());
    }

    private <T> KafkaConsumer<T, T> readCommittedConsumer(String topic, Deserializer<T> deserializer) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<T, T> consumer = new KafkaConsumer<>(props, deserializer, deserializer);
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalArgumentException("Topic " + topic + " does not exist");
            }
            List<TopicPartition> assigned = new ArrayList<>();
            for (PartitionInfo p : partitions) {
                assigned.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }
}
