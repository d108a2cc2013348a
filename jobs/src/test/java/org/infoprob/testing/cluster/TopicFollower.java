package org.infoprob.testing.cluster;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reads a topic from the beginning with {@code isolation.level=read_committed} in a background
 * thread, for as long as a job writes to it, and hands each record value to a handler: a
 * million output records are checked as they arrive instead of being held in memory.
 *
 * <pre>{@code
 * try (TopicFollower out = TopicFollower.start(bootstrap, "rarity", value -> check(value))) {
 *     out.awaitCount(1_000_000, Duration.ofMinutes(3));
 * }   // close() stops the thread; afterwards the handler's results are safe to read
 * }</pre>
 *
 * <p>A read_committed consumer sees only records of committed transactions, so what the
 * handler gets is exactly the output of an exactly-once job. The handler runs on the follower's
 * thread only; {@link #close()} joins that thread, so state the handler built is visible to the
 * caller afterwards. An exception in the handler stops the follower and is rethrown by {@link
 * #awaitCount} and {@link #close()}.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, String> consumer;
    private final Consumer<String> handler;
    private final String topic;
    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private TopicFollower(
            String bootstrapServers, String topic, Map<Integer, Long> from, Consumer<String> handler) {
        this.topic = topic;
        this.handler = handler;
        this.consumer = readCommittedConsumer(bootstrapServers);
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        for (TopicPartition tp : partitions) {
            Long offset = from.get(tp.partition());
            if (offset != null) {
                consumer.seek(tp, offset);
            }
        }
        this.thread = new Thread(this::follow, "follow-" + topic);
        thread.setDaemon(true);
    }

    /** Starts following {@code topic}; {@code handler} gets every committed record value. */
    public static TopicFollower start(String bootstrapServers, String topic, Consumer<String> handler) {
        return start(bootstrapServers, topic, Map.of(), handler);
    }

    /**
     * Starts following {@code topic} from the given offsets (partition to offset, e.g. the
     * {@link #positions()} of an earlier follower; partitions not named start at the beginning).
     */
    public static TopicFollower start(
            String bootstrapServers, String topic, Map<Integer, Long> from, Consumer<String> handler) {
        TopicFollower follower = new TopicFollower(bootstrapServers, topic, from, handler);
        follower.thread.start();
        return follower;
    }

    /**
     * Every committed record value of {@code topic} up to its current end (the last stable
     * offsets: records of transactions still open stay unread).
     */
    public static List<String> readCommitted(String bootstrapServers, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readCommittedConsumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For a read_committed consumer the end offsets are the last stable offsets.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Did not reach the end offsets " + ends + " of " + topic);
                }
                consumer.poll(POLL).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    handler.accept(record.value());
                    count.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // close() ends the poll.
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            for (TopicPartition tp : consumer.assignment()) {
                positions.put(tp.partition(), consumer.position(tp));
            }
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /**
     * After {@link #close()}: the offset after the last record read, per partition, to continue
     * from with another follower.
     */
    public Map<Integer, Long> positions() {
        if (thread.isAlive()) {
            throw new IllegalStateException("Positions are known after close()");
        }
        return Map.copyOf(positions);
    }

    /** Records handed to the handler so far. */
    public long count() {
        return count.get();
    }

    /**
     * Waits until at least {@code expected} records were handled.
     *
     * @throws AssertionError if they do not arrive within {@code timeout}
     */
    public void awaitCount(long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count() < expected) {
            rethrowFailure();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Expected " + expected + " committed records on " + topic + " within "
                                + timeout + ", got " + count());
            }
            Sleep.millis(100);
        }
    }

    /** Stops the thread and waits for it; rethrows a failure of the handler. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rethrowFailure();
    }

    private static KafkaConsumer<String, String> readCommittedConsumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("Topic " + topic + " does not exist");
        }
        return partitions;
    }

    private void rethrowFailure() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("Following " + topic + " failed", t);
        }
    }
}
