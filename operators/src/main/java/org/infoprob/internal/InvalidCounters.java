package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.infoprob.model.Reason;

import java.util.EnumMap;

/**
 * Metrics for rejected records: one counter {@code invalidRecords} for all of them, and under
 * the group {@code invalid} one counter per {@link Reason} (created on first use, so a dashboard
 * shows only the kinds that happened).
 */
@Internal
public final class InvalidCounters {

    private final MetricGroup reasons;
    private final Counter total;
    private final EnumMap<Reason, Counter> byReason = new EnumMap<>(Reason.class);

    public InvalidCounters(MetricGroup group) {
        this.total = group.counter("invalidRecords");
        this.reasons = group.addGroup("invalid");
    }

    /** Counts one rejected record. */
    public void count(Reason reason) {
        total.inc();
        byReason.computeIfAbsent(reason, r -> reasons.counter(r.name())).inc();
    }

    /** All rejected records so far. */
    public long total() {
        return total.getCount();
    }
}
