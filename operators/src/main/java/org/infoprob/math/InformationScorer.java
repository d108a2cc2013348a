package org.infoprob.math;

/**
 * Turns the class counts of one key into information scores: the one implementation behind the
 * running information operator, its window variant and the SQL functions.
 *
 * <p>With {@code V} classes held, counts {@code c_j}, total {@code C}, additive smoothing {@code
 * a} and temperature {@code T}, the probabilities come from {@link Smoothing}: {@code p_j} for a
 * class held and {@code p_u} for the <em>unseen slot</em> (a class not held). An event of class
 * {@code x} (the unseen slot when {@code x} is not held) gets
 *
 * <pre>
 *   surprisal   I_x = -ln p_x (nats),   I_x / ln 2 (bits),   oneIn = 1 / p_x
 *   score       z_x = ln(p_ref / p_x) &gt;= 0,   ref = the most probable class held, or x itself
 *               when x is new and more probable than all of them (Good-Turing only)
 *   rarity      r_x = p_x^(-1/T) / (sum_j p_j^(-1/T) + p_u^(-1/T))     over the V classes and the unseen slot
 *   entropy     H = -sum_j p_j ln p_j - p_u ln p_u
 * </pre>
 *
 * The rarity is {@code softmax(I / T)} over the {@code V + 1} slots, which sum to 1: a class
 * never gets a higher rarity than a rarer class of the same key, and a key that only ever saw
 * one class gives it a low rarity ({@code login} x 9, then {@code login}, a = 1, T = 1: {@code
 * p_login = 10/11}, {@code p_u = 1/11}, rarity {@code (11/10) / (11/10 + 11) = 1/11}).
 *
 * <p><b>A key with no history</b> ({@code V = 0}) has nothing to be rare against: its event
 * gets rarity 0, score 0, and the probability and surprisal of the unseen slot ({@code p = 1},
 * {@code I = 0} when {@code C = 0}). A consumer that must tell a new key from an unremarkable
 * event of a known key gates on {@code distinct} (or {@code total}).
 *
 * <h2>Inputs</h2>
 *
 * Counts come as weights {@code g_j} and a factor {@code s} with {@code c_j = s g_j}, so that
 * forward-decayed counts (Cormode, Shkapenyuk, Srivastava, Xu, ICDE 2009) are scored without
 * rescaling them first ({@code s = 1} for plain counts). {@code events[j]} counts the events of
 * class j (for the singletons of {@link Smoothing#GOOD_TURING}); {@code errors[j]} (in the same
 * units as the weights) is how much {@code g_j} may overestimate the true weight, as in a
 * Space-Saving summary, and only the guaranteed part {@code g_j - errors[j]} of a singleton
 * counts as singleton mass. {@code events} or {@code errors} may be null: then every class with
 * weight exactly 1 is a singleton (plain event counts), and the counts are exact.
 *
 * <h2>Numerics</h2>
 *
 * Every output is finite for every accepted setting: {@code a} in [{@value #MIN_ALPHA}, {@value
 * #MAX_ALPHA}], any finite {@code T > 0}, totals up to 1e120 (1e20 events of the largest weight
 * an event may have, 1e100). At {@code T = 1} the rarity is {@code (q_min / q_x) / sum_j (q_min
 * / q_j)} with {@code q_j = c_j + a} and {@code q_min} the rarest slot's: a division per class,
 * no overflow (every ratio is at most 1), exactly monotone in the count. At any other
 * temperature it is {@code softmax(z / T)} over {@code z = ln(p_max / p)} through {@link
 * Softmax}, which takes any finite {@code T > 0} ({@code T = 1e-310}, where {@code 1 / T}
 * overflows, puts all the rarity on the rarest slot); monotone up to its rounding (a few ulp).
 * {@code z_j = ln(q_max / q_j)} is taken as {@code log1p} below 2; the unseen slot's {@code z}
 * as a difference of surprisals, so that no ratio that could overflow is formed. The entropy is
 * a compensated (Neumaier) sum of the non-negative terms {@code -p_j ln p_j} at every
 * temperature (a private two-line helper, as {@link Entropy} and {@link Softmax} keep theirs),
 * so it, like the surprisal and the score, does not depend on T to the bit: SQL's {@code
 * CLASS_ENTROPY}, which has no temperature, equals the operator's entropy at any T. Pass 1, what the counts
 * say before any class is scored (reference class, singletons, unseen slot), is {@link
 * CountSummary}; pass 2, the entropy and the rarity weights, is here.
 *
 * <pre>{@code
 * InformationScorer scorer = InformationScorer.of(Smoothing.ADDITIVE, 1.0, 1.0);
 * EventScores out = new EventScores();
 * // login 5 times, logout 4 times; now login_failed, not held (x = -1)
 * scorer.scoreEvent(new double[] {5, 4}, 2, 9, -1, out);
 * out.rarity();     // (1/1) / (1/6 + 1/5 + 1/1) = 30/41 = 0.7317 (q = c + a: 6, 5, and 1 unseen)
 * out.surprisal();  // ln 12 = 2.4849
 * out.score();      // ln 6 = 1.7918
 * }</pre>
 *
 * <p>Not thread-safe (a scratch buffer is reused); one instance per operator instance.
 */
