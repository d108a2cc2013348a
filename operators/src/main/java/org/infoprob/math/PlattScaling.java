package org.infoprob.math;

import java.io.Serializable;

/**
 * Platt scaling (Platt 1999, "Probabilistic Outputs for Support Vector Machines and Comparisons
 * to Regularized Likelihood Methods"): a binary score {@code s} becomes {@code p = sigmoid(a s +
 * b)}, with {@code a, b} fitted to recent labelled examples by the Newton method with
 * backtracking of Lin, Lin and Weng 2007 ("A note on Platt's probabilistic outputs for support
 * vector machines", Machine Learning 68, Algorithm 3).
 *
 * <pre>{@code
 * PlattScaling platt = PlattScaling.builder().setHalfLife(5_000).build();
 * platt.observe(score, true);        // per labelled event; allocates nothing
 * PlattFit fit = platt.fit();        // now and then
 * double p = platt.probability(score);
 * }</pre>
 *
 * Sign convention: {@code p = sigmoid(a s + b)}, so a useful score has {@code a > 0}; Platt and
 * Lin et al. write {@code 1 / (1 + exp(A s + B))}, i.e. {@code A = -a, B = -b}.
 *
 * <h2>What is fitted</h2>
 *
 * With weights {@code w_n} from the window (half-life in examples, as in {@link
 * TemperatureScaling}), {@code N+ = sum of w_n over positives}, {@code N- = sum over
 * negatives}, Platt's smoothed targets
 *
 * <pre>
 *   t_n = (N+ + 1) / (N+ + 2) for a positive,   t_n = 1 / (N- + 2) for a negative
 *   F(a, b) = sum_n w_n [ -t_n ln p_n - (1 - t_n) ln(1 - p_n) ],   p_n = sigmoid(a s_n + b)
 *   grad F  = sum_n w_n (p_n - t_n) (s_n, 1)
 *   hess F  = sum_n w_n p_n (1 - p_n) (s_n, 1)(s_n, 1)^T    (+ 1e-12 on the diagonal, as Lin et al.)
 * </pre>
 *
 * The smoothing keeps {@code a, b} finite on separable data and when one class is missing.
 * Terms are formed by {@link Sigmoid#pair}: {@code ln p} and {@code ln(1 - p)} are never taken
 * of a rounded {@code p}, and {@code p (1 - p)} is the product of two separately computed
 * factors (Lin et al.'s point about cancellation in {@code 1 - p}).
 *
 * <h2>Algorithm</h2>
 *
 * Newton direction {@code d = -hess^{-1} grad}; step {@code 1, 1/2, 1/4, ...} until the Armijo
 * condition {@code F(x + t d) < F(x) + 1e-4 t grad.d}; stop when both gradient entries are at
 * most {@code 1e-9 (sum w)} in size ({@link FitStatus#FITTED}; Lin et al. use {@code 1e-5}
 * absolute; the Newton step from there is small and is taken without a line search, which
 * brings {@code a, b} to about 1e-15 of the optimum), or when the step falls below {@code
 * 1e-10} or after {@value #MAX_ITERATIONS} Newton steps ({@link FitStatus#NOT_CONVERGED}, the last point is used). Warm start at the
 * previous fit; the first fit starts at Lin et al.'s {@code a = 0, b = ln((N+ + 1)/(N- + 1))}.
 *
 * <h2>Edge cases</h2>
 *
 * <ul>
 *   <li>Fewer than {@code minExamples} finite scores: {@link FitStatus#TOO_FEW_EXAMPLES}.
 *   <li>All finite scores equal (the slope is not identifiable): {@link
 *       FitStatus#NO_INFORMATION}. In both cases {@code a, b} stay (initially {@code 1, 0}:
 *       the plain sigmoid).
 *   <li>Every label equal, e.g. all positive: the fit is {@code a = 0, b = ln(N+ + 1)}, the
 *       logit of the target {@code (N+ + 1)/(N+ + 2)}.
 *   <li>Infinite scores are accepted; they are skipped by the fit (their loss is not a smooth
 *       function of {@code a, b}) and map to {@code sigmoid(+-inf * a + b)}: 1 or 0 for {@code
 *       a != 0}, {@code sigmoid(b)} for {@code a = 0}. NaN throws {@link InvalidScoresException}.
 * </ul>
 *
 * <p>State: the window's arrays, the settings and {@code a, b}; {@link Serializable}; {@link
 * #copy()} makes an independent snapshot.
 */
