package org.infoprob.jobs;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.infoprob.internal.DeadLetterCounters;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.Reason;

/**
 * Counts the dead letters of a whole job, per reason, in one place just before the dead-letter
 * sink (metrics {@code deadLetters} and {@code reason.<REASON>.deadLetters} of the operator named {@code
 * dead-letters}), so a dashboard needs one query per job rather than one per operator.
 */
final class DeadLetterMetrics extends RichMapFunction<DeadLetter, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private transient DeadLetterCounters counters;

    @Override
    public void open(OpenContext openContext) {
        counters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public DeadLetter map(DeadLetter e) {
        counters.count(Reason.valueOf(e.reason));
        return e;
    }
}
