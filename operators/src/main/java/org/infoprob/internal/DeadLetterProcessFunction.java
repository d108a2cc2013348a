package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;

/**
 * The dead-letter plumbing of the record-at-a-time operators (the score functions, the
 * validation functions): keeps the {@link DeadLetterSettings} the builder made and opens them
 * into {@link DeadLetters} (with their {@code deadLetters} metrics) in {@link #open}. A
 * subclass that overrides {@code open} calls {@code super.open} first.
 *
 * <pre>{@code
 * ctx.output(DeadLetter.TAG, deadLetters().reject(cause, event));
 * }</pre>
 *
 * @param <I> the input records
 * @param <O> the output records
 */
@Internal
public abstract class DeadLetterProcessFunction<I, O> extends ProcessFunction<I, O> {

    private static final long serialVersionUID = 1L;

    private final DeadLetterSettings deadLetterSettings;

    private transient DeadLetters deadLetters;

    protected DeadLetterProcessFunction(DeadLetterSettings deadLetterSettings) {
        this.deadLetterSettings = deadLetterSettings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        deadLetters = deadLetterSettings.open(getRuntimeContext().getMetricGroup());
    }

    /** The dead-letter path of this instance; set in {@link #open}. */
    protected final DeadLetters deadLetters() {
        return deadLetters;
    }
}