public final class PlattScaling implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Cap on the Newton steps of one fit (Lin et al.'s {@code maxiter}). */
    public static final int MAX_ITERATIONS = 100;

    private static final double MIN_STEP = 1e-10;
    private static final double RIDGE = 1e-12;
    private static final double GRADIENT_TOLERANCE = 1e-9;
    private static final double FINAL_STEP = 1e-6;

    private final int minExamples;
    private final DecayingWindow window;
    private double slope = 1.0;
    private double intercept = 0.0;
    /** Whether {@code slope, intercept} come from a fit (the warm start) rather than the defaults. */
    private boolean fitted;
    private PlattFit lastFit;

    private PlattScaling(Builder b) {
        this.minExamples = b.minExamples;
        this.window = b.window(1, true);
    }

    private PlattScaling(PlattScaling other) {
        this.minExamples = other.minExamples;
        this.window = other.window.copy();
        this.slope = other.slope;
        this.intercept = other.intercept;
        this.fitted = other.fitted;
        this.lastFit = other.lastFit;
    }

    /** A builder; see {@link Builder} for the settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds one labelled example; allocates nothing.
     *
     * @throws InvalidScoresException if {@code score} is NaN
     */
    public void observe(double score, boolean positive) {
        if (score != score) {
            throw InvalidScoresException.nan(0);
        }
        window.put(score, positive ? 1 : 0);
    }

    /** Refits {@code a, b} to the window; installs them if the status is {@link FitStatus#updated()}. */
    public PlattFit fit() {
        Pass pass = new Pass();
        pass.countTargets(window);
        if (pass.used < minExamples) {
            return keep(FitStatus.TOO_FEW_EXAMPLES, pass);
        }
        if (!pass.spread) {
            return keep(FitStatus.NO_INFORMATION, pass);
        }
        double a = fitted ? slope : 0.0;
        double b = fitted ? intercept : Math.log((pass.positives + 1) / (pass.negatives + 1));
        pass.run(window, a, b);
        double tolerance = GRADIENT_TOLERANCE * Math.max(1.0, pass.weight);
        FitStatus status = FitStatus.NOT_CONVERGED;
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            double haa = pass.haa + RIDGE;
            double hbb = pass.hbb + RIDGE;
            double det = haa * hbb - pass.hab * pass.hab;
            double da = -(hbb * pass.ga - pass.hab * pass.gb) / det;
            double db = -(-pass.hab * pass.ga + haa * pass.gb) / det;
            if (Math.abs(pass.ga) <= tolerance && Math.abs(pass.gb) <= tolerance) {
                status = FitStatus.FITTED;
                if (Math.abs(da) <= FINAL_STEP * (1 + Math.abs(a))
                        && Math.abs(db) <= FINAL_STEP * (1 + Math.abs(b))) {
                    // Converged: one more full Newton step squares the remaining error at no
                    // extra pass (the reported NLL and errors move by O(step), far below their size).
                    a += da;
                    b += db;
                }
                break;
            }
            iteration++;
            double slopeOfStep = pass.ga * da + pass.gb * db;
            double f = pass.value;
            double step = 1.0;
            while (step >= MIN_STEP) {
                pass.run(window, a + step * da, b + step * db);
                if (pass.value < f + 1e-4 * step * slopeOfStep) {
                    break;
                }
                step /= 2;
            }
            if (step < MIN_STEP) {
                // Line search failed: stay at the last accepted point (Lin et al.).
                pass.run(window, a, b);
                break;
            }
            a += step * da;
            b += step * db;
        }
        return install(status, a, b, iteration, pass);
    }

    /**
     * {@code sigmoid(a score + b)} with the current {@code a, b}; see the class comment for
     * infinite scores.
     *
     * @throws InvalidScoresException if {@code score} is NaN
     */
    public double probability(double score) {
        if (score != score) {
            throw InvalidScoresException.nan(0);
        }
        double z = Double.isInfinite(score) && slope == 0.0 ? intercept : slope * score + intercept;
        return Sigmoid.sigmoid(z);
    }

    /** The slope {@code a} in use (1 until a fit installs another). */
    public double slope() {
        return slope;
    }

    /** The intercept {@code b} in use (0 until a fit installs another). */
    public double intercept() {
        return intercept;
    }

    /** The result of the last {@link #fit()}, or null before the first. */
    public PlattFit lastFit() {
        return lastFit;
    }

    /** Labelled examples in the window. */
    public int size() {
        return window.size();
    }

    /** An independent deep copy (for state snapshots). */
    public PlattScaling copy() {
        return new PlattScaling(this);
    }

    private PlattFit keep(FitStatus status, Pass pass) {
        lastFit = new PlattFit(slope, intercept, status, 0, pass.used, window.effectiveSize(),
                Double.NaN, Double.NaN, Double.NaN);
        return lastFit;
    }

    private PlattFit install(FitStatus status, double a, double b, int iterations, Pass pass) {
        slope = a;
        intercept = b;
        fitted = true;
        // Covariance H^-1 J H^-1 with H = sum w pq xx^T, J = sum w^2 pq xx^T (J = H for unit
        // weights, giving the inverse Fisher information).
        double det = pass.haa * pass.hbb - pass.hab * pass.hab;
        double iaa = pass.hbb / det;
        double iab = -pass.hab / det;
        double ibb = pass.haa / det;
        double varA = iaa * (iaa * pass.jaa + iab * pass.jab) + iab * (iaa * pass.jab + iab * pass.jbb);
        double varB = iab * (iab * pass.jaa + ibb * pass.jab) + ibb * (iab * pass.jab + ibb * pass.jbb);
        lastFit = new PlattFit(a, b, status, iterations, pass.used, window.effectiveSize(),
                pass.value / pass.weight, Math.sqrt(varA), Math.sqrt(varB));
        return lastFit;
    }

    /** Sums over the window: targets, and F with its derivatives at one point. */
    private static final class Pass {
        private final double[] p = new double[2];
        private final double[] logp = new double[2];
        double positives;
        double negatives;
        double weight;
        int used;
        boolean spread;
        double value;
        double ga;
        double gb;
        double haa;
        double hab;
        double hbb;
        double jaa;
        double jab;
        double jbb;

        /** Weighted class counts of the finite scores; whether they differ at all. */
        void countTargets(DecayingWindow window) {
            double[] values = window.values();
            double first = Double.NaN;
            double w = 1.0;
            for (int age = 0; age < window.size(); age++, w *= window.ratio()) {
                double s = values[window.offset(age)];
                if (Double.isInfinite(s)) {
                    continue;
                }
                used++;
                if (window.label(age) == 1) {
                    positives += w;
                } else {
                    negatives += w;
                }
                if (first != first) {
                    first = s;
                } else if (s != first) {
                    spread = true;
                }
            }
            weight = positives + negatives;
        }

        void run(DecayingWindow window, double a, double b) {
            double hiTarget = (positives + 1) / (positives + 2);
            double loTarget = 1 / (negatives + 2);
            value = ga = gb = haa = hab = hbb = jaa = jab = jbb = 0;
            double[] values = window.values();
            double w = 1.0;
            for (int age = 0; age < window.size(); age++, w *= window.ratio()) {
                double s = values[window.offset(age)];
                if (Double.isInfinite(s)) {
                    continue;
                }
                double t = window.label(age) == 1 ? hiTarget : loTarget;
                Sigmoid.pair(a * s + b, 1.0, p, logp);
                value += w * (-t * logp[1] - (1 - t) * logp[0]);
                double r = w * (p[1] - t);
                ga += r * s;
                gb += r;
                double pq = p[1] * p[0];
                double h = w * pq;
                haa += h * s * s;
                hab += h * s;
                hbb += h;
                double j = w * h;
                jaa += j * s * s;
                jab += j * s;
                jbb += j;
            }
        }
    }

    /**
     * Settings of a {@link PlattScaling}; {@link #build()} checks them.
     *
     * <table>
     *   <caption>Settings</caption>
     *   <tr><th>Setter</th><th>Default</th><th>Allowed</th></tr>
     *   <tr><td>{@code setCapacity}</td><td>10,000</td><td>&gt;= 1 examples</td></tr>
     *   <tr><td>{@code setHalfLife}</td><td>2,000</td><td>&gt; 0 examples, Infinity = no decay</td></tr>
     *   <tr><td>{@code setMinExamples}</td><td>100</td><td>&gt;= 1</td></tr>
     * </table>
     */
    public static final class Builder extends CalibrationWindowBuilder<Builder> {

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Checks the settings and builds the (empty) calibrator. */
        public PlattScaling build() {
            checkMinExamples();
            return new PlattScaling(this);
        }
    }
}
