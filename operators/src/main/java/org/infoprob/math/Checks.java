package org.infoprob.math;

/** Argument checks shared by the math classes; messages say what was wrong and what is allowed. */
final class Checks {

    private Checks() {}

    /** Temperatures are finite and strictly positive. */
    static void temperature(double temperature) {
        if (!(temperature > 0) || temperature == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "Temperature must be finite and > 0, was " + temperature);
        }
    }

    /** A prefix length {@code length} of {@code array}, at least 1. */
    static void length(String name, double[] array, int length) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (length < 0 || length > array.length) {
            throw new IllegalArgumentException(
                    "Length must be in [0, "
                            + array.length
                            + "] (the length of "
                            + name
                            + "), was "
                            + length);
        }
    }

    /** An output buffer that must hold at least {@code length} entries. */
    static void buffer(String name, double[] buffer, int length) {
        if (buffer == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (buffer.length < length) {
            throw new IllegalArgumentException(
                    name
                            + " must have length >= "
                            + length
                            + " (the number of scores), was "
                            + buffer.length);
        }
    }

    /** Two arrays that must have the same length. */
    static void sameLength(String name, double[] buffer, double[] scores) {
        if (buffer == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (buffer.length != scores.length) {
            throw new IllegalArgumentException(
                    name
                            + " must have the same length as the scores ("
                            + scores.length
                            + "), was "
                            + buffer.length);
        }
    }

    static void notNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
