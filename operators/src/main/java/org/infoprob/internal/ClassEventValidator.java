package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.Reason;

/**
 * The checks a {@link ClassEvent} must pass before it is counted, shared by the running and the
 * windowed information operators and the JSON decoder (so that a record rejected while decoding
 * keeps its original bytes in the dead letter).
 *
 * <ul>
 *   <li>class name null or empty: {@link Reason#EMPTY_CLASS_NAME};
 *   <li>weight NaN, infinite, negative or above {@value #MAX_WEIGHT}: {@link
 *       Reason#INVALID_WEIGHT} (the bound keeps sums of weights, scaled by up to {@code 2^256}
 *       under forward decay, far from overflow);
 *   <li>no timestamp where event time is needed: {@link Reason#MISSING_TIMESTAMP}.
 * </ul>
 */
@Internal
public final class ClassEventValidator {

    /** Largest accepted weight. */
    public static final double MAX_WEIGHT = 1e100;

    private ClassEventValidator() {}

    /** Null when {@code e} may be counted, else why not (reason and message). */
    public static DeadLetterCause check(ClassEvent e, Long ts, boolean timeRequired) {
        if (e.className == null || e.className.isEmpty()) {
            return new DeadLetterCause(
                    Reason.EMPTY_CLASS_NAME,
                    "Class name must not be null or empty, was "
                            + (e.className == null ? "null" : "\"\""));
        }
        if (!(e.weight >= 0.0 && e.weight <= MAX_WEIGHT)) {
            return new DeadLetterCause(
                    Reason.INVALID_WEIGHT,
                    "Weight must be finite and in [0, " + MAX_WEIGHT + "], was " + e.weight);
        }
        if (timeRequired && ts == null) {
            return new DeadLetterCause(
                    Reason.MISSING_TIMESTAMP,
                    "Timestamp is required (a half-life, an idle timeout or an event-time"
                            + " distribution interval is set), but the event and its record have none");
        }
        return null;
    }
}
