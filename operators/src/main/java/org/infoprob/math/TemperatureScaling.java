package org.infoprob.math;

import java.io.Serializable;

/**
 * Temperature scaling (Guo, Pleiss, Sun, Weinberger, "On Calibration of Modern Neural
 * Networks", ICML 2017): one temperature {@code T} for all classes, fitted to recent labelled
 * examples, so that {@code softmax(s / T)} is calibrated. The arg-max never changes.
 *
 * <pre>{@code
 * TemperatureScaling scaling = TemperatureScaling.builder(5).setHalfLife(2_000).build();
 * scaling.observe(scores, label);          // per labelled event; copies, allocates nothing
 * TemperatureFit fit = scaling.fit();      // now and then, e.g. every 500 labels
 * scaling.probabilities(scores, out);      // Softmax at T = fit.temperature()
 * }</pre>
 *
 * <h2>The window</h2>
 *
 * The last {@code capacity} labelled examples; the one of age {@code a} (0 = newest) weighs
 * {@code w = 2^(-a / h)} for a half-life of {@code h} examples ({@code h = Infinity}: all weigh
 * 1). The half-life is counted in <em>examples</em>, not event time: the weights depend only on
 * the order of arrival, so a replay refits to the same numbers, and bursts or gaps in event time
 * neither flood nor empty the fit. A capacity of 4 to 8 half-lives drops little weight ({@code
 * 2^(-capacity / h)} of the total). {@link PlattScaling} and {@link PriorShiftCorrection} use the
 * same window.
 *
 * <h2>What is fitted</h2>
 *
 * With {@code beta = 1/T}, the weights {@code w_n} and {@code y_n} the label of example {@code
 * n}:
 *
 * <pre>
 *   NLL(beta)   = sum_n w_n [ lse(beta s_n) - beta s_{n,y_n} ]           (convex in beta)
 *   NLL'(beta)  = sum_n w_n [ E_p[s_n] - s_{n,y_n} ]                       p = softmax(beta s_n)
 *   NLL''(beta) = sum_n w_n Var_p[s_n]  &gt;= 0                             (Fisher information)
 * </pre>
 *
 * The probabilities come from {@link Softmax#probabilitiesAndLogs}, so the NLL that is
 * minimised is exactly that of the probabilities {@link #probabilities} later returns.
 *
 * <h2>Algorithm: safeguarded Newton in beta</h2>
 *
 * Start at the previous fit's {@code beta} (warm start), keep a bracket {@code [lo, hi]} of the
 * minimiser from the signs of {@code NLL'} seen so far (initially the allowed range {@code
 * [1/Tmax, 1/Tmin]}), take the Newton step {@code beta - NLL'/NLL''} when it stays inside the
 * bracket, else try the range end it points past (once per end), else bisect the bracket in
 * {@code ln beta}. Convergence: a Newton step below {@code 1e-9 beta} (which is then taken:
 * Newton squares the error, so beta is found to about 1e-15 relative), a bracket narrower than
 * {@code 1e-9 lo}, or {@code NLL' = 0}; at most {@value #MAX_ITERATIONS} evaluations (bisection
 * alone needs about 35 for the default range). Each evaluation is one pass over the window:
 * {@code O(n K)} exponentials; a warm start from a converged fit on similar data needs 2 to 4.
 *
 * <h2>Edge cases</h2>
 *
 * <ul>
 *   <li>Fewer than {@code minExamples} usable examples: {@link FitStatus#TOO_FEW_EXAMPLES}, T
 *       unchanged.
 *   <li>No example with two different finite scores (every prediction uniform, or one class):
 *       {@link FitStatus#NO_INFORMATION}, T unchanged; the NLL is then flat in T.
 *   <li>The minimiser lies outside {@code [Tmin, Tmax]} (e.g. every label is the arg-max, so the
 *       NLL falls as {@code T -> 0}): T is clamped, {@link FitStatus#AT_BOUND}.
 *   <li>Infinite scores are accepted (as by {@link Softmax}) but an example with a {@code +inf}
 *       entry, or whose label has score {@code -inf}, has a likelihood that does not depend on
 *       T (constant 1/count, 0): it cannot move the minimiser and is skipped by the fit. Other
 *       {@code -inf} entries get probability 0 at every T and are ignored.
 *   <li>{@link #observe}: NaN or all {@code -inf} scores throw {@link InvalidScoresException};
 *       a wrong length or a label outside {@code [0, K)} throws {@link IllegalArgumentException}.
 * </ul>
 *
 * <p>The state (window, settings, current T, last fit) is plain arrays and numbers; the class is
 * {@link Serializable}; {@link #copy()} makes an independent snapshot.
 */
