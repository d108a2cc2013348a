package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.MetricGroup;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;

/**
 * The one way a record becomes a {@link DeadLetter}: builds it from its {@link DeadLetterCause}
 * and origin, renders the event as its payload ({@link EventJson}), and counts it ({@link
 * DeadLetterCounters}). Every operator and the decoder create one in {@code open()}.
 *
 * <pre>{@code
 * deadLetters = new DeadLetters("softmax", getRuntimeContext().getMetricGroup());
 * ctx.output(DeadLetter.TAG, deadLetters.reject(cause, scoreEvent));
 * }</pre>
 */
@Internal
public final class DeadLetters {

    private final String rejectedBy;
    private final DeadLetterCounters counters;

    public DeadLetters(String rejectedBy, MetricGroup metrics) {
        this.rejectedBy = rejectedBy;
        this.counters = new DeadLetterCounters(metrics);
    }

    /** The dead letter of a score event, counted. */
    public DeadLetter reject(DeadLetterCause cause, ScoreEvent e) {
        return reject(cause, e.key, e.ts, e.topic, e.partition, e.offset, EventJson.of(e), false);
    }

    /** The dead letter of a binary score event, counted. */
    public DeadLetter reject(DeadLetterCause cause, BinaryScoreEvent e) {
        return reject(cause, e.key, e.ts, e.topic, e.partition, e.offset, EventJson.of(e), false);
    }

    /** The dead letter of a class event whose time is {@code ts} (null when unknown), counted. */
    public DeadLetter reject(DeadLetterCause cause, ClassEvent e, Long ts) {
        return reject(cause, e.key, ts, e.topic, e.partition, e.offset, EventJson.of(e), false);
    }

    /** The dead letter of a computed result (a window without a distribution), counted. */
    public DeadLetter reject(DeadLetterCause cause, ProbabilityEvent result) {
        return reject(cause, result.key, result.ts, null, null, null, EventJson.of(result), false);
    }

    /**
     * The dead letter of a record with its origin, counted.
     *
     * @param payload the original record, or its rendering; base64 of the original bytes when
     *     {@code payloadBase64}
     */
    public DeadLetter reject(
            DeadLetterCause cause,
            String key,
            Long ts,
            String topic,
            Integer partition,
            Long offset,
            String payload,
            boolean payloadBase64) {
        counters.count(cause.reason());
        DeadLetter d =
                DeadLetter.of(
                        cause.reason(),
                        cause.message(),
                        rejectedBy,
                        key,
                        ts,
                        topic,
                        partition,
                        offset,
                        payload);
        d.payloadBase64 = payloadBase64;
        return d;
    }

    /** Dead letters counted so far by this instance. */
    public long total() {
        return counters.total();
    }
}