public final class InformationScorer {

    /**
     * Smallest accepted additive smoothing: keeps every {@code 1 / p} finite, also under
     * Good-Turing, where a rare class of a key whose mass is all singletons has {@code p ~ (a /
     * C)^2}.
     */
    public static final double MIN_ALPHA = 1e-10;

    /** Largest accepted additive smoothing: keeps {@code a (V + 1)} finite. */
    public static final double MAX_ALPHA = 1e100;

    private final Smoothing smoothing;
    private final double alpha;
    private final double temperature;
    /** Pass 1: the counts being scored. */
    private final CountSummary summary;

    /** Softmax scores and results at {@code T != 1}: {@code w_j}, then the unseen slot's. */
    private double[] buffer = new double[16];
    /** Pass 2 at T = 1: the rarity weights are {@code qMin / q_j} and {@link #unseenWeight}, over {@link #norm}. */
    private double qMin;
    private double unseenWeight;
    private double norm;

    private InformationScorer(Smoothing smoothing, double alpha, double temperature) {
        this.smoothing = smoothing;
        this.alpha = alpha;
        this.temperature = temperature;
        this.summary = new CountSummary(smoothing, alpha);
    }

    /**
     * A scorer with the given smoothing, {@code a} and {@code T}.
     *
     * @throws IllegalArgumentException if smoothing is null, {@code a} is not in [{@value
     *     #MIN_ALPHA}, {@value #MAX_ALPHA}], or {@code T} is not finite and &gt; 0
     */
    public static InformationScorer of(Smoothing smoothing, double alpha, double temperature) {
        if (smoothing == null) {
            throw new IllegalArgumentException("Smoothing must be ADDITIVE or GOOD_TURING, was null");
        }
        if (!(alpha >= MIN_ALPHA && alpha <= MAX_ALPHA)) {
            throw new IllegalArgumentException(
                    "Alpha (additive smoothing) must be in [" + MIN_ALPHA + ", " + MAX_ALPHA + "], was " + alpha);
        }
        if (!(temperature > 0.0) || temperature == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("Temperature must be finite and > 0, was " + temperature);
        }
        return new InformationScorer(smoothing, alpha, temperature);
    }

    /**
     * Scores an event of class {@code x} against plain counts (no decay, exact): see {@link
     * #scoreEvent(double[], int[], double[], int, double, double, int, EventScores)} with {@code
     * events} and {@code errors} null and {@code s = 1}.
     */
    public void scoreEvent(double[] counts, int n, double total, int x, EventScores out) {
        scoreEvent(counts, null, null, n, total, 1.0, x, out);
    }

