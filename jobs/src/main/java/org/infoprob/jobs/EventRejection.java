package org.infoprob.jobs;

import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetters;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ScoreEvent;

import java.io.Serializable;

/**
 * How a decoded event of type {@code E} becomes a dead letter through {@link DeadLetters}, for
 * the checks around the windows that work on either event type ({@link WindowTimeCheck}, {@link
 * LateEventFunction}).
 *
 * <pre>{@code
 * DeadLetter d = EventRejection.SCORE_EVENTS.reject(deadLetters, cause, event, ctx.timestamp());
 * }</pre>
 *
 * @param <E> the event type
 */
@FunctionalInterface
interface EventRejection<E> extends Serializable {

    /** Score events: their dead letter carries their own {@code ts}. */
    EventRejection<ScoreEvent> SCORE_EVENTS = (deadLetters, cause, e, ts) -> deadLetters.reject(cause, e);

    /** Class events: their dead letter carries the time the window saw (their {@code ts} may be absent). */
    EventRejection<ClassEvent> CLASS_EVENTS = (deadLetters, cause, e, ts) -> deadLetters.reject(cause, e, ts);

    /**
     * The dead letter of {@code event}, counted.
     *
     * @param ts the event's timestamp in the stream, null when it has none
     */
    DeadLetter reject(DeadLetters deadLetters, DeadLetterCause cause, E event, Long ts);
}
