package org.infoprob.math;

/**
 * Checks shared by the calibration classes ({@link TemperatureScaling}, {@link PlattScaling},
 * {@link PriorShiftCorrection}, {@link AdaptiveConformal} and the metrics). Data that has no
 * distribution (empty, NaN) throws {@link InvalidScoresException}; everything else out of range
 * (a wrong length, a label or probability outside its range, a bad setting) throws a plain
 * {@link IllegalArgumentException}, which operators report as {@code OUT_OF_RANGE}.
 */
final class CalibrationChecks {

    private CalibrationChecks() {}

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

    /** A setting that must be finite and strictly between {@code low} and {@code high}. */
    static double openInterval(String name, double value, double low, double high) {
        if (!(value > low && value < high)) {
            throw new IllegalArgumentException(
                    name + " must be in (" + low + ", " + high + "), was " + value);
        }
        return value;
    }

    private static void vector(String name, double[] values, int classes) {
        Checks.notNull(name, values);
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
