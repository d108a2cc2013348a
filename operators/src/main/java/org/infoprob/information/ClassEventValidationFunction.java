package org.infoprob.information;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Collector;
import org.infoprob.internal.ClassEventValidator;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.DeadLetterProcessFunction;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;

/**
 * Passes valid {@link ClassEvent}s on and sends the others to {@link DeadLetter#TAG}, with the
 * checks of {@link InformationFunction}: class null or empty, weight NaN, infinite, negative or
 * above 1e100, and (when required) no timestamp in the event or its record. Put it in front of
 * the window variant, whose aggregate cannot emit dead letters.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ClassEvent> valid = events.process(new ClassEventValidationFunction(true));
 * DataStream<DeadLetter> rejected = valid.getSideOutput(DeadLetter.TAG);
 * }</pre>
 */
@PublicEvolving
public class ClassEventValidationFunction extends DeadLetterProcessFunction<ClassEvent, ClassEvent> {

    private static final long serialVersionUID = 1L;

    private final boolean timestampRequired;

    /**
     * Dead letters named {@code "class-event-validation"}, with the default limits.
     *
     * @param timestampRequired reject events without a timestamp (for event-time windows)
     */
    public ClassEventValidationFunction(boolean timestampRequired) {
        this(timestampRequired, "class-event-validation", DeadLetterLimits.DEFAULT);
    }

    /**
     * @param timestampRequired reject events without a timestamp (for event-time windows)
     * @param name written as {@code rejectedBy} into dead letters (e.g. the uid)
     * @param limits how much of a rejected event a dead letter keeps
     * @throws IllegalArgumentException if the name is null or empty, or the limits null
     */
    public ClassEventValidationFunction(boolean timestampRequired, String name, DeadLetterLimits limits) {
        super(new DeadLetterSettings(name, limits));
        this.timestampRequired = timestampRequired;
    }

    @Override
    public void processElement(ClassEvent event, Context ctx, Collector<ClassEvent> out) {
        Long ts = event.ts != null ? event.ts : ctx.timestamp();
        DeadLetterCause invalid = ClassEventValidator.check(event, ts, timestampRequired);
        if (invalid == null) {
            out.collect(event);
            return;
        }
        ctx.output(DeadLetter.TAG, deadLetters().reject(invalid, event, ts));
    }
}
