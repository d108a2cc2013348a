package org.infoprob.jobs.demo;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sample score records for the demo, at a steady rate, on a thread of their own.
 *
 * <p>Record {@code n} has id {@code n}, key {@code sensor-(n mod 10)}, the current time as
 * {@code ts}, and one score per class of {@link #CLASSES}: a standard normal noise for every
 * class, plus {@link #SIGNAL} for the record's true class (drawn uniformly). The truth is not in
 * the record; {@link #truth(long)} tells it, so the demo can say how often the top class is the
 * true one. Every {@link #BAD_EVERY}-th record carries a NaN score, to show the dead-letter path.
 */
final class ScoreTraffic implements AutoCloseable {

    static final String[] CLASSES = {"cat", "dog", "bird", "fish"};

    /** Added to the true class's score; with 4 classes the top class is the truth ~82% of the time. */
    static final double SIGNAL = 2.0;

    static final int BAD_EVERY = 1000;

    /** The truth of the last {@code TRUTH_WINDOW} records is kept (1 byte each). */
    private static final int TRUTH_WINDOW = 1 << 20;

    private final String topic;
    private final int recordsPerSecond;
    private final KafkaProducer<String, String> producer;
    private final byte[] truths = new byte[TRUTH_WINDOW];
    private final AtomicLong produced = new AtomicLong();
    private final Thread thread;
    private final SplittableRandom random = new SplittableRandom(42);
    private volatile boolean running = true;
    private volatile Exception failure;

    ScoreTraffic(String bootstrapServers, String topic, int recordsPerSecond) {
        this.topic = topic;
        this.recordsPerSecond = recordsPerSecond;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
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

    /** The true class of record {@code id}, or -1 if it is too old to be remembered. */
    int truth(long id) {
        long newest = produced.get() - 1;
        if (id < 0 || id > newest || newest - id >= TRUTH_WINDOW) {
            return -1;
        }
        return truths[(int) (id % TRUTH_WINDOW)];
    }

    /** The first failure of the generator or of a send, or null. */
    Exception failure() {
        return failure;
    }

    private void run() {
        long period = TimeUnit.SECONDS.toNanos(1) / recordsPerSecond;
        long next = System.nanoTime();
        StringBuilder json = new StringBuilder(160);
        try {
            for (long id = 0; running; id++) {
                int truth = random.nextInt(CLASSES.length);
                truths[(int) (id % TRUTH_WINDOW)] = (byte) truth;
                String key = "sensor-" + (id % 10);
                producer.send(
                        new ProducerRecord<>(topic, key, record(json, id, key, truth)),
                        (metadata, e) -> {
                            if (e != null && failure == null) {
                                failure = e;
                            }
                        });
                produced.set(id + 1);
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private String record(StringBuilder json, long id, String key, int truth) {
        json.setLength(0);
        json.append("{\"id\":").append(id);
        json.append(",\"key\":\"").append(key).append('"');
        json.append(",\"ts\":").append(System.currentTimeMillis());
        json.append(",\"scores\":{");
        for (int c = 0; c < CLASSES.length; c++) {
            double score = random.nextGaussian();
            json.append(c == 0 ? "\"" : ",\"").append(CLASSES[c]).append("\":");
            if (c == 0 && id % BAD_EVERY == BAD_EVERY - 1) {
                json.append("NaN");
            } else {
                json.append(Math.round((c == truth ? score + SIGNAL : score) * 1000) / 1000.0);
            }
        }
        return json.append("}}").toString();
    }

    /** Stops producing, waits for the generator thread and flushes what it sent. */
    void stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
    }

    /** Stops producing and closes the producer. */
    @Override
    public void close() {
        stop();
        producer.close();
    }
}
