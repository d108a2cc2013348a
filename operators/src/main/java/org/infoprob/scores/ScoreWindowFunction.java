package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.DeadLetters;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.Reason;

/**
 * Completes the result of {@link ScoreAggregateFunction} with its window: sets {@code
 * windowStart} and {@code windowEnd} (the aggregate has already set {@code count}, the number
 * of events combined, and {@code ts}, the latest of their event times), and sends a result
 * without a distribution ({@code probabilities == null}) to {@link DeadLetter#TAG} as {@code
 * NO_DISTRIBUTION} instead of emitting it.
 *
 * <pre>
 *   windowStart = window.getStart()   (inclusive)      windowEnd = window.getEnd()   (exclusive)
 * </pre>
 *
 * Works with every {@link TimeWindow} assigner: tumbling, sliding and session windows, in event
 * or processing time.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ProbabilityEvent> sessions = valid
 *         .keyBy(e -> e.key, Types.STRING)
 *         .window(EventTimeSessionWindows.withGap(Duration.ofMinutes(5)))
 *         .aggregate(ScoreAggregateFunction.builder().build(), new ScoreWindowFunction())
 *         .name("session-probabilities").uid("session-probabilities");
 * }</pre>
 *
 * <p>Rejected windows are counted in the metric {@code deadLetters} (and under {@code
 * invalid.NO_DISTRIBUTION}).
 */
@PublicEvolving
public class ScoreWindowFunction
        extends ProcessWindowFunction<ProbabilityEvent, ProbabilityEvent, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final DeadLetterSettings deadLetterSettings;

    private transient DeadLetters deadLetters;

    /** Dead letters named {@code "ScoreWindowFunction"}, with the default limits. */
    public ScoreWindowFunction() {
        this("ScoreWindowFunction", DeadLetterLimits.DEFAULT);
    }

    /**
     * @param name written as {@code rejectedBy} into dead letters (e.g. the window's uid)
     * @param limits how much of a rejected result a dead letter keeps
     * @throws IllegalArgumentException if the name is null or empty, or the limits null
     */
    public ScoreWindowFunction(String name, DeadLetterLimits limits) {
        this.deadLetterSettings = new DeadLetterSettings(name, limits);
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = deadLetterSettings.open(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void process(
            String key,
            Context ctx,
            Iterable<ProbabilityEvent> results,
            Collector<ProbabilityEvent> out) {
        TimeWindow window = ctx.window();
        for (ProbabilityEvent result : results) {
            result.windowStart = window.getStart();
            result.windowEnd = window.getEnd();
            if (result.probabilities != null) {
                out.collect(result);
                continue;
            }
            String error =
                    "Window ["
                            + window.getStart()
                            + ", "
                            + window.getEnd()
                            + ") of key '"
                            + key
                            + "' has no distribution after combining "
                            + result.count
                            + " events: every class ended at -Infinity, +Infinity and -Infinity"
                            + " were combined in one class, or events that fail validation reached"
                            + " the aggregate (put its validationFunction() before the window)";
            ctx.output(
                    DeadLetter.TAG,
                    deadLetters.reject(new DeadLetterCause(Reason.NO_DISTRIBUTION, error), result));
        }
    }
}
