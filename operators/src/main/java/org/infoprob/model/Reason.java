package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Why a record was rejected. One code per kind of bad input, shared by the JSON decoders and
 * the operators, and written as {@code "reason"} into dead-letter records so that a dashboard
 * can count them per kind. New codes are added at the end; a code's name never changes.
 *
 * <p>One code per meaning: a class name twice in a record is {@link #DUPLICATE_CLASS} whether
 * it came as a repeated key of the JSON {@code scores} object or as a repeated entry of an
 * event's class array; any other repeated JSON field is {@link #DUPLICATE_FIELD}. A number too
 * large for a double ({@code 1e999}) is {@link #OUT_OF_RANGE} wherever it stands; a value that
 * a double holds but a field does not allow keeps the field's code ({@code "weight":1e200} is
 * {@link #INVALID_WEIGHT}).
 */
@PublicEvolving
public enum Reason {
    /**
     * The payload is not well-formed JSON: cut short, an empty value (0 bytes or only
     * whitespace), comments, single quotes, a raw control character such as a NUL byte, or
     * anything after the one top-level value.
     */
    INVALID_JSON,
    /** The payload is JSON, but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (e.g. a string where a number belongs). */
    WRONG_TYPE,
    /** A score is NaN (JSON has no NaN, but some producers write it anyway). */
    NON_FINITE_SCORE,
    /** Every score is -Infinity: there is no distribution. */
    ALL_NEGATIVE_INFINITY,
    /** The record holds no scores. */
    EMPTY_SCORES,
    /** Class names and scores differ in length. */
    LENGTH_MISMATCH,
    /** A class name occurs twice in one record. */
    DUPLICATE_CLASS,
    /** A class outside the operator's fixed class list. */
    UNKNOWN_CLASS,
    /** More classes in one record than the configured limit. */
    TOO_MANY_CLASSES,
    /** The payload is larger than the configured limit. */
    RECORD_TOO_LARGE,
    /**
     * The payload is not valid UTF-8 (RFC 3629: no overlong forms, no encoded surrogates), or is
     * UTF-16 or UTF-32 encoded JSON: JSON on Kafka must be UTF-8 (RFC 8259, section 8.1).
     */
    INVALID_UTF8,
    /** A class name is null or empty. */
    EMPTY_CLASS_NAME,
    /** A weight that is negative, NaN or infinite. */
    INVALID_WEIGHT,
    /** No timestamp where the operator needs event time. */
    MISSING_TIMESTAMP,
    /**
     * The scores combined in a window leave no distribution: every class ends at -Infinity, or
     * +Infinity and -Infinity were combined for one class, or an event that fails validation
     * reached the window aggregate.
     */
    NO_DISTRIBUTION,
    /**
     * A per-record argument outside its allowed range: a probability outside [0, 1], a
     * temperature that is not finite and &gt; 0, a count above its total, a top-k {@code k < 1};
     * or a JSON number that a double cannot hold ({@code 1e999}, which would otherwise become
     * infinite).
     */
    OUT_OF_RANGE,
    /**
     * The Kafka record has a null value (a tombstone, Kafka's delete marker for compacted
     * topics). Counted apart from {@link #INVALID_JSON}; a tombstone does not delete any state
     * of its key.
     */
    TOMBSTONE,
    /**
     * An event time ({@code ts}, or the Kafka timestamp used in its place) outside
     * [0, 9999-12-31T23:59:59.999Z], or further ahead of the wall clock than the allowed skew.
     */
    TIMESTAMP_OUT_OF_RANGE,
    /** A JSON field occurs twice in one object (outside {@code scores}: see {@link #DUPLICATE_CLASS}). */
    DUPLICATE_FIELD,
    /**
     * A string or field name that is not valid Unicode: an unpaired surrogate, written as a
     * JSON escape such as <code>"&#92;ud83e"</code> (raw bytes of one are {@link #INVALID_UTF8}).
     */
    INVALID_UNICODE,
    /**
     * The Kafka key is not valid UTF-8 and the payload has no {@code key} field to use instead:
     * keys are never decoded into replacement characters, where different keys would merge.
     */
    INVALID_KEY,
    /**
     * Well-formed JSON beyond the decoder's limits on its shape: nesting deeper than 64, a
     * number of more than 400 characters, a field name or string beyond Jackson's limits.
     */
    JSON_LIMIT_EXCEEDED,
    /**
     * A decoder failed with an unexpected exception (a bug in it, or in a user's decoder);
     * the error names the exception. The record is kept like every other rejection.
     */
    DECODER_ERROR,
    /**
     * An event that arrived after the watermark had passed the end of every window it belongs
     * to, plus the allowed lateness: those windows were already emitted. The error names the
     * watermark it missed. Flink would drop it silently; the window jobs send it here instead.
     */
    LATE_EVENT,
    /**
     * Writing a result failed unexpectedly (a bug in a serializer); the error names the
     * exception. The result's key and event time are kept, and the job goes on.
     */
    ENCODER_ERROR,
    /**
     * A label whose event never came: no score event with its {@code id} reached the
     * calibration join before the watermark passed the label's time plus the label timeout (or
     * the event came and went earlier, its own wait over). The label is kept here; nothing of
     * it stays in state.
     */
    LABEL_WITHOUT_EVENT,
    /**
     * A second label for an {@code id} that already has one (waiting, or matched within the
     * label timeout). The first label counts; this one is kept here.
     */
    DUPLICATE_LABEL,
    /**
     * A label its event cannot have: a class name that is not among the event's classes, a
     * yes/no answer for an event of named classes, or a class name for a binary score.
     */
    UNKNOWN_LABEL,
    /**
     * A second score event with an {@code id} that is already waiting for (or has matched) its
     * label within the label timeout. It is still calibrated; it just cannot be labelled, since a
     * label could not say which of the two it means.
     */
    DUPLICATE_ID
}
