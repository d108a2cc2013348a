package org.infoprob.jobs.demo;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends {@link TrafficGenerator}'s records to Kafka at {@code recordsPerSecond} in total, on a
 * thread of its own: every {@value #TICK_MILLIS} ms it sends what is due since the start, so the
 * rate holds on average even when one tick runs late. The producer batches ({@code linger.ms}
 * 20, 256 KiB batches), as the jobs' sinks do.
 */
final class Traffic implements AutoCloseable {

    private static final long TICK_MILLIS = 10;

    private final TrafficGenerator generator;
    private final int recordsPerSecond;
    private final KafkaProducer<String, String> producer;
    private final AtomicLong produced = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * @param clientProperties extra Kafka client properties (e.g. security settings)
     */
    Traffic(String bootstrapServers, Properties clientProperties, TrafficGenerator generator, int recordsPerSecond) {
        this.generator = generator;
        this.recordsPerSecond = recordsPerSecond;
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.thread = new Thread(this::run, "infoprob-demo-traffic");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Records handed to the producer so far. */
    long produced() {
        return produced.get();
    }

    /** The first failure of the generator or of a send, or null. */
    Exception failure() {
        return failure;
    }

    private void run() {
        long start = System.nanoTime();
        try {
            while (running) {
                long due = (System.nanoTime() - start) / 1_000 * recordsPerSecond / 1_000_000;
                while (produced.get() < due && running) {
                    TrafficGenerator.Generated g = generator.next(System.currentTimeMillis());
                    producer.send(
                            new ProducerRecord<>(g.topic(), g.key(), g.value()),
                            (metadata, e) -> {
                                if (e != null && failure == null) {
                                    failure = e;
                                }
                            });
                    produced.incrementAndGet();
                }
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Stops sending, waits for the thread and flushes what it sent; later calls do nothing. */
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
    }

    /** Stops sending and closes the producer. */
    @Override
    public void close() {
        stop();
        producer.close();
    }
}
