package org.infoprob.jobs.kafka;

import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.RarityEvent;
import org.infoprob.serde.ClassDistributionSerializer;
import org.infoprob.serde.ProbabilityEventSerializer;
import org.infoprob.serde.RarityEventSerializer;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.util.function.SerializableFunction;

import java.io.Serializable;

/**
 * How a job's results become Kafka records: the JSON value, the Kafka key (the result's {@code
 * key}, so that a result lands on the partition of its key as Kafka's default partitioner puts
 * it), and the event time its dead letter names when it cannot be written.
 *
 * <pre>{@code
 * OutputFormat<ProbabilityEvent> format = OutputFormat.probabilities();
 * }</pre>
 *
 * @param serializer the record value
 * @param key the key the result belongs to, written as UTF-8 bytes; null for none
 * @param eventTime the result's event time, for its dead letter; null when unknown
 */
public record OutputFormat<T>(
        SerializationSchema<T> serializer, SerializableFunction<T, String> key, SerializableFunction<T, Long> eventTime)
        implements Serializable {

    /** Probability results of the score jobs. */
    public static OutputFormat<ProbabilityEvent> probabilities() {
        return new OutputFormat<>(new ProbabilityEventSerializer(), e -> e.key, e -> e.ts);
    }

    /** Rarity results of the surprisal job. */
    public static OutputFormat<RarityEvent> rarity() {
        return new OutputFormat<>(new RarityEventSerializer(), e -> e.key, e -> e.ts);
    }

    /** Per-window class distributions of the window-surprisal job. */
    public static OutputFormat<ClassDistribution> classDistributions() {
        return new OutputFormat<>(new ClassDistributionSerializer(), e -> e.key, e -> e.ts);
    }
}
