package org.infoprob.jobs;

import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetterProcessFunction;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;
import org.infoprob.serde.JsonRecordReader;

import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Passes on the events an event-time window can take, by the timestamp the window assigner will
 * read (the stream's, set by the {@code event-time} step), and sends the others to {@link
 * DeadLetter#TAG} before the window, where they would throw in the assigner and fail the job:
 *
 * <ul>
 *   <li>no timestamp, or a negative one (Flink's {@code Long.MIN_VALUE} "no timestamp" marker,
 *       Kafka's -1 for "none"): {@code MISSING_TIMESTAMP};
 *   <li>after {@link JsonRecordReader#MAX_TIMESTAMP}, or so late that a window of it would end
 *       after {@code Long.MAX_VALUE} (t + window length overflows): {@code
 *       TIMESTAMP_OUT_OF_RANGE}.
 * </ul>
 *
 * The decoders already reject event times outside [0, {@link JsonRecordReader#MAX_TIMESTAMP}];
 * this check holds whatever the decoder, and for events whose stream timestamp came from the
 * Kafka record.
 *
 * <pre>{@code
 * timed.process(new WindowTimeCheck<>(window.length(), EventRejection.SCORE_EVENTS, "window-time", limits))
 *      .name("window-time").uid("window-time");
 * }</pre>
 *
 * @param <E> the event type
 */
final class WindowTimeCheck<E> extends DeadLetterProcessFunction<E, E> {

    private static final long serialVersionUID = 1L;

    private final long latest;
    private final Duration windowLength;
    private final EventRejection<E> rejection;

    /**
     * @param windowLength the longest window of the assigner ({@code WindowOptions#length})
     * @param name written as {@code rejectedBy}: the operator's uid
     */
    WindowTimeCheck(Duration windowLength, EventRejection<E> rejection, String name, DeadLetterLimits limits) {
        super(new DeadLetterSettings(name, limits));
        this.windowLength = windowLength;
        this.latest = Math.min(JsonRecordReader.MAX_TIMESTAMP, Long.MAX_VALUE - windowLength.toMillis());
        this.rejection = rejection;
    }

    @Override
    public void processElement(E event, Context ctx, Collector<E> out) {
        Long ts = ctx.timestamp();
        if (ts != null && ts >= 0 && ts <= latest) {
            out.collect(event);
            return;
        }
        DeadLetterCause cause;
        if (ts == null || ts < 0) {
            cause = new DeadLetterCause(
                    Reason.MISSING_TIMESTAMP,
                    "An event-time window needs a timestamp, the event has " + (ts == null ? "none" : ts + " (none)"));
            ts = null;
        } else {
            cause = new DeadLetterCause(
                    Reason.TIMESTAMP_OUT_OF_RANGE,
                    "Event time must be at most " + latest + " to be put into a window of up to "
                            + windowLength.toMillis() + " ms (later is past 9999-12-31T23:59:59.999Z, or the window's"
                            + " end overflows), was " + ts);
        }
        ctx.output(DeadLetter.TAG, rejection.reject(deadLetters(), cause, event, ts));
    }
}
