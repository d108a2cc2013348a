package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.infoprob.model.Reason;

import java.util.EnumMap;

/**
 * Metrics for dead letters: one counter {@code deadLetters} for all of them, and one counter
 * {@code deadLetters} per {@link Reason} under the key-value group {@code reason} (created on
 * first use, so a dashboard shows only the kinds that happened). Reporters that know variables
 * turn the group into a label: Prometheus shows {@code ..._operator_deadLetters} and {@code
 * ..._operator_reason_deadLetters{reason="NON_FINITE_SCORE"}}.
 */
@Internal
public final class DeadLetterCounters {

    private final MetricGroup group;
    private final Counter total;
    private final EnumMap<Reason, Counter> byReason = new EnumMap<>(Reason.class);

    public DeadLetterCounters(MetricGroup group) {
        this.group = group;
        this.total = group.counter("deadLetters");
    }

    /** Counts one dead letter. */
    public void count(Reason reason) {
        total.inc();
        byReason.computeIfAbsent(reason, r -> group.addGroup("reason", r.name()).counter("deadLetters"))
                .inc();
    }

    /** All dead letters so far. */
    public long total() {
        return total.getCount();
    }
}
