package org.infoprob.math;

import java.io.Serializable;

/**
 * The outcome of one {@link PlattScaling#fit()}: {@code p = sigmoid(a s + b)}.
 *
 * @param slope {@code a} in use after the fit (the previous one unless {@code status.updated()})
 * @param intercept {@code b} in use after the fit
 * @param status how the fit ended
 * @param iterations Newton steps taken (0 when nothing was fitted)
 * @param examples examples with a finite score in the window
 * @param effectiveExamples {@code (sum w)^2 / sum w^2} over the whole window
 * @param negativeLogLikelihood Platt's objective per unit weight at {@code (a, b)}: the
 *     cross-entropy against the smoothed targets (nats); NaN when nothing was fitted
 * @param standardErrorSlope approximate standard error of {@code a}: the square root of the
 *     diagonal of {@code H^-1 J H^-1}, {@code H = sum w p(1-p) x x^T}, {@code J = sum w^2 p(1-p)
 *     x x^T}, {@code x = (s, 1)} (the inverse Fisher information for unit weights); NaN when
 *     nothing was fitted
 * @param standardErrorIntercept the same for {@code b}
 */
public record PlattFit(
        double slope,
        double intercept,
        FitStatus status,
        int iterations,
        int examples,
        double effectiveExamples,
        double negativeLogLikelihood,
        double standardErrorSlope,
        double standardErrorIntercept)
        implements Serializable {}
