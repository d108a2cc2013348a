package org.infoprob.math;

/**
 * How a frequency estimate reserves probability for a class never seen: the mass of the
 * "unseen slot", and how the rest is shared among the {@code V} classes seen.
 *
 * <pre>
 *   D = C + a (V + 1)       C total count, V distinct classes seen, a &gt;= 0 additive smoothing
 *
 *   ADDITIVE      p_unseen = a / D                  p_x = (c_x + a) / D
 *   GOOD_TURING   p_unseen = u = (N1 + a) / D       p_x = (1 - u) (c_x + a) / (C + a V)
 * </pre>
 *
 * {@code N1} is the singleton mass: the total count of the classes seen in exactly one event
 * (with unit weights and no decay, the number of singletons). Good–Turing's insight is that the
 * classes seen once stand for the classes not seen yet, so the chance that the next event is a
 * new class is about {@code N1 / C}. {@code GOOD_TURING} uses {@code (N1 + a) / D}, which
 *
 * <ul>
 *   <li>tends to {@code N1 / C} once {@code C >> a V};
 *   <li>equals {@code ADDITIVE} exactly when there are no singletons ({@code N1 = 0});
 *   <li>stays below 1 once a class was seen, even when every class so far is a singleton (where
 *       {@code N1 / C = 1} would leave nothing for the classes seen);
 *   <li>is 1 before anything was seen, like {@code ADDITIVE}.
 * </ul>
 *
 * In both, the seen classes keep the additive proportions {@code (c_x + a)} among themselves,
 * and the seen classes plus the unseen slot sum to 1.
 *
 * <pre>{@code
 * // seen: x 3 times, y once (C = 4, V = 2, N1 = 1), a = 1, so D = 7
 * Smoothing.ADDITIVE.unseenProbability(4, 2, 1, 1.0);       // 1/7
 * Smoothing.ADDITIVE.probability(3, 4, 2, 1, 1.0);          // 4/7
 * Smoothing.GOOD_TURING.unseenProbability(4, 2, 1, 1.0);    // (1 + 1) / 7 = 2/7
 * Smoothing.GOOD_TURING.probability(3, 4, 2, 1, 1.0);       // (5/7) (4/6) = 10/21
 * Smoothing.GOOD_TURING.probability(1, 4, 2, 1, 1.0);       // (5/7) (2/6) = 5/21
 * }</pre>
 *
 * <p>Surprisals are computed in the log domain as sums of {@code ln(den / num)} terms whose
 * differences {@code den - num} are formed without cancellation (see {@link Surprisal}).
 *
 * <p>Arguments: counts, {@code N1} and {@code a} finite and &gt;= 0, {@code c_x <= C} and {@code
 * N1 <= C} (a relative slack of 1e-9 absorbs rounding in decayed sums). With {@code a = 0} a
 * probability may be 0 and its surprisal +inf; then {@code C} must be &gt; 0. Asking for a seen
 * class under {@code GOOD_TURING} needs {@code V >= 1}.
 */
public enum Smoothing {

    /** Additive (Lidstone) smoothing with one reserved slot for the unseen classes. */
    ADDITIVE {
        @Override
        public double probability(
                double count, double total, double distinct, double singletons, double alpha) {
            checkSingletons(singletons, total);
            return Surprisal.probability(count, total, distinct, alpha);
        }

        @Override
        public double unseenProbability(
                double total, double distinct, double singletons, double alpha) {
            checkSingletons(singletons, total);
            return Surprisal.probability(0.0, total, distinct, alpha);
        }

        @Override
        public double nats(
                double count, double total, double distinct, double singletons, double alpha) {
            checkSingletons(singletons, total);
            return Surprisal.nats(count, total, distinct, alpha);
        }

        @Override
        public double unseenNats(double total, double distinct, double singletons, double alpha) {
            checkSingletons(singletons, total);
            return Surprisal.nats(0.0, total, distinct, alpha);
        }
    },

