package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.model.Reason;

/**
 * Why a record becomes a dead letter: a {@link Reason} code and a message for a human. Created
 * only for bad records, so the valid path allocates none. The one mapping from the math core's
 * refusals to reason codes lives here ({@link #reasonOf}).
 *
 * <pre>{@code
 * DeadLetterCause c = DeadLetterCause.of(invalidScoresException); // NAN -> NON_FINITE_SCORE, ...
 * }</pre>
 */
@Internal
public record DeadLetterCause(Reason reason, String message) {

    /** The cause for a refusal of the math core, with its message (see {@link #reasonOf}). */
    public static DeadLetterCause of(IllegalArgumentException e) {
        return new DeadLetterCause(reasonOf(e), e.getMessage());
    }

    /**
     * The reason code for a refusal of the math core: the kind of an {@link
     * InvalidScoresException} (data without a distribution: {@code NAN -> NON_FINITE_SCORE},
     * {@code ALL_NEGATIVE_INFINITY -> ALL_NEGATIVE_INFINITY}, {@code EMPTY -> EMPTY_SCORES}),
     * otherwise {@link Reason#OUT_OF_RANGE} (a temperature, probability, count or k outside its
     * range).
     */
    public static Reason reasonOf(IllegalArgumentException e) {
        if (e instanceof InvalidScoresException invalid) {
            return switch (invalid.kind()) {
                case NAN -> Reason.NON_FINITE_SCORE;
                case ALL_NEGATIVE_INFINITY -> Reason.ALL_NEGATIVE_INFINITY;
                case EMPTY -> Reason.EMPTY_SCORES;
            };
        }
        return Reason.OUT_OF_RANGE;
    }
}
