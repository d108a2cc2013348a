package org.infoprob.information;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.infoprob.internal.ClassEventValidator;
import org.infoprob.model.ClassEvent;

/**
 * Counts classes per key and window, incrementally: the first half of the window variant of
 * the information operator, paired with {@link InformationWindowFunction}.
 *
 * <pre>{@code
 * events.keyBy(ClassEvent.keySelector())
 *       .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
 *       .aggregate(new ClassCountAggregate(), InformationWindowFunction.builder().build());
 * }</pre>
 *
 * At most {@code maxClasses} classes per key and window (default {@value #DEFAULT_MAX_CLASSES}),
 * as a Space-Saving summary (see {@link ClassCounts}): beyond it every count overestimates the
 * true one by at most the window's total over {@code maxClasses}, reported in {@link
 * org.infoprob.model.ClassDistribution#countErrors}. {@code merge} combines summaries with the
 * same bound, so session windows work. An event of weight 0 changes nothing. An AggregateFunction
 * has no side output: events with a null or empty class or a bad weight are not counted but
 * tallied in {@link ClassCountAccumulator#invalid} (reported as {@code ignoredInvalid}); put a
 * {@link ClassEventValidationFunction} in front to send them to the dead-letter output.
 */
@PublicEvolving
public class ClassCountAggregate
        implements AggregateFunction<ClassEvent, ClassCountAccumulator, ClassCountAccumulator> {

    private static final long serialVersionUID = 1L;

    /** The default limit on classes per key and window. */
    public static final int DEFAULT_MAX_CLASSES = 10_000;

    private final int maxClasses;

    /** At most {@value #DEFAULT_MAX_CLASSES} classes per key and window. */
    public ClassCountAggregate() {
        this(DEFAULT_MAX_CLASSES);
    }

    /** At most {@code maxClasses} (&gt;= 1) classes per key and window. */
    public ClassCountAggregate(int maxClasses) {
        if (maxClasses < 1) {
            throw new IllegalArgumentException("Max classes must be >= 1, was " + maxClasses);
        }
        this.maxClasses = maxClasses;
    }

    @Override
    public ClassCountAccumulator createAccumulator() {
        return new ClassCountAccumulator();
    }

    @Override
    public ClassCountAccumulator add(ClassEvent event, ClassCountAccumulator acc) {
        if (ClassEventValidator.check(event, event.ts, false) != null) {
            acc.invalid++;
        } else if (event.weight > 0.0) {
            acc.add(event.className, event.weight, maxClasses);
        }
        return acc;
    }

    @Override
    public ClassCountAccumulator getResult(ClassCountAccumulator acc) {
        return acc;
    }

    @Override
    public ClassCountAccumulator merge(ClassCountAccumulator a, ClassCountAccumulator b) {
        a.merge(b, maxClasses);
        return a;
    }
}
