package org.infoprob.jobs.kafka;

import org.infoprob.jobs.options.Guarantee;
import org.infoprob.jobs.options.KafkaOptions;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What a job checks on the brokers before it starts, so that a setting they would refuse is a
 * usage error naming the values (exit status 2) instead of a job that fails and restarts for ever:
 *
 * <ul>
 *   <li>under exactly-once, the producers' {@code transaction.timeout.ms} must not exceed the
 *       brokers' {@code transaction.max.timeout.ms} (the broker refuses such a producer);
 *   <li>the output and dead-letter topics' {@code max.message.bytes} lower the {@link
 *       SinkLimits} when smaller than the producer's limit, and the largest dead letter must
 *       still fit.
 * </ul>
 *
 * A setting that cannot be read (no permission to describe configs, a topic that does not exist
 * yet, no answer within {@link #TIMEOUT}) is logged as a warning and not checked: the job starts
 * as it would without the check.
 *
 * <pre>{@code
 * SinkLimits limits = BrokerChecks.check(job.kafka());   // throws InvalidSetupException
 * }</pre>
 */
public final class BrokerChecks {

    /** How long each question to the brokers may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(BrokerChecks.class);

    private BrokerChecks() {}

    /**
     * The sinks' limits after {@link SinkLimits#of} and the checks on the brokers.
     *
     * @throws InvalidSetupException naming the flag to change and the values involved
     */
    public static SinkLimits check(KafkaOptions p) {
        SinkLimits limits = SinkLimits.of(p);
        KafkaAdmin admin;
        try {
            admin = KafkaAdmin.connect(p.client().bootstrapServers(), p.client().properties());
        } catch (KafkaException e) {
            LOG.warn("Cannot connect to Kafka to check the brokers' limits; starting without these checks: {}", e.toString());
            return limits;
        }
        try (admin) {
            if (p.runtime().guarantee() == Guarantee.EXACTLY_ONCE) {
                checkTransactionTimeout(admin, ProducerSettings.transactionTimeout(ProducerSettings.properties(p)));
            }
            SinkLimits checked = new SinkLimits(
                    topicLimit(admin, limits.output(), p.outputTopic()),
                    topicLimit(admin, limits.deadLetters(), p.deadLetterTopic()));
            checked.checkDeadLetters(p.deadLetterLimits());
            return checked;
        }
    }

    private static void checkTransactionTimeout(KafkaAdmin admin, Duration timeout) {
        long max;
        try {
            max = admin.brokerConfigMin("transaction.max.timeout.ms", TIMEOUT);
        } catch (IllegalStateException e) {
            LOG.warn("Cannot check transaction.timeout.ms ({} ms) against the brokers' transaction.max.timeout.ms;"
                    + " starting without this check: {}", timeout.toMillis(), e.getMessage());
            return;
        }
        if (timeout.toMillis() > max) {
            throw new InvalidSetupException(
                    "--kafka transaction.timeout.ms",
                    "The producers' transaction.timeout.ms (" + timeout.toMillis() + " ms) exceeds the brokers'"
                            + " transaction.max.timeout.ms (" + max + " ms): the brokers would refuse the exactly-once"
                            + " sinks' producers. Set --kafka transaction.timeout.ms=" + max + " or less (more than the"
                            + " checkpoint interval plus " + ProducerSettings.TRANSACTION_MARGIN.toSeconds()
                            + " s), or raise transaction.max.timeout.ms on the brokers");
        }
    }

    /** {@code limit}, lowered to {@code topic}'s {@code max.message.bytes} when that is smaller and readable. */
    private static RecordSizeLimit topicLimit(KafkaAdmin admin, RecordSizeLimit limit, String topic) {
        try {
            int maxMessageBytes = Integer.parseInt(admin.topicConfig(topic, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TIMEOUT));
            return limit.withTopicLimit(topic, maxMessageBytes);
        } catch (IllegalStateException | NumberFormatException e) {
            LOG.warn("Cannot read max.message.bytes of topic {}; records up to {} are written: {}", topic, limit, e.getMessage());
            return limit;
        }
    }
}
