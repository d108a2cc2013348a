package org.infoprob.math;

/**
 * The window settings the calibrators' builders share ({@link TemperatureScaling.Builder},
 * {@link PlattScaling.Builder}, {@link PriorShiftCorrection.Builder}), with their defaults in
 * one place: the {@link DecayingWindow} they learn from and how many examples a fit needs.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class CalibrationWindowBuilder<B extends CalibrationWindowBuilder<B>> {

    int capacity = 10_000;
    double halfLife = 2_000;
    int minExamples = 100;

    CalibrationWindowBuilder() {}

    abstract B self();

    /** Examples kept (labelled examples, or predictions); the oldest is dropped. */
    public B setCapacity(int capacity) {
        this.capacity = capacity;
        return self();
    }

    /** Examples after which an example's weight halves; {@code Infinity}: no decay. */
    public B setHalfLife(double halfLife) {
        this.halfLife = halfLife;
        return self();
    }

    /** Usable examples a fit needs; below it the fitted parameters stay. */
    public B setMinExamples(int minExamples) {
        this.minExamples = minExamples;
        return self();
    }

    /** Checks {@code minExamples} (the window checks its own settings when it is made). */
    final void checkMinExamples() {
        Checks.atLeast("Minimum examples", minExamples, 1);
    }

    /** A new, empty window of rows of {@code width} doubles with these settings. */
    final DecayingWindow window(int width, boolean labelled) {
        return new DecayingWindow(width, labelled, capacity, halfLife);
    }
}
