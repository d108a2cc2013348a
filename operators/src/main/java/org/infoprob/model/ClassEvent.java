package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.java.functions.KeySelector;

import java.util.Objects;

/**
 * One observation of a class for a key: the input of the information operators.
 *
 * <pre>{@code
 * {"key":"user-1","ts":1732752000000,"class":"login_failed","weight":1.0}
 * }</pre>
 *
 * <p>A Flink POJO: public no-argument constructor and public fields. The JSON field {@code
 * "class"} is the Java field {@link #className} ({@code class} is a Java keyword). {@link
 * #weight} defaults to 1; a weight of 0 scores the event without counting it. The Kafka origin
 * fields are null when the event did not come from Kafka; they are copied into the {@link
 * DeadLetter} when the event is rejected.
 *
 * <pre>{@code
 * DataStream<ClassEvent> events = env.fromData(
 *         ClassEvent.of("user-1", 1000L, "login"),
 *         ClassEvent.of("user-1", 2000L, "login_failed", 2.0));
 * events.keyBy(ClassEvent.keySelector());
 * }</pre>
 */
@PublicEvolving
public class ClassEvent {

    /** The key the class frequencies are learned for (e.g. a user or a sensor). */
    public String key;
    /** Event time in epoch milliseconds; null when unknown (the record timestamp is used then). */
    public Long ts;
    /** The observed class; JSON name {@code "class"}. */
    public String className;
    /** How much this observation counts; finite and &gt;= 0, default 1. */
    public double weight = 1.0;
    /** Kafka topic the event was read from; null when not from Kafka. */
    public String topic;
    /** Kafka partition; null when not from Kafka. */
    public Integer partition;
    /** Kafka offset; null when not from Kafka. */
    public Long offset;

    public ClassEvent() {}

    /** An event of weight 1. */
    public static ClassEvent of(String key, Long ts, String className) {
        return of(key, ts, className, 1.0);
    }

    /** An event with a weight. */
    public static ClassEvent of(String key, Long ts, String className, double weight) {
        ClassEvent e = new ClassEvent();
        e.key = key;
        e.ts = ts;
        e.className = className;
        e.weight = weight;
        return e;
    }

    /**
     * Keys events by {@link #key}; a null key becomes the empty string, so that a record without
     * key reaches the operator (and its dead-letter handling) instead of failing the job.
     */
    public static KeySelector<ClassEvent, String> keySelector() {
        return e -> e.key == null ? "" : e.key;
    }


    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClassEvent)) {
            return false;
        }
        ClassEvent that = (ClassEvent) o;
        return Double.compare(weight, that.weight) == 0
                && Objects.equals(key, that.key)
                && Objects.equals(ts, that.ts)
                && Objects.equals(className, that.className)
                && Objects.equals(topic, that.topic)
                && Objects.equals(partition, that.partition)
                && Objects.equals(offset, that.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, ts, className, weight, topic, partition, offset);
    }

    @Override
    public String toString() {
        return "ClassEvent{"
                + "key=" + key
                + ", ts=" + ts
                + ", className=" + className
                + ", weight=" + weight
                + "}";
    }
}
