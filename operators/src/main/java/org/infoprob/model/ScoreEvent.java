package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * Scores (logits) of one record for a set of named classes, the input of the softmax, the
 * multi-label sigmoid and the window aggregates. {@code classes[i]} is the name of the class
 * whose score is {@code scores[i]}; the two arrays are parallel (a {@code Map} field would be
 * copied by Flink into a {@code HashMap} and lose its order).
 *
 * <p>A Flink POJO (public no-argument constructor, public fields), so Flink serializes it
 * without Kryo.
 *
 * <pre>{@code
 * ScoreEvent e = ScoreEvent.of("sensor-7", 1732752000000L,
 *         new String[] {"cat", "dog", "bird"}, new double[] {2.0, 1.0, -0.5});
 * }</pre>
 *
 * <p>{@code ts} is a primitive {@code long} (epoch milliseconds): every score event has an event
 * time (a Kafka decoder takes the record timestamp when the payload has none), and the window
 * operators need it. {@code topic}, {@code partition} and {@code offset} say where the record
 * came from; they are null when it did not come from Kafka, and are copied into the {@link
 * DeadLetter} when the record is rejected. {@code id} (optional) is what a {@link LabelEvent}
 * names; a field added in 0.2, so a state or savepoint that holds score events of 0.1 reads it
 * as null (Flink's POJO serializer adds a field on restore).
 */
@PublicEvolving
public class ScoreEvent {

    /** The record key, e.g. a sensor or user id; the window operators key by it. */
    public String key;
    /**
     * The id that a later label names (the calibration join pairs them by it), or null: an
     * event without an id is still scored and calibrated, it is just never labelled.
     */
    public String id;
    /** Event time in epoch milliseconds. */
    public long ts;
    /** Class names, parallel to {@link #scores}. */
    public String[] classes;
    /** One real score per class (a logit; any real number, +-inf allowed, NaN invalid). */
    public double[] scores;
    /** Kafka topic the record was read from, or null. */
    public String topic;
    /** Kafka partition the record was read from, or null. */
    public Integer partition;
    /** Kafka offset of the record, or null. */
    public Long offset;

    public ScoreEvent() {}

    /** An event that did not come from Kafka. The arrays are taken, not copied. */
    public static ScoreEvent of(String key, long ts, String[] classes, double[] scores) {
        ScoreEvent e = new ScoreEvent();
        e.key = key;
        e.ts = ts;
        e.classes = classes;
        e.scores = scores;
        return e;
    }


    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScoreEvent)) {
            return false;
        }
        ScoreEvent that = (ScoreEvent) o;
        return ts == that.ts
                && Objects.equals(key, that.key)
                && Objects.equals(id, that.id)
                && Arrays.equals(classes, that.classes)
                && Arrays.equals(scores, that.scores)
                && Objects.equals(topic, that.topic)
                && Objects.equals(partition, that.partition)
                && Objects.equals(offset, that.offset);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(key, id, ts, topic, partition, offset);
        h = 31 * h + Arrays.hashCode(classes);
        return 31 * h + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "ScoreEvent{"
                + "key=" + key
                + (id == null ? "" : ", id=" + id)
                + ", ts=" + ts
                + ", classes=" + Arrays.toString(classes)
                + ", scores=" + Arrays.toString(scores)
                + "}";
    }
}