public final class TemperatureScaling implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Cap on the NLL evaluations of one fit. */
    public static final int MAX_ITERATIONS = 100;

    private static final double TOLERANCE = 1e-9;

    private final int classes;
    private final int minExamples;
    private final double minTemperature;
    private final double maxTemperature;
    private final DecayingWindow window;
    private double temperature;
    private TemperatureFit lastFit;

    private TemperatureScaling(Builder b) {
        this.classes = b.classes;
        this.minExamples = b.minExamples;
        this.minTemperature = b.minTemperature;
        this.maxTemperature = b.maxTemperature;
        this.window = b.window(b.classes, true);
        this.temperature = b.initialTemperature;
    }

    private TemperatureScaling(TemperatureScaling other) {
        this.classes = other.classes;
        this.minExamples = other.minExamples;
        this.minTemperature = other.minTemperature;
        this.maxTemperature = other.maxTemperature;
        this.window = other.window.copy();
        this.temperature = other.temperature;
        this.lastFit = other.lastFit;
    }

    /** A builder for {@code classes} classes (K &gt;= 1). */
    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    /**
     * Adds one labelled example to the window; allocates nothing.
     *
     * @param scores the model's raw scores (logits), length K
     * @param label the true class, in {@code [0, K)}
     * @throws InvalidScoresException for empty, NaN or all {@code -inf} scores
     * @throws IllegalArgumentException for a wrong length or label
     */
    public void observe(double[] scores, int label) {
        Checks.scores(scores, classes);
        Checks.label(label, classes);
        window.put(scores, label);
    }

    /**
     * Refits T to the window, warm-started at the current T; installs it when the status is
     * {@link FitStatus#updated()}, otherwise keeps the current T.
     */
    public TemperatureFit fit() {
        double betaMin = 1.0 / maxTemperature;
        double betaMax = 1.0 / minTemperature;
        double beta = Math.min(betaMax, Math.max(betaMin, 1.0 / temperature));
        TemperatureLikelihood pass = new TemperatureLikelihood(classes);
        pass.run(window, beta);
        if (pass.used < minExamples) {
            return keep(FitStatus.TOO_FEW_EXAMPLES, pass);
        }
        if (pass.informative == 0) {
            return keep(FitStatus.NO_INFORMATION, pass);
        }
        double lo = betaMin;
        double hi = betaMax;
        boolean triedMin = false;
        boolean triedMax = false;
        FitStatus status = FitStatus.NOT_CONVERGED;
        for (int iteration = 1; ; iteration++) {
            double g = pass.gradient;
            if (g > 0) {
                hi = beta;
            } else if (g < 0) {
                lo = beta;
            }
            if ((beta == betaMin && g > 0) || (beta == betaMax && g < 0)) {
                status = FitStatus.AT_BOUND;
            } else if (g == 0 || hi - lo <= TOLERANCE * lo) {
                status = FitStatus.FITTED;
            }
            double next = beta - g / pass.curvature;
            if (status == FitStatus.NOT_CONVERGED
                    && next > lo
                    && next < hi
                    && Math.abs(next - beta) <= TOLERANCE * beta) {
                // The last Newton step squares the error (~1e-18) and costs no evaluation: the
                // NLL and its curvature change by O(step) relative, far below what they report.
                status = FitStatus.FITTED;
                beta = next;
            }
            if (status != FitStatus.NOT_CONVERGED || iteration == MAX_ITERATIONS) {
                return install(status, beta, iteration, pass);
            }
            if (!(next > lo && next < hi)) {
                if (next >= hi && hi == betaMax && !triedMax) {
                    next = betaMax;
                    triedMax = true;
                } else if (next <= lo && lo == betaMin && !triedMin) {
                    next = betaMin;
                    triedMin = true;
                } else {
                    // Bisection in ln beta: the range spans three decades.
                    next = Math.sqrt(lo * hi);
                }
            }
            beta = next;
            pass.run(window, beta);
        }
    }

    /**
     * Writes {@code softmax(scores / T)} at the current T into {@code out} (length &gt;= K);
     * allocates nothing. Same edge cases as {@link Softmax#probabilities(double[], int, double,
     * double[])}.
     *
     * @throws InvalidScoresException for empty, NaN or all {@code -inf} scores
     * @throws IllegalArgumentException for a wrong length or a short buffer
     */
    public void probabilities(double[] scores, double[] out) {
        Checks.scores(scores, classes);
        Softmax.probabilities(scores, classes, temperature, out);
    }

    /** The temperature in use: the initial one until a fit installs another. */
    public double temperature() {
        return temperature;
    }

    /** The result of the last {@link #fit()}, or null before the first. */
    public TemperatureFit lastFit() {
        return lastFit;
    }

    /** Labelled examples in the window. */
    public int size() {
        return window.size();
    }

    /** {@code (sum w)^2 / sum w^2} over the window (its size without decay). */
    public double effectiveSize() {
        return window.effectiveSize();
    }

    /** An independent deep copy (for state snapshots). */
    public TemperatureScaling copy() {
        return new TemperatureScaling(this);
    }

    private TemperatureFit keep(FitStatus status, TemperatureLikelihood pass) {
        lastFit = new TemperatureFit(
                temperature, status, 0, pass.used, window.effectiveSize(), Double.NaN, Double.NaN);
        return lastFit;
    }

    private TemperatureFit install(
            FitStatus status, double beta, int iterations, TemperatureLikelihood pass) {
        // At a range end, the end itself rather than 1 / (1 / end).
        temperature = beta == 1.0 / minTemperature ? minTemperature
                : beta == 1.0 / maxTemperature ? maxTemperature : 1.0 / beta;
        // Var(beta) ~ sum w^2 I_n / (sum w I_n)^2 (weighted M-estimator); dT = dbeta / beta^2.
        double seBeta = Math.sqrt(pass.curvatureSquaredWeights) / pass.curvature;
        double nll = pass.nll / pass.weight;
        lastFit = new TemperatureFit(
                temperature, status, iterations, pass.used, window.effectiveSize(), nll,
                seBeta / (beta * beta));
        return lastFit;
    }

    /**
     * Settings of a {@link TemperatureScaling}; {@link #build()} checks them.
     *
     * <table>
     *   <caption>Settings</caption>
     *   <tr><th>Setter</th><th>Default</th><th>Allowed</th></tr>
     *   <tr><td>{@code setCapacity}</td><td>10,000</td><td>&gt;= 1 examples</td></tr>
     *   <tr><td>{@code setHalfLife}</td><td>2,000</td><td>&gt; 0 examples, Infinity = no decay</td></tr>
     *   <tr><td>{@code setMinExamples}</td><td>100</td><td>&gt;= 1</td></tr>
     *   <tr><td>{@code setTemperatureRange}</td><td>[0.05, 100]</td><td>0 &lt; min &lt; max, finite</td></tr>
     *   <tr><td>{@code setInitialTemperature}</td><td>1.0</td><td>inside the range</td></tr>
     * </table>
     */
    public static final class Builder extends CalibrationWindowBuilder<Builder> {
        private final int classes;
        private double minTemperature = 0.05;
        private double maxTemperature = 100;
        private double initialTemperature = 1.0;

        private Builder(int classes) {
            this.classes = Checks.atLeast("Classes", classes, 1);
        }

        /** The allowed temperatures {@code [min, max]}; fits are clamped to it. */
        public Builder setTemperatureRange(double min, double max) {
            this.minTemperature = min;
            this.maxTemperature = max;
            return this;
        }

        /** The temperature before the first successful fit. */
        public Builder setInitialTemperature(double temperature) {
            this.initialTemperature = temperature;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** Checks the settings and builds the (empty) calibrator. */
        public TemperatureScaling build() {
            Checks.atLeast("Capacity", capacity, 1);
            checkMinExamples();
            Checks.temperature(minTemperature);
            Checks.temperature(maxTemperature);
            if (!(minTemperature < maxTemperature)) {
                throw new IllegalArgumentException(
                        "Temperature range must have min < max, was ["
                                + minTemperature + ", " + maxTemperature + "]");
            }
            Checks.temperature(initialTemperature);
            if (initialTemperature < minTemperature || initialTemperature > maxTemperature) {
                throw new IllegalArgumentException(
                        "Initial temperature must be in [" + minTemperature + ", "
                                + maxTemperature + "], was " + initialTemperature);
            }
            return new TemperatureScaling(this);
        }
    }
}
