package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.model.Reason;

/**
 * Why a record was rejected: a {@link Reason} code and a message for a human. Created only for
 * invalid records, so the valid path allocates none.
 *
 * <pre>{@code
 * Rejection r = Rejection.of(invalidScoresException); // NAN -> NON_FINITE_SCORE, ...
 * }</pre>
 */
@Internal
public record Rejection(Reason reason, String message) {

    /**
     * The rejection for scores the math core refused: {@code NAN -> NON_FINITE_SCORE}, {@code
     * ALL_NEGATIVE_INFINITY -> ALL_NEGATIVE_INFINITY}, {@code EMPTY -> EMPTY_SCORES}, with the
     * exception's message.
     */
    public static Rejection of(InvalidScoresException e) {
        return new Rejection(reasonOf(e.kind()), e.getMessage());
    }

    static Reason reasonOf(InvalidScoresException.Kind kind) {
        return switch (kind) {
            case NAN -> Reason.NON_FINITE_SCORE;
            case ALL_NEGATIVE_INFINITY -> Reason.ALL_NEGATIVE_INFINITY;
            case EMPTY -> Reason.EMPTY_SCORES;
        };
    }
}
