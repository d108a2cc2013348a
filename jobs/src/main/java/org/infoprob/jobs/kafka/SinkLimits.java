package org.infoprob.jobs.kafka;

import org.infoprob.jobs.options.Guarantee;
import org.infoprob.jobs.options.KafkaOptions;
import org.infoprob.model.DeadLetterLimits;

import java.io.Serializable;
import java.util.Properties;

/**
 * The largest record each sink of a job may write: results ({@link #output}) and dead letters
 * ({@link #deadLetters}). {@link #of} finds them from the producer properties alone and checks
 * the setup that needs no broker; {@link BrokerChecks#check} adds what the broker says.
 *
 * <pre>{@code
 * SinkLimits limits = SinkLimits.of(job.kafka());   // e.g. 1048576 bytes (max.request.size 1048576) for both
 * }</pre>
 *
 * @param output the limit of the output topic's sink
 * @param deadLetters the limit of the dead-letter topic's sink; every dead letter fits under it
 */
public record SinkLimits(RecordSizeLimit output, RecordSizeLimit deadLetters) implements Serializable {

    /** Flags named when a value of {@code --kafka} or {@code --properties-file} is wrong. */
    static final String CLIENT_FLAGS = "--kafka, --properties-file";

    /** Flags named when the transaction timeout does not fit the checkpoint interval. */
    static final String TRANSACTION_FLAGS = "--checkpoint-interval, --kafka transaction.timeout.ms";

    /** The flag that caps the dead letters. */
    static final String DEAD_LETTER_FLAG = "--max-dead-letter-payload-bytes";

    /**
     * The limits that {@code p}'s producer properties set, after checking what needs no broker:
     * Kafka accepts {@code max.request.size}, {@code buffer.memory} and {@code
     * transaction.timeout.ms}; under exactly-once, the checkpoint interval plus {@link
     * ProducerSettings#TRANSACTION_MARGIN} is below the transaction timeout; the largest dead
     * letter fits.
     *
     * @throws InvalidSetupException naming the flag to change and the values involved
     */
    public static SinkLimits of(KafkaOptions p) {
        Properties producer = ProducerSettings.properties(p);
        RecordSizeLimit limit;
        try {
            limit = ProducerSettings.recordSizeLimit(producer);
            if (p.runtime().guarantee() == Guarantee.EXACTLY_ONCE) {
                ProducerSettings.transactionTimeout(producer);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidSetupException(CLIENT_FLAGS, e.getMessage());
        }
        if (p.runtime().guarantee() == Guarantee.EXACTLY_ONCE) {
            try {
                ProducerSettings.checkTransactionTimeout(
                        p.runtime().checkpointInterval(), ProducerSettings.transactionTimeout(producer));
            } catch (IllegalArgumentException e) {
                throw new InvalidSetupException(TRANSACTION_FLAGS, e.getMessage());
            }
        }
        SinkLimits limits = new SinkLimits(limit, limit);
        limits.checkDeadLetters(p.deadLetterLimits());
        return limits;
    }

    /** @throws InvalidSetupException if the largest dead letter cut to {@code limits} does not fit {@link #deadLetters} */
    void checkDeadLetters(DeadLetterLimits limits) {
        try {
            ProducerSettings.checkDeadLetters(limits, deadLetters);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetupException(DEAD_LETTER_FLAG, e.getMessage());
        }
    }
}