    /**
     * Scores an event of class {@code x} (an index below {@code n}, or -1 for a class not held)
     * against the counts {@code c_j = s g_j} of the first {@code n} classes, into {@code out}.
     * Allocates nothing once the scratch buffer has grown to {@code n + 1}. Cost: two passes
     * over the {@code n} classes, one logarithm per class.
     *
     * @param weights {@code g_j}, finite and &gt;= 0
     * @param events events per class, or null (then a weight of exactly 1 is a singleton)
     * @param errors overestimate bound per class, in units of {@code g}, or null (exact)
     * @param n how many classes
     * @param weightTotal {@code sum of all weights counted, >= sum_j g_j}, in units of {@code g}
     * @param scale {@code s}, finite and &gt;= 0
     * @throws IllegalArgumentException for arrays shorter than {@code n}, {@code x >= n}, or
     *     counts that are negative, not finite, or above the total
     */
    public void scoreEvent(
            double[] weights, int[] events, double[] errors, int n, double weightTotal, double scale,
            int x, EventScores out) {
        checkInputs(weights, events, errors, n, weightTotal, scale);
        if (x >= n || x < -1) {
            throw new IllegalArgumentException("Class index must be in [-1, " + n + "), was " + x);
        }
        CountSummary k = summary;
        k.summarize(weights, events, errors, n, weightTotal, scale);
        out.firstSeen = x < 0;
        out.total = k.total;
        out.distinct = n;
        if (x < 0) {
            out.count = 0.0;
            out.probability = k.unseen;
            out.surprisal = k.natsUnseen;
        } else {
            out.count = k.count(weights, x, scale);
            out.probability = smoothing.probability(out.count, k.total, n, k.singletons, alpha);
            out.surprisal = smoothing.nats(out.count, k.total, n, k.singletons, alpha);
        }
        out.surprisalBits = out.surprisal / Constants.LN_2;
        out.oneIn = 1.0 / out.probability;
        if (n == 0) {
            out.score = 0.0;
            out.rarity = 0.0;
            out.entropy = entropyTerm(k.unseen);
            out.referenceIndex = -1;
            return;
        }
        double entropy = entropyAndRarities(weights, n, scale);
        if (x < 0 && k.zUnseen() < 0.0) {
            out.referenceIndex = -1;
            out.score = 0.0;
        } else {
            out.referenceIndex = k.argMax;
            out.score = x < 0 ? k.zUnseen() : CountSummary.lnRatio(k.qMaxHeld, out.count + alpha);
        }
        out.entropy = entropy;
        out.rarity = rarity(x < 0 ? -1.0 : out.count + alpha, x < 0 ? n : x);
    }

    /** {@link #distribution(double[], int[], double[], int, double, double)} of plain counts. */
    public DistributionScores distribution(double[] counts, int n, double total) {
        return distribution(counts, null, null, n, total, 1.0);
    }

    /**
     * Scores every class held, and the unseen slot, as of the counts {@code c_j = s g_j}
     * (arguments as for {@link #scoreEvent(double[], int[], double[], int, double, double, int,
     * EventScores)}). The arrays of the result are new and follow the order of {@code weights}.
     */
    public DistributionScores distribution(
            double[] weights, int[] events, double[] errors, int n, double weightTotal, double scale) {
        checkInputs(weights, events, errors, n, weightTotal, scale);
        CountSummary k = summary;
        k.summarize(weights, events, errors, n, weightTotal, scale);
        double[] counts = new double[n];
        double[] probabilities = new double[n];
        double[] surprisals = new double[n];
        double[] scores = new double[n];
        double[] rarities = new double[n];
        if (n == 0) {
            return new DistributionScores(
                    counts, probabilities, surprisals, scores, rarities, k.total, k.unseen, 0.0, entropyTerm(k.unseen), -1);
        }
        double entropy = entropyAndRarities(weights, n, scale);
        for (int j = 0; j < n; j++) {
            double c = k.count(weights, j, scale);
            double q = c + alpha;
            counts[j] = c;
            probabilities[j] = smoothing.probability(c, k.total, n, k.singletons, alpha);
            surprisals[j] = smoothing.nats(c, k.total, n, k.singletons, alpha);
            scores[j] = CountSummary.lnRatio(k.qMaxHeld, q);
            rarities[j] = rarity(q, j);
        }
        return new DistributionScores(
                counts, probabilities, surprisals, scores, rarities, k.total, k.unseen, rarity(-1.0, n), entropy, k.argMax);
    }

