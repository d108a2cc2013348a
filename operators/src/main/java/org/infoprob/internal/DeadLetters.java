package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.MetricGroup;
import org.infoprob.model.InvalidEvent;

/**
 * Turns a {@link Rejection} into the {@link InvalidEvent} an operator emits to {@link
 * InvalidEvent#TAG}, and counts it in {@link InvalidCounters}. Created in the operator's {@code
 * open()}.
 *
 * <pre>{@code
 * deadLetters = new DeadLetters("SoftmaxFunction", getRuntimeContext().getMetricGroup());
 * ctx.output(InvalidEvent.TAG, deadLetters.reject(rejection, e.key, e.ts, e.topic, e.partition, e.offset, e.toJson()));
 * }</pre>
 */
@Internal
public final class DeadLetters {

    private final String rejectedBy;
    private final InvalidCounters counters;

    public DeadLetters(String rejectedBy, MetricGroup metrics) {
        this.rejectedBy = rejectedBy;
        this.counters = new InvalidCounters(metrics);
    }

    /** Counts the rejection and returns its dead letter. */
    public InvalidEvent reject(
            Rejection rejection,
            String key,
            Long ts,
            String topic,
            Integer partition,
            Long offset,
            String payload) {
        counters.count(rejection.reason());
        return InvalidEvent.of(
                rejection.reason(),
                rejection.message(),
                rejectedBy,
                key,
                ts,
                topic,
                partition,
                offset,
                payload);
    }
}
