package org.infoprob.jobs;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.infoprob.internal.InvalidCounters;
import org.infoprob.model.InvalidEvent;
import org.infoprob.model.Reason;

/**
 * Counts the dead letters of a whole job, per reason, in one place just before the dead-letter
 * sink (metrics {@code invalidRecords} and {@code invalid.<REASON>} of the operator named {@code
 * dead-letters}), so a dashboard needs one query per job rather than one per operator.
 */
final class DeadLetterMetrics extends RichMapFunction<InvalidEvent, InvalidEvent> {

    private static final long serialVersionUID = 1L;

    private transient InvalidCounters counters;

    @Override
    public void open(OpenContext openContext) {
        counters = new InvalidCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public InvalidEvent map(InvalidEvent e) {
        counters.count(Reason.valueOf(e.reason));
        return e;
    }
}
