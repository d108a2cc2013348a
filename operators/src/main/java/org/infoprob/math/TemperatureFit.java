package org.infoprob.math;

import java.io.Serializable;

/**
 * The outcome of one {@link TemperatureScaling#fit()}.
 *
 * @param temperature the temperature in use after the fit (the previous one unless {@code
 *     status.updated()})
 * @param status how the fit ended
 * @param iterations NLL evaluations of the Newton iteration (0 when nothing was fitted)
 * @param examples usable examples in the window (those whose likelihood depends on T)
 * @param effectiveExamples {@code (sum w)^2 / sum w^2} over the whole window
 * @param negativeLogLikelihood weighted mean NLL per example at {@code temperature} (nats); NaN
 *     when nothing was fitted
 * @param standardError approximate standard error of {@code temperature}: {@code sqrt(sum w^2
 *     I_n) / (sum w I_n) / beta^2} with {@code I_n = Var_p[s_n]} the Fisher information of
 *     example {@code n} in {@code beta = 1/T} (the inverse Fisher information, mapped to T by
 *     the delta method; with unit weights {@code 1 / (beta^2 sqrt(sum I_n))}); NaN when
 *     nothing was fitted
 */
public record TemperatureFit(
        double temperature,
        FitStatus status,
        int iterations,
        int examples,
        double effectiveExamples,
        double negativeLogLikelihood,
        double standardError)
        implements Serializable {}
