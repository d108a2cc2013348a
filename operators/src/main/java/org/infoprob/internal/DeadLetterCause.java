package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.model.Reason;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.CharConversionException;
import java.io.IOException;

/**
 * Why a record becomes a dead letter: a {@link Reason} code and a message for a human. Created
 * only for bad records, so the valid path allocates none. The one mapping from exceptions to
 * reason codes lives here: the math core's refusals ({@link #reasonOf}), the JSON parser's
 * errors ({@link #ofJson}) and a decoder's unexpected failure ({@link #unexpected}).
 *
 * <pre>{@code
 * DeadLetterCause c = DeadLetterCause.of(invalidScoresException); // NAN -> NON_FINITE_SCORE, ...
 * DeadLetterCause j = DeadLetterCause.ofJson(jsonParseException); // INVALID_JSON, JSON_LIMIT_EXCEEDED, ...
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

    /**
     * The cause for an error of the JSON parser: a broken limit ({@link
     * StreamConstraintsException}: nesting, number or name length) is {@link
     * Reason#JSON_LIMIT_EXCEEDED}; an unpaired surrogate
     * escape in a field name (reported by newer Jacksons than Flink's relocated 2.20; the decoders check every name
     * themselves too) is {@link Reason#INVALID_UNICODE};
     * bytes that are not text are {@link Reason#INVALID_UTF8}; every other error is {@link
     * Reason#INVALID_JSON}.
     */
    public static DeadLetterCause ofJson(IOException e) {
        String detail =
                e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        if (e instanceof StreamConstraintsException) {
            return new DeadLetterCause(Reason.JSON_LIMIT_EXCEEDED, "Record exceeds a JSON limit: " + detail);
        }
        if (detail != null && detail.startsWith(SURROGATE_PREFIX)) {
            return new DeadLetterCause(Reason.INVALID_UNICODE, "Record must be valid Unicode: " + detail);
        }
        if (e instanceof CharConversionException) {
            return new DeadLetterCause(Reason.INVALID_UTF8, "Record must be UTF-8: " + detail);
        }
        return new DeadLetterCause(Reason.INVALID_JSON, "Record is not valid JSON: " + detail);
    }

    /** The message of Jacksons that check field names for unpaired surrogate escapes (newer than 2.20). */
    private static final String SURROGATE_PREFIX = "Broken surrogate pair";

    /**
     * The cause for an exception a decoder should never throw (a bug): {@link
     * Reason#DECODER_ERROR}, naming the exception, so that the record still becomes a dead letter
     * instead of failing the job.
     */
    public static DeadLetterCause unexpected(RuntimeException e) {
        return new DeadLetterCause(
                Reason.DECODER_ERROR, "Decoder failed unexpectedly: " + e.getClass().getName() + ": " + e.getMessage());
    }
}
