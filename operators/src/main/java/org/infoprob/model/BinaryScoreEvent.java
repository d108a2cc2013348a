package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * One real score (a logit) for a yes/no question, the input of the {@code SigmoidFunction}:
 * {@code P(positive) = sigmoid(score / T)}.
 *
 * <p>A Flink POJO (public no-argument constructor, public fields). {@code ts} is a primitive
 * {@code long} in epoch milliseconds, as in {@link ScoreEvent}; {@code topic}, {@code partition}
 * and {@code offset} are the Kafka origin, null when the record did not come from Kafka.
 *
 * <pre>{@code
 * BinaryScoreEvent e = BinaryScoreEvent.of("sensor-7", 1732752000000L, 1.3);
 * }</pre>
 */
@PublicEvolving
public class BinaryScoreEvent {

    /** The record key. */
    public String key;
    /** The id that a later {@link LabelEvent} names, or null (never labelled). */
    public String id;
    /** Event time in epoch milliseconds. */
    public long ts;
    /** The score of the positive class against the negative one (+-inf allowed, NaN invalid). */
    public double score;
    /** Kafka topic the record was read from, or null. */
    public String topic;
    /** Kafka partition the record was read from, or null. */
    public Integer partition;
    /** Kafka offset of the record, or null. */
    public Long offset;

    public BinaryScoreEvent() {}

    /** An event that did not come from Kafka. */
    public static BinaryScoreEvent of(String key, long ts, double score) {
        BinaryScoreEvent e = new BinaryScoreEvent();
        e.key = key;
        e.ts = ts;
        e.score = score;
        return e;
    }


    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BinaryScoreEvent)) {
            return false;
        }
        BinaryScoreEvent that = (BinaryScoreEvent) o;
        return ts == that.ts
                && Double.compare(score, that.score) == 0
                && Objects.equals(key, that.key)
                && Objects.equals(id, that.id)
                && Objects.equals(topic, that.topic)
                && Objects.equals(partition, that.partition)
                && Objects.equals(offset, that.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, id, ts, score, topic, partition, offset);
    }

    @Override
    public String toString() {
        return "BinaryScoreEvent{"
                + "key=" + key
                + (id == null ? "" : ", id=" + id)
                + ", ts=" + ts
                + ", score=" + score
                + "}";
    }
}
