package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Why a record was rejected. One code per kind of bad input, shared by the JSON decoders and
 * the operators, and written as {@code "reason"} into dead-letter records so that a dashboard
 * can count them per kind.
 */
@PublicEvolving
public enum Reason {
    /** The payload is not well-formed JSON. */
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
    /** The payload is not valid UTF-8. */
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
    NO_DISTRIBUTION
}
