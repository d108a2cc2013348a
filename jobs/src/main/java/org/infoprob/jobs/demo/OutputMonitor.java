package org.infoprob.jobs.demo;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads what the demo's jobs committed, with a {@code read_committed} consumer without a group,
 * from the output topics' ends as of the start, into {@link OutputStats}. Used by one thread.
 */
final class OutputMonitor implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final OutputStats stats;

    /**
     * Assigns the consumer to every partition of {@code topics} at their current ends, so that
     * records of an earlier run on an existing Kafka are not counted.
     */
    OutputMonitor(String bootstrapServers, Properties clientProperties, List<String> topics, OutputStats stats) {
        this.stats = stats;
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String topic : topics) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before any job writes
    }

    OutputStats stats() {
        return stats;
    }

    /** Reads what was committed since the last call, waiting up to {@code timeout} for it. */
    void poll(Duration timeout) throws IOException {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            stats.accept(r.topic(), r.value());
        }
    }

    /**
     * Reads until every record committed by now has been read (for a {@code read_committed}
     * consumer the end offsets are the last stable offsets), or {@code timeout} has passed.
     *
     * @return whether the ends were reached
     */
    boolean readToEnd(Duration timeout) throws IOException {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean reached = true;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                reached &= consumer.position(end.getKey()) >= end.getValue();
            }
            if (reached) {
                return true;
            }
            poll(Duration.ofMillis(100));
        }
        return false;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
