package org.infoprob.math;

/**
 * Argument checks shared by the math classes; messages say what was wrong and what is allowed.
 * Data that has no distribution (empty, NaN, all {@code -inf}) throws {@link
 * InvalidScoresException}; everything else out of range (null, a wrong length, a label or
 * probability outside its range, a bad setting) throws a plain {@link IllegalArgumentException},
 * which operators report as {@code OUT_OF_RANGE}.
 */
final class Checks {

    private Checks() {}

    static void notNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /** Temperatures are finite and strictly positive. */
    static void temperature(double temperature) {
        if (!(temperature > 0) || temperature == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "Temperature must be finite and > 0, was " + temperature);
        }
    }

    /** A prefix length {@code length} of {@code array}. */
    static void length(String name, double[] array, int length) {
        notNull(name, array);
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
        notNull(name, buffer);
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
        notNull(name, buffer);
        if (buffer.length != scores.length) {
            throw new IllegalArgumentException(
                    name
                            + " must have the same length as the scores ("
                            + scores.length
                            + "), was "
                            + buffer.length);
        }
    }

    /**
     * A score vector of exactly {@code classes} entries, none NaN and not all -inf (single
     * infinities are allowed, as in {@link Softmax}).
     */
    static void scores(double[] scores, int classes) {
        vector("scores", scores, classes);
        boolean finiteOrPositive = false;
        for (int i = 0; i < classes; i++) {
            double s = scores[i];
            if (s != s) {
                throw InvalidScoresException.nan(i);
            }
            finiteOrPositive |= s > Double.NEGATIVE_INFINITY;
        }
        if (!finiteOrPositive) {
            throw InvalidScoresException.allNegativeInfinity(classes);
        }
    }

    /** A probability vector of exactly {@code classes} entries, each in {@code [0, 1]}. */
    static void probabilities(double[] probabilities, int classes) {
        vector("probabilities", probabilities, classes);
        for (int i = 0; i < classes; i++) {
            probability(probabilities[i], i);
        }
    }

    /**
     * One labelled prediction of the calibration metrics: a non-null probability vector (any
     * length K &gt;= 1, each entry in {@code [0, 1]}) and a label in {@code [0, K)}.
     */
    static void labelledPrediction(double[] probabilities, int label) {
        notNull("probabilities", probabilities);
        probabilities(probabilities, probabilities.length);
        label(label, probabilities.length);
    }

    /** One probability in {@code [0, 1]}; {@code index} names it in the message. */
    static void probability(double p, int index) {
        if (p != p) {
            throw InvalidScoresException.nan(index);
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(
                    "Probability must be in [0, 1], was " + p + " at index " + index);
        }
    }

    /** A class label in {@code [0, classes)}. */
    static void label(int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(
                    "Label must be in [0, " + classes + "), was " + label);
        }
    }

    /** A setting that must be at least {@code min}. */
    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    /** A count restored from state: {@code >= 0}. */
    static long count(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("Count must be >= 0, was " + count);
        }
        return count;
    }

    /** A setting that must be finite and strictly between {@code low} and {@code high}. */
    static double openInterval(String name, double value, double low, double high) {
        if (!(value > low && value < high)) {
            throw new IllegalArgumentException(
                    name + " must be in (" + low + ", " + high + "), was " + value);
        }
        return value;
    }

    private static void vector(String name, double[] values, int classes) {
        notNull(name, values);
        if (values.length == 0) {
            throw InvalidScoresException.empty();
        }
        if (values.length != classes) {
            throw new IllegalArgumentException(
                    "The "
                            + name
                            + " must have length "
                            + classes
                            + " (the number of classes), was "
                            + values.length);
        }
    }
}
