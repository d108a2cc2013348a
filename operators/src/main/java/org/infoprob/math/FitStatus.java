package org.infoprob.math;

/**
 * How a calibration fit ended ({@link TemperatureScaling}, {@link PlattScaling}, {@link
 * PriorShiftCorrection}). {@link #FITTED}, {@link #AT_BOUND} and {@link #NOT_CONVERGED} install
 * new parameters ({@link #updated()}); the other two keep the previous ones, so a thin or
 * degenerate window never replaces a good fit.
 */
public enum FitStatus {
    /** Converged inside the allowed range; the new parameters are in use. */
    FITTED,
    /**
     * The likelihood keeps improving towards an end of the allowed range (e.g. every label is
     * the arg-max, so the best temperature is as low as allowed); the parameters are clamped to
     * that end and in use.
     */
    AT_BOUND,
    /** The iteration cap was reached first; the best parameters found so far are in use. */
    NOT_CONVERGED,
    /** Fewer examples in the window than the configured minimum; the previous parameters stay. */
    TOO_FEW_EXAMPLES,
    /**
     * The window carries no information about the parameters (e.g. every prediction is uniform,
     * every score identical, or a single class); the previous parameters stay.
     */
    NO_INFORMATION;

    /** Whether the fit installed new parameters. */
    public boolean updated() {
        return this == FITTED || this == AT_BOUND || this == NOT_CONVERGED;
    }
}
