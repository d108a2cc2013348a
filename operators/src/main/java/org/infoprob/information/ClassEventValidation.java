package org.infoprob.information;

import org.apache.flink.annotation.Internal;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.InvalidEvent;
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
public final class ClassEventValidation {

    /** Largest accepted weight. */
    public static final double MAX_WEIGHT = 1e100;

    private ClassEventValidation() {}

    /** The reason {@code e} is invalid, or null when it may be counted. */
    public static Reason check(ClassEvent e, Long ts, boolean timeRequired) {
        if (e.className == null || e.className.isEmpty()) {
            return Reason.EMPTY_CLASS_NAME;
        }
        if (!(e.weight >= 0.0 && e.weight <= MAX_WEIGHT)) {
            return Reason.INVALID_WEIGHT;
        }
        if (timeRequired && ts == null) {
            return Reason.MISSING_TIMESTAMP;
        }
        return null;
    }

    /** The dead-letter record for an event that failed {@link #check}. */
    static InvalidEvent reject(ClassEvent e, Long ts, Reason reason, String rejectedBy) {
        return InvalidEvent.of(
                reason,
                message(e, reason),
                rejectedBy,
                e.key,
                ts,
                e.topic,
                e.partition,
                e.offset,
                e.toJson());
    }

    public static String message(ClassEvent e, Reason reason) {
        switch (reason) {
            case EMPTY_CLASS_NAME:
                return "Class name must not be null or empty, was "
                        + (e.className == null ? "null" : "\"\"");
            case INVALID_WEIGHT:
                return "Weight must be finite and in [0, " + MAX_WEIGHT + "], was " + e.weight;
            case MISSING_TIMESTAMP:
                return "Timestamp is required (a half-life, an idle timeout or an event-time"
                        + " distribution interval is set), but the event and its record have none";
            default:
                return reason.name();
        }
    }
}
