package org.infoprob.math;

import java.io.Serializable;

/**
 * The outcome of one {@link PriorShiftCorrection#fit()}.
 *
 * @param priors the class priors in use after the fit (a copy; the previous ones unless {@code
 *     status.updated()})
 * @param status how the fit ended
 * @param iterations EM steps taken (0 when nothing was fitted)
 * @param examples predictions in the window
 * @param effectiveExamples {@code (sum w)^2 / sum w^2} over the window
 * @param change {@code max_i |pi'[i] - pi[i]|} of the last EM step; NaN when nothing was fitted
 */
public record PriorFit(
        double[] priors,
        FitStatus status,
        int iterations,
        int examples,
        double effectiveExamples,
        double change)
        implements Serializable {}
