package org.infoprob.jobs;

import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetterProcessFunction;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns the late events of a window operator (its {@code sideOutputLateData}) into dead letters
 * {@code LATE_EVENT}, where Flink would drop them and only count them in {@code
 * numLateRecordsDropped}. An event is late when the watermark has passed the end of every
 * window it belongs to plus the allowed lateness: those windows were emitted and their state
 * is gone. The dead letter names the window operator ({@code rejectedBy}), the event's time and
 * the watermark it missed (in its error); this function runs chained to the window operator, so
 * the watermark it reads is the one the window judged by.
 *
 * <pre>{@code
 * windows.getSideOutput(late)
 *         .process(new LateEventFunction<>("window-softmax-tumbling", lateness, EventRejection.SCORE_EVENTS, limits))
 *         .name("window-softmax-tumbling-late-events").uid("window-softmax-tumbling-late-events");
 * }</pre>
 *
 * @param <E> the event type
 */
final class LateEventFunction<E> extends DeadLetterProcessFunction<E, DeadLetter> implements ResultTypeQueryable<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final Duration allowedLateness;
    private final EventRejection<E> rejection;

    /**
     * @param window the window operator's uid, written as {@code rejectedBy}
     * @param allowedLateness the window's allowed lateness, for the message
     */
    LateEventFunction(String window, Duration allowedLateness, EventRejection<E> rejection, DeadLetterLimits limits) {
        super(new DeadLetterSettings(window, limits));
        this.allowedLateness = allowedLateness;
        this.rejection = rejection;
    }

    @Override
    public void processElement(E event, Context ctx, Collector<DeadLetter> out) {
        long watermark = ctx.timerService().currentWatermark();
        Long ts = ctx.timestamp();
        String error = "Event time " + ts + " (" + instant(ts) + ") arrived after the watermark " + watermark + " ("
                + instant(watermark) + ") had passed the end of every window it belongs to plus the allowed lateness of "
                + allowedLateness.toMillis() + " ms: those windows were already emitted";
        out.collect(rejection.reject(deadLetters(), new DeadLetterCause(Reason.LATE_EVENT, error), event, ts));
    }

    private static String instant(Long millis) {
        return millis == null ? "none" : Instant.ofEpochMilli(millis).toString();
    }

    @Override
    public TypeInformation<DeadLetter> getProducedType() {
        return TypeInformation.of(DeadLetter.class);
    }
}