    /** The rarity of a class held with {@code q_j = q} at index j, or of the unseen slot ({@code q < 0}, j = n). */
    private double rarity(double q, int j) {
        if (temperature != 1.0) {
            return buffer[j];
        }
        return (q < 0.0 ? unseenWeight : qMin / q) / norm;
    }

    /**
     * Pass 2 over the classes and the unseen slot: returns the entropy, and leaves the rarity
     * weights in {@link #qMin}, {@link #unseenWeight} and {@link #norm} (T = 1) or the rarities
     * in {@link #buffer} (other T). A class costs a logarithm for {@code -p ln p}, and at T = 1
     * a division, otherwise {@code z_j = ln(q_max / q_j)} (a second logarithm) and the softmax's
     * exponential. The entropy is the same sum at every T, so it does not depend on T to the bit.
     */
    private double entropyAndRarities(double[] g, int n, double s) {
        CountSummary k = summary;
        boolean unit = temperature == 1.0;
        if (unit) {
            // The rarest slot gets weight 1: the unseen slot when z_u >= z of the least class
            // held (always for additive smoothing, where q_u = a <= q_j), then q_u = q_max e^-z_u.
            if (smoothing == Smoothing.ADDITIVE) {
                qMin = alpha;
                unseenWeight = 1.0;
            } else {
                double qMinHeld = k.count(g, k.argMin, s) + alpha;
                double zMinHeld = CountSummary.lnRatio(k.qMaxHeld, qMinHeld);
                if (k.zUnseen() >= zMinHeld) {
                    qMin = Math.min(qMinHeld, k.qMaxHeld * Math.exp(-k.zUnseen()));
                    unseenWeight = 1.0;
                } else {
                    qMin = qMinHeld;
                    unseenWeight = Math.exp(k.zUnseen() - zMinHeld);
                }
            }
        } else if (buffer.length < n + 1) {
            buffer = new double[Math.max(n + 1, 2 * buffer.length)];
        }
        double entropy = k.unseen * k.natsUnseen;
        double entropyLow = 0.0;
        double sum = unseenWeight;
        double sumLow = 0.0;
        for (int j = 0; j < n; j++) {
            double q = k.count(g, j, s) + alpha;
            double p = k.seenMass * (q * k.inverseWithinSeen);
            // -p ln p at every temperature, so that the entropy does not depend on T to the bit.
            double term = entropyTerm(p);
            if (unit) {
                double r = qMin / q;
                double nextSum = sum + r;
                sumLow += sum >= r ? (sum - nextSum) + r : (r - nextSum) + sum;
                sum = nextSum;
            } else {
                buffer[j] = CountSummary.lnRatio(k.qMaxHeld, q);
            }
            // Every term is >= 0.
            double next = entropy + term;
            entropyLow += TwoSum.sumError(entropy, term, next);
            entropy = next;
        }
        if (unit) {
            norm = sum + sumLow;
        } else {
            buffer[n] = k.zUnseen();
            Softmax.probabilities(buffer, n + 1, temperature, buffer);
        }
        return entropy + entropyLow;
    }

    private static void checkInputs(
            double[] weights, int[] events, double[] errors, int n, double weightTotal, double scale) {
        if (weights == null || n < 0 || n > weights.length) {
            throw new IllegalArgumentException(
                    "Weights must hold at least n = " + n + " entries, was "
                            + (weights == null ? "null" : weights.length + " entries"));
        }
        if ((events != null && events.length < n) || (errors != null && errors.length < n)) {
            throw new IllegalArgumentException("Events and errors must be null or hold at least n = " + n + " entries");
        }
        if (!(scale >= 0.0 && scale < Double.POSITIVE_INFINITY)
                || !(weightTotal >= 0.0 && weightTotal < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "Scale and total must be finite and >= 0, was scale " + scale + ", total " + weightTotal);
        }
    }

    /** {@code -p ln p}, 0 for {@code p = 0}. */
    private static double entropyTerm(double p) {
        // 0 - p ln p: +0.0, not -0.0, for p = 1.
        return p > 0.0 ? 0.0 - p * Math.log(p) : 0.0;
    }
}
