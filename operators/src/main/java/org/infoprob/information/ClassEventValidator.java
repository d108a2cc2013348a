package org.infoprob.information;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.infoprob.internal.InvalidCounters;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.InvalidEvent;
import org.infoprob.model.Reason;

/**
 * Passes valid {@link ClassEvent}s on and sends the others to {@link InvalidEvent#TAG}, with the
 * checks of {@link InformationFunction}: class null or empty, weight NaN, infinite, negative or
 * above 1e100, and (when required) no timestamp in the event or its record. Put it in front of
 * the window variant, whose aggregate cannot emit dead letters.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ClassEvent> valid = events.process(new ClassEventValidator(true));
 * DataStream<InvalidEvent> rejected = valid.getSideOutput(InvalidEvent.TAG);
 * }</pre>
 */
@PublicEvolving
public class ClassEventValidator extends ProcessFunction<ClassEvent, ClassEvent> {

    private static final long serialVersionUID = 1L;

    private final boolean timestampRequired;
    private transient InvalidCounters invalidCounters;

    /** @param timestampRequired reject events without a timestamp (for event-time windows) */
    public ClassEventValidator(boolean timestampRequired) {
        this.timestampRequired = timestampRequired;
    }

    @Override
    public void open(OpenContext openContext) {
        invalidCounters = new InvalidCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(ClassEvent event, Context ctx, Collector<ClassEvent> out) {
        Long ts = event.ts != null ? event.ts : ctx.timestamp();
        Reason reason = ClassEventValidation.check(event, ts, timestampRequired);
        if (reason == null) {
            out.collect(event);
            return;
        }
        invalidCounters.count(reason);
        ctx.output(
                InvalidEvent.TAG,
                ClassEventValidation.reject(event, ts, reason, "class-event-validator"));
    }
}
