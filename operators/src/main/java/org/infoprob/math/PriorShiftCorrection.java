package org.infoprob.math;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Prior-shift (label-shift) correction without labels (Saerens, Latinne, Decaestecker 2002,
 * "Adjusting the Outputs of a Classifier to New a Priori Probabilities: A Simple Procedure",
 * Neural Computation 14): when the class frequencies drift away from those the model was
 * trained on but {@code P(x | class)} stays, the current priors are estimated by EM from the
 * model's own predicted probabilities over a window, and each prediction is re-weighted.
 *
 * <pre>{@code
 * PriorShiftCorrection shift = PriorShiftCorrection.builder(new double[] {0.5, 0.3, 0.2}).build();
 * shift.observe(probabilities);           // per prediction, no label needed; allocates nothing
 * PriorFit fit = shift.fit();             // now and then
 * shift.correct(probabilities, out);      // out_i proportional to p_i * pi_i / pi_train_i
 * }</pre>
 *
 * <h2>Formulas</h2>
 *
 * With {@code pi_t} the training priors, window weights {@code w_n} (half-life in examples, as
 * in {@link TemperatureScaling}) and {@code W = sum w_n}:
 *
 * <pre>
 *   E-step:  q_n[i] = p_n[i] r_i / sum_j p_n[j] r_j,     r_i = pi[i] / pi_t[i]
 *   M-step:  pi'[i] = (1/W) sum_n w_n q_n[i]
 *   correct: out[i] = p[i] r_i / sum_j p[j] r_j
 * </pre>
 *
 * Each EM step does not decrease the (weighted) likelihood of the window under the new priors
 * (Saerens et al. section 2.3; Dempster, Laird, Rubin 1977), starting from the current estimate
 * (warm start; initially {@code pi_t}). Convergence: {@code max_i |pi'[i] - pi[i]| <= 1e-6}
 * ({@link FitStatus#FITTED}); at most {@value #MAX_ITERATIONS} EM steps, then {@link
 * FitStatus#NOT_CONVERGED} with the last estimate in use. EM converges linearly, slowly when the
 * classes overlap much (the model's probabilities are close to {@code pi_t}); each step is one
 * {@code O(n K)} pass without exponentials.
 *
 * <h2>Edge cases</h2>
 *
 * <ul>
 *   <li>Fewer than {@code minExamples} predictions: {@link FitStatus#TOO_FEW_EXAMPLES}, the
 *       priors stay (initially {@code pi_t}, so {@link #correct} is then the identity).
 *   <li>A class that no prediction in the window gives any probability gets prior 0; a
 *       prediction whose whole mass lies on classes of prior 0 (so {@code sum_j p[j] r_j = 0})
 *       is skipped by EM and returned unchanged by {@link #correct}.
 *   <li>One class: the prior is 1 and nothing changes.
 *   <li>Training priors must be finite, &gt; 0 and sum to 1 within 1e-9 ({@link
 *       IllegalArgumentException}); they are renormalised to sum to 1 exactly.
 *   <li>Predictions: a NaN throws {@link InvalidScoresException}; an entry outside {@code [0,
 *       1]}, a wrong length or an all-zero vector throws {@link IllegalArgumentException}. The
 *       vector is not required to sum to 1 (the E-step normalises).
 * </ul>
 *
 * <p>State: the window's arrays, the settings and the current priors; {@link Serializable};
 * {@link #copy()} makes an independent snapshot.
 */
public final class PriorShiftCorrection implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Cap on the EM steps of one fit. */
    public static final int MAX_ITERATIONS = 1000;

    /** EM stops when no prior moves by more than this in one step. */
    public static final double TOLERANCE = 1e-6;

    private final int classes;
    private final int minExamples;
    private final double[] trainingPriors;
    private final DecayingWindow window;
    private final double[] priors;
    /** {@code pi[i] / pi_t[i]}, the factors {@link #correct} applies. */
    private final double[] ratios;
    private PriorFit lastFit;

    private PriorShiftCorrection(Builder b) {
        this.classes = b.trainingPriors.length;
        this.minExamples = b.minExamples;
        this.trainingPriors = b.trainingPriors;
        this.window = b.window(classes, false);
        this.priors = trainingPriors.clone();
        this.ratios = new double[classes];
        Arrays.fill(ratios, 1.0);
    }

    private PriorShiftCorrection(PriorShiftCorrection other) {
        this.classes = other.classes;
        this.minExamples = other.minExamples;
        this.trainingPriors = other.trainingPriors;
        this.window = other.window.copy();
        this.priors = other.priors.clone();
        this.ratios = other.ratios.clone();
        this.lastFit = other.lastFit;
    }

    /**
     * A builder for a model trained with class priors {@code trainingPriors} (one per class,
     * each &gt; 0, summing to 1).
     */
    public static Builder builder(double[] trainingPriors) {
        return new Builder(trainingPriors);
    }

    /**
     * Adds one prediction (length K) to the window; allocates nothing.
     *
     * @throws InvalidScoresException for an empty vector or a NaN
     * @throws IllegalArgumentException for a wrong length, an entry outside [0, 1] or all zeros
     */
    public void observe(double[] probabilities) {
        checkPrediction(probabilities);
        window.put(probabilities, 0);
    }

    /** Re-estimates the priors by EM, warm-started at the current ones. */
    public PriorFit fit() {
        int n = window.size();
        if (n < minExamples) {
            lastFit = new PriorFit(priors.clone(), FitStatus.TOO_FEW_EXAMPLES, 0, n,
                    window.effectiveSize(), Double.NaN);
            return lastFit;
        }
        double[] next = new double[classes];
        double[] values = window.values();
        FitStatus status = FitStatus.NOT_CONVERGED;
        double change = Double.NaN;
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            Arrays.fill(next, 0.0);
            double total = 0;
            double w = 1.0;
            for (int age = 0; age < n; age++, w *= window.ratio()) {
                int o = window.offset(age);
                double denominator = 0;
                for (int i = 0; i < classes; i++) {
                    denominator += values[o + i] * ratios[i];
                }
                if (denominator == 0) {
                    continue;
                }
                double scale = w / denominator;
                for (int i = 0; i < classes; i++) {
                    next[i] += values[o + i] * ratios[i] * scale;
                }
                total += w;
            }
            change = 0;
            for (int i = 0; i < classes; i++) {
                double pi = total > 0 ? next[i] / total : priors[i];
                change = Math.max(change, Math.abs(pi - priors[i]));
                priors[i] = pi;
                ratios[i] = pi / trainingPriors[i];
            }
            if (change <= TOLERANCE) {
                status = FitStatus.FITTED;
                break;
            }
        }
        lastFit = new PriorFit(priors.clone(), status, iteration, n, window.effectiveSize(), change);
        return lastFit;
    }

    /**
     * Writes the prediction re-weighted to the current priors into {@code out} (length &gt;=
     * K; may be {@code probabilities}): {@code out[i] = p[i] r_i / sum_j p[j] r_j}. Allocates
     * nothing.
     *
     * @throws InvalidScoresException for an empty vector or a NaN
     * @throws IllegalArgumentException for a wrong length, an entry outside [0, 1], all zeros
     *     or a short buffer
     */
    public void correct(double[] probabilities, double[] out) {
        checkPrediction(probabilities);
        Checks.buffer("out", out, classes);
        double denominator = 0;
        for (int i = 0; i < classes; i++) {
            denominator += probabilities[i] * ratios[i];
        }
        for (int i = 0; i < classes; i++) {
            out[i] = denominator == 0 ? probabilities[i] : probabilities[i] * ratios[i] / denominator;
        }
    }

    /** A copy of the current prior estimate (the training priors until a fit). */
    public double[] priors() {
        return priors.clone();
    }

    /** A copy of the training priors (renormalised to sum to 1). */
    public double[] trainingPriors() {
        return trainingPriors.clone();
    }

    /** The result of the last {@link #fit()}, or null before the first. */
    public PriorFit lastFit() {
        return lastFit;
    }

    /** Predictions in the window. */
    public int size() {
        return window.size();
    }

    /** An independent deep copy (for state snapshots). */
    public PriorShiftCorrection copy() {
        return new PriorShiftCorrection(this);
    }

    private void checkPrediction(double[] probabilities) {
        Checks.probabilities(probabilities, classes);
        for (int i = 0; i < classes; i++) {
            if (probabilities[i] > 0) {
                return;
            }
        }
        throw new IllegalArgumentException("Probabilities must not all be 0");
    }

    /**
     * Settings of a {@link PriorShiftCorrection}; {@link #build()} checks them.
     *
     * <table>
     *   <caption>Settings</caption>
     *   <tr><th>Setter</th><th>Default</th><th>Allowed</th></tr>
     *   <tr><td>{@code setCapacity}</td><td>10,000</td><td>&gt;= 1 predictions</td></tr>
     *   <tr><td>{@code setHalfLife}</td><td>2,000</td><td>&gt; 0 predictions, Infinity = no decay</td></tr>
     *   <tr><td>{@code setMinExamples}</td><td>100</td><td>&gt;= 1</td></tr>
     * </table>
     */
    public static final class Builder extends CalibrationWindowBuilder<Builder> {
        private final double[] trainingPriors;

        private Builder(double[] trainingPriors) {
            Checks.notNull("trainingPriors", trainingPriors);
            Checks.atLeast("Number of training priors", trainingPriors.length, 1);
            double sum = 0;
            for (int i = 0; i < trainingPriors.length; i++) {
                double p = trainingPriors[i];
                if (!(p > 0 && p <= 1)) {
                    throw new IllegalArgumentException(
                            "Training priors must be in (0, 1], was " + p + " at index " + i);
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-9) {
                throw new IllegalArgumentException("Training priors must sum to 1, was " + sum);
            }
            this.trainingPriors = trainingPriors.clone();
            for (int i = 0; i < trainingPriors.length; i++) {
                this.trainingPriors[i] /= sum;
            }
        }

        @Override
        Builder self() {
            return this;
        }

        /** Checks the settings and builds the (empty) corrector. */
        public PriorShiftCorrection build() {
            checkMinExamples();
            return new PriorShiftCorrection(this);
        }
    }
}
