package org.infoprob.jobs.kafka;

import org.infoprob.jobs.options.KafkaOptions;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.serde.DeadLetterSerializer;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;
import java.util.Properties;

/**
 * The producer side of a job's sinks: the properties its producers get (the user's {@code
 * --properties-file} and {@code --kafka} settings, with the jobs' defaults only where the user
 * set nothing), and the limits that follow from them, checked before the job starts:
 *
 * <ul>
 *   <li>{@link #recordSizeLimit}: the largest record the producer sends ({@code
 *       max.request.size}, {@code buffer.memory}); every dead letter must fit under it ({@link
 *       #checkDeadLetters}), a larger result becomes a dead letter ({@link OutputEncoder});
 *   <li>{@link #transactionTimeout}: {@code transaction.timeout.ms} of the exactly-once sinks,
 *       {@link #DEFAULT_TRANSACTION_TIMEOUT} unless set; a transaction stays open from one
 *       checkpoint to the commit after the next, so the checkpoint interval plus {@link
 *       #TRANSACTION_MARGIN} must be below it ({@link #checkTransactionTimeout}).
 * </ul>
 *
 * <pre>{@code
 * Properties producer = ProducerSettings.properties(job.kafka());
 * ProducerSettings.checkTransactionTimeout(Duration.ofSeconds(10), ProducerSettings.transactionTimeout(producer));
 * }</pre>
 */
public final class ProducerSettings {

    /**
     * {@code transaction.timeout.ms} of the exactly-once sinks unless the user sets one. Flink's
     * default (1 hour) is above a broker's default {@code transaction.max.timeout.ms} (15
     * minutes), which makes the producer fail on start.
     */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(5);

    /**
     * What {@code transaction.timeout.ms} must leave beyond the checkpoint interval: the time a
     * checkpoint takes to complete and its commit to reach the broker, and a quick restart. A
     * transaction the broker aborts before Flink commits it is output lost.
     */
    public static final Duration TRANSACTION_MARGIN = Duration.ofSeconds(30);

    private ProducerSettings() {}

    /**
     * The properties of the sinks' producers: the user's, plus {@code transaction.timeout.ms}
     * ({@link #DEFAULT_TRANSACTION_TIMEOUT}), {@code linger.ms} 20 and {@code batch.size} 256 KiB
     * where the user set none.
     */
    public static Properties properties(KafkaOptions p) {
        Properties props = p.client().properties();
        props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return props;
    }

    /**
     * The largest record a producer with {@code producer} properties sends: {@code
     * max.request.size}, or {@code buffer.memory} when that is smaller (the producer refuses a
     * record larger than either), Kafka's defaults when unset.
     *
     * @throws IllegalArgumentException if either is not a valid value for Kafka
     */
    public static RecordSizeLimit recordSizeLimit(Properties producer) {
        int maxRequestSize = ((Number) value(producer, ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).intValue();
        long bufferMemory = ((Number) value(producer, ProducerConfig.BUFFER_MEMORY_CONFIG)).longValue();
        if (bufferMemory < maxRequestSize) {
            return new RecordSizeLimit((int) bufferMemory, "buffer.memory " + bufferMemory);
        }
        return new RecordSizeLimit(maxRequestSize, "max.request.size " + maxRequestSize);
    }

    /**
     * {@code transaction.timeout.ms} of {@code producer}.
     *
     * @throws IllegalArgumentException if it is not a valid value for Kafka
     */
    public static Duration transactionTimeout(Properties producer) {
        return Duration.ofMillis(((Number) value(producer, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).longValue());
    }

    /**
     * Checks that exactly-once output is committed before the broker aborts it: {@code
     * checkpointInterval + TRANSACTION_MARGIN < transactionTimeout}.
     *
     * @throws IllegalArgumentException naming both values otherwise
     */
    public static void checkTransactionTimeout(Duration checkpointInterval, Duration transactionTimeout) {
        if (checkpointInterval.plus(TRANSACTION_MARGIN).compareTo(transactionTimeout) >= 0) {
            throw new IllegalArgumentException(
                    "The checkpoint interval (" + checkpointInterval.toMillis() + " ms) plus a margin of "
                            + TRANSACTION_MARGIN.toSeconds() + " s must be below the producers' transaction.timeout.ms ("
                            + transactionTimeout.toMillis() + " ms), or the broker aborts transactions before their"
                            + " checkpoint commits them: checkpoint more often, or raise transaction.timeout.ms"
                            + " (--kafka transaction.timeout.ms=MS, at most the broker's transaction.max.timeout.ms)");
        }
    }

    /**
     * Checks that every dead letter cut to {@code limits} fits under {@code limit}: the largest
     * JSON ({@link DeadLetterSerializer#maxSerializedBytes(DeadLetterLimits)}) with the largest
     * key, plus Kafka's overhead.
     *
     * @throws IllegalArgumentException naming the payload cap, the size it allows and the limit,
     *     and the largest payload cap that would fit
     */
    public static void checkDeadLetters(DeadLetterLimits limits, RecordSizeLimit limit) {
        int size = largestDeadLetter(limits);
        if (limit.fits(size)) {
            return;
        }
        String advice;
        if (!limit.fits(largestDeadLetter(limits.withMaxPayloadBytes(0)))) {
            advice = "even without a payload they do not fit";
        } else {
            int fits = 0; // the largest cap known to fit; maxPayloadBytes() does not
            int fitsNot = limits.maxPayloadBytes();
            while (fitsNot - fits > 1) {
                int mid = fits + (fitsNot - fits) / 2;
                if (limit.fits(largestDeadLetter(limits.withMaxPayloadBytes(mid)))) {
                    fits = mid;
                } else {
                    fitsNot = mid;
                }
            }
            advice = "set --max-dead-letter-payload-bytes to at most " + fits;
        }
        throw new IllegalArgumentException(
                "Dead letters with a payload of up to " + limits.maxPayloadBytes() + " bytes can take up to " + size
                        + " bytes as Kafka records, more than the " + limit + " allows: " + advice
                        + ", or raise that limit");
    }

    /** The largest Kafka record a dead letter cut to {@code limits} can make: key and JSON at their bounds. */
    public static int largestDeadLetter(DeadLetterLimits limits) {
        return RecordSizeLimit.sizeOf(limits.maxKeyBytes(), DeadLetterSerializer.maxSerializedBytes(limits));
    }

    /** The value of producer config {@code name} in {@code producer} as Kafka parses it, or Kafka's default. */
    private static Object value(Properties producer, String name) {
        ConfigDef.ConfigKey key = ProducerConfig.configDef().configKeys().get(name);
        Object raw = producer.get(name);
        if (raw == null) {
            return key.defaultValue;
        }
        try {
            Object parsed = ConfigDef.parseType(name, raw instanceof String s ? s.trim() : raw, key.type);
            if (key.validator != null) {
                key.validator.ensureValid(name, parsed);
            }
            return parsed;
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
