package org.infoprob.testing.cluster;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * Writes a numbered range of generated records to Kafka in a background thread, at a steady
 * rate or as fast as the broker takes them: large batches and a short linger (about 1.2-1.5x the
 * throughput of the defaults on a 2-core machine), {@code acks=all}, idempotent, so records of
 * one key keep their order and none is written twice.
 *
 * <pre>{@code
 * BulkProducer producer = BulkProducer.start(
 *         bootstrap, 0, 1_000_000, 20_000, i -> new ProducerRecord<>("classes", key(i), json(i)));
 * ...
 * producer.await(Duration.ofMinutes(2));   // all acknowledged, or the first send error
 * }</pre>
 */
public final class BulkProducer {

    /** Records between two looks at the clock when the rate is limited. */
    private static final int PACE_EVERY = 500;

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private final long count;

    private BulkProducer(
            String bootstrapServers,
            long from,
            long to,
            int recordsPerSecond,
            LongFunction<ProducerRecord<String, String>> record) {
        this.count = to - from;
        this.thread =
                new Thread(() -> produce(bootstrapServers, from, to, recordsPerSecond, record), "bulk-producer");
        thread.setDaemon(true);
    }

    /**
     * Starts writing the records {@code record.apply(i)} for {@code from <= i < to}, in order.
     *
     * @param recordsPerSecond the steady rate to send at, or 0 for as fast as possible
     */
    public static BulkProducer start(
            String bootstrapServers,
            long from,
            long to,
            int recordsPerSecond,
            LongFunction<ProducerRecord<String, String>> record) {
        if (to < from) {
            throw new IllegalArgumentException("Range end must be >= start, was [" + from + ", " + to + ")");
        }
        if (recordsPerSecond < 0) {
            throw new IllegalArgumentException("Records per second must be >= 0, was " + recordsPerSecond);
        }
        BulkProducer producer = new BulkProducer(bootstrapServers, from, to, recordsPerSecond, record);
        producer.thread.start();
        return producer;
    }

    private void produce(
            String bootstrapServers,
            long from,
            long to,
            int recordsPerSecond,
            LongFunction<ProducerRecord<String, String>> record) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (long i = from; i < to && failure.get() == null; i++) {
                producer.send(
                        record.apply(i),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                long done = i - from + 1;
                sent.set(done);
                if (recordsPerSecond > 0 && done % PACE_EVERY == 0) {
                    long due = start + done * 1_000_000_000L / recordsPerSecond;
                    long ahead = due - System.nanoTime();
                    if (ahead > 0) {
                        Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                    }
                }
            }
            producer.flush();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** Records handed to the producer so far (sent or about to be). */
    public long sent() {
        return sent.get();
    }

    /**
     * Waits until every record is acknowledged.
     *
     * @throws IllegalStateException on the first failed send, or if not done within {@code timeout}
     */
    public void await(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Producing " + count + " records failed", failure.get());
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("Producing " + count + " records took longer than " + timeout);
        }
    }
}
