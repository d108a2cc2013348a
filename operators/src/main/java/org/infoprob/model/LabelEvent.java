package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * The true outcome of an earlier scored event, arriving later on its own stream: the feedback
 * that the calibration operators fit to. It names the event by its {@code id} ({@link
 * ScoreEvent#id}, {@link BinaryScoreEvent#id}) and carries either a class name (for named
 * scores) or a yes/no answer (for a binary score):
 *
 * <pre>{@code
 * LabelEvent cat = LabelEvent.ofClass("e-42", 1732752060000L, "cat");   // {"id":"e-42","label":"cat"}
 * LabelEvent yes = LabelEvent.ofBinary("e-43", 1732752060000L, true);   // {"id":"e-43","label":true}
 * }</pre>
 *
 * Exactly one of {@link #label} and {@link #positive} is non-null. A Flink POJO (public
 * no-argument constructor, public fields), so Flink serializes it without Kryo; {@code topic},
 * {@code partition} and {@code offset} are the Kafka origin, null when it did not come from
 * Kafka. {@code ts} (epoch milliseconds) is the label's own event time: the join's timeout is
 * counted from it when the label comes first.
 */
@PublicEvolving
public class LabelEvent {

    /** The id of the scored event this label belongs to; never null in a decoded label. */
    public String id;
    /** Event time in epoch milliseconds. */
    public long ts;
    /** The true class name, or null for a binary label. */
    public String label;
    /** The binary answer, or null for a class label. */
    public Boolean positive;
    /** Kafka topic the record was read from, or null. */
    public String topic;
    /** Kafka partition the record was read from, or null. */
    public Integer partition;
    /** Kafka offset of the record, or null. */
    public Long offset;

    public LabelEvent() {}

    /** A class label that did not come from Kafka. */
    public static LabelEvent ofClass(String id, long ts, String label) {
        LabelEvent e = new LabelEvent();
        e.id = id;
        e.ts = ts;
        e.label = label;
        return e;
    }

    /** A binary label that did not come from Kafka. */
    public static LabelEvent ofBinary(String id, long ts, boolean positive) {
        LabelEvent e = new LabelEvent();
        e.id = id;
        e.ts = ts;
        e.positive = positive;
        return e;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LabelEvent)) {
            return false;
        }
        LabelEvent that = (LabelEvent) o;
        return ts == that.ts
                && Objects.equals(id, that.id)
                && Objects.equals(label, that.label)
                && Objects.equals(positive, that.positive)
                && Objects.equals(topic, that.topic)
                && Objects.equals(partition, that.partition)
                && Objects.equals(offset, that.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, ts, label, positive, topic, partition, offset);
    }

    @Override
    public String toString() {
        return "LabelEvent{id=" + id + ", ts=" + ts + ", " + (label != null ? "label=" + label : "positive=" + positive) + "}";
    }
}
