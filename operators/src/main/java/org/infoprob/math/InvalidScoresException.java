package org.infoprob.math;

/**
 * Thrown when a score vector cannot be turned into probabilities: it is empty, holds a NaN, or
 * every entry is negative infinity. These are properties of the <em>data</em>, not of the
 * caller's arguments, so operators catch this exception and route the record to a dead-letter
 * side output by its {@link #kind()}.
 *
 * <pre>{@code
 * try {
 *     Softmax.probabilities(scores, 1.0, out);
 * } catch (InvalidScoresException e) {
 *     sideOutput(e.kind(), e.getMessage());
 * }
 * }</pre>
 */
public final class InvalidScoresException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why the scores were rejected. */
    public enum Kind {
        /** The vector has no entries. */
        EMPTY,
        /** At least one entry is NaN; NaN has no limit to take. */
        NAN,
        /** Every entry is -inf: the normalising sum is 0, there is no distribution. */
        ALL_NEGATIVE_INFINITY
    }

    private final Kind kind;
    private final int index;

    InvalidScoresException(Kind kind, int index, String message) {
        super(message);
        this.kind = kind;
        this.index = index;
    }

    static InvalidScoresException empty() {
        return new InvalidScoresException(Kind.EMPTY, -1, "Scores must not be empty, was length 0");
    }

    static InvalidScoresException nan(int index) {
        return new InvalidScoresException(
                Kind.NAN, index, "Scores must not be NaN, was NaN at index " + index);
    }

    static InvalidScoresException allNegativeInfinity(int length) {
        return new InvalidScoresException(
                Kind.ALL_NEGATIVE_INFINITY,
                -1,
                "Scores must hold at least one entry > -Infinity, all "
                        + length
                        + " entries were -Infinity");
    }

    /** The reason for the rejection. */
    public Kind kind() {
        return kind;
    }

    /** Index of the offending entry, or -1 when the whole vector is at fault. */
    public int index() {
        return index;
    }
}