    /** The unseen slot is sized by the singleton mass (Good–Turing), see the class comment. */
    GOOD_TURING {
        @Override
        public double probability(
                double count, double total, double distinct, double singletons, double alpha) {
            checkSeen(count, total, distinct, singletons, alpha);
            double den = Surprisal.denominator(total, distinct, alpha);
            double seenMass = seenNumerator(total, distinct, singletons, alpha) / den;
            return seenMass * ((count + alpha) / (total + alpha * distinct));
        }

        @Override
        public double unseenProbability(
                double total, double distinct, double singletons, double alpha) {
            checkUnseen(total, distinct, singletons, alpha);
            return (Math.min(singletons, total) + alpha)
                    / Surprisal.denominator(total, distinct, alpha);
        }

        @Override
        public double nats(
                double count, double total, double distinct, double singletons, double alpha) {
            checkSeen(count, total, distinct, singletons, alpha);
            double n1 = Math.min(singletons, total);
            // -ln p_x = ln(D / (D - N1 - a)) + ln((C + a V) / (c_x + a)), each ratio >= 1.
            double seenShare =
                    Surprisal.lnRatio(
                            Surprisal.denominator(total, distinct, alpha),
                            seenNumerator(total, distinct, singletons, alpha),
                            n1 + alpha);
            // (C + a V) - (c_x + a) = (C - c_x) + a (V - 1), with V >= 1.
            double withinSeen =
                    Surprisal.lnRatio(
                            total + alpha * distinct,
                            count + alpha,
                            Math.max(0.0, total - count) + alpha * (distinct - 1.0));
            return seenShare + withinSeen;
        }

        @Override
        public double unseenNats(double total, double distinct, double singletons, double alpha) {
            checkUnseen(total, distinct, singletons, alpha);
            double n1 = Math.min(singletons, total);
            // D - (N1 + a) = (C - N1) + a V, the mass left to the classes seen.
            return Surprisal.lnRatio(
                    Surprisal.denominator(total, distinct, alpha),
                    n1 + alpha,
                    seenNumerator(total, distinct, singletons, alpha));
        }

        /** {@code D (1 - u) = (C - N1) + a V}, without cancellation. */
        private double seenNumerator(
                double total, double distinct, double singletons, double alpha) {
            return Math.max(0.0, total - singletons) + alpha * distinct;
        }

        private void checkSeen(
                double count, double total, double distinct, double singletons, double alpha) {
            Surprisal.check(count, total, distinct, alpha);
            checkSingletons(singletons, total);
            if (distinct < 1.0) {
                throw new IllegalArgumentException(
                        "Distinct class count must be >= 1 for a class already seen, was "
                                + distinct);
            }
        }

        private void checkUnseen(double total, double distinct, double singletons, double alpha) {
            Surprisal.check(0.0, total, distinct, alpha);
            checkSingletons(singletons, total);
        }
    };

    private static final double SLACK = 1e-9;

    /** Smoothed probability of a class seen {@code count} times (weighted, possibly decayed). */
    public abstract double probability(
            double count, double total, double distinct, double singletons, double alpha);

    /** Probability of the unseen slot: the chance that the next event is a class never seen. */
    public abstract double unseenProbability(
            double total, double distinct, double singletons, double alpha);

    /** Surprisal {@code -ln p_x} in nats of a class seen {@code count} times. */
    public abstract double nats(
            double count, double total, double distinct, double singletons, double alpha);

    /** Surprisal {@code -ln p_unseen} in nats of a class never seen. */
    public abstract double unseenNats(
            double total, double distinct, double singletons, double alpha);

    /**
     * The factor {@code f} with {@code p_x = f (c_x + a)} for every class seen: {@code 1 / D}
     * for {@code ADDITIVE}, {@code (1 - u) / (C + a V)} for {@code GOOD_TURING}; 0 when nothing
     * was seen ({@code V = 0}). Lets a caller score many classes with one multiplication each.
     */
    public double seenFactor(double total, double distinct, double singletons, double alpha) {
        Surprisal.check(0.0, total, distinct, alpha);
        checkSingletons(singletons, total);
        if (distinct == 0.0) {
            return 0.0;
        }
        double seenNumerator =
                (this == ADDITIVE ? total : Math.max(0.0, total - singletons)) + alpha * distinct;
        return seenNumerator
                / Surprisal.denominator(total, distinct, alpha)
                / (total + alpha * distinct);
    }

    /** Surprisal in bits of a class seen {@code count} times. */
    public double bits(
            double count, double total, double distinct, double singletons, double alpha) {
        return Entropy.toBits(nats(count, total, distinct, singletons, alpha));
    }

    /**
     * The smoothing named {@code name}, ignoring case, with {@code -} or {@code _} between the
     * words: {@code "additive"}, {@code "good-turing"}, {@code "GOOD_TURING"}.
     *
     * @throws IllegalArgumentException for null or any other name
     */
    public static Smoothing parse(String name) {
        String n = name == null ? "" : name.trim().replace('-', '_');
        for (Smoothing s : values()) {
            if (s.name().equalsIgnoreCase(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Smoothing must be 'additive' or 'good-turing', was '" + name + "'");
    }

    private static void checkSingletons(double singletons, double total) {
        Surprisal.nonNegative("Singleton mass", singletons);
        if (singletons > total * (1.0 + SLACK)) {
            throw new IllegalArgumentException(
                    "Singleton mass must be <= total, was " + singletons + " > total " + total);
        }
    }
}
