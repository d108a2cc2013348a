package org.infoprob.math;

/**
 * Pass 1 of {@link InformationScorer}: what the counts of one key say before any class is
 * scored. The most and least weighted class held, the total {@code C}, the singleton mass
 * {@code N1}, the unseen slot's probability and surprisal, and the two factors that turn a
 * class's {@code q_j = c_j + a} into its probability. Reused for every event (not thread-safe).
 *
 * <p>Counts are {@code c_j = s g_j} for weights {@code g_j} and a scale {@code s}, capped at the
 * total (rounding in decayed sums), as {@link InformationScorer} describes.
 */
final class CountSummary {

    private final Smoothing smoothing;
    private final double alpha;

    int argMax;
    int argMin;
    double total;
    double singletons;
    /** {@code p_u}, the unseen slot's probability, and its surprisal. */
    double unseen;
    double natsUnseen;
    /** {@code p_j = seenMass (q_j * inverseWithinSeen)} for a class held. */
    double seenMass;
    double inverseWithinSeen;
    /** The most probable class held: its count and {@code q}. */
    double countMaxHeld;
    double qMaxHeld;
    int distinct;
    /** Computed when first needed (not at T = 1 with additive smoothing, the common case); NaN until then. */
    private double natsMaxHeld;
    private double zUnseen;

    CountSummary(Smoothing smoothing, double alpha) {
        this.smoothing = smoothing;
        this.alpha = alpha;
    }

    /** Summarizes the first {@code n} weights {@code g}, with total {@code gTotal}, at scale {@code s}. */
    void summarize(double[] g, int[] events, double[] errors, int n, double gTotal, double s) {
        int max = -1;
        int min = -1;
        double singletonWeight = 0.0;
        for (int j = 0; j < n; j++) {
            double w = g[j];
            if (max < 0 || w > g[max]) {
                max = j;
            }
            if (min < 0 || w < g[min]) {
                min = j;
            }
            if (events == null ? w == 1.0 : events[j] == 1) {
                singletonWeight += errors == null ? w : Math.max(0.0, w - errors[j]);
            }
        }
        argMax = max;
        argMin = min;
        total = gTotal * s;
        singletons = Math.min(singletonWeight * s, total);
        unseen = smoothing.unseenProbability(total, n, singletons, alpha);
        natsUnseen = smoothing.unseenNats(total, n, singletons, alpha);
        if (n == 0) {
            return;
        }
        // p_j = (1 - u) (c_j + a) / (C + a V) as Smoothing defines it, 1 - u = ((C - N1) + a V) / D
        // for Good-Turing and (C + a V) / D for additive smoothing, so that p_j = (c_j + a) / D.
        // Two factors, each representable, where their product f = (1 - u) / (C + a V) may not be.
        double denominator = total + alpha * (n + 1.0);
        if (smoothing == Smoothing.ADDITIVE) {
            seenMass = 1.0;
            inverseWithinSeen = 1.0 / denominator;
        } else {
            seenMass = (Math.max(0.0, total - singletons) + alpha * n) / denominator;
            inverseWithinSeen = 1.0 / (total + alpha * n);
        }
        countMaxHeld = count(g, max, s);
        qMaxHeld = countMaxHeld + alpha;
        natsMaxHeld = Double.NaN;
        zUnseen = Double.NaN;
        distinct = n;
    }

    /** {@code c_j = s g_j}, capped at the total (rounding in decayed sums). */
    double count(double[] g, int j, double s) {
        return Math.min(g[j] * s, total);
    }

    /** {@code I_max = -ln p_max} of the most probable class held, from the smoothing. */
    double natsMaxHeld() {
        if (Double.isNaN(natsMaxHeld)) {
            natsMaxHeld = smoothing.nats(countMaxHeld, total, distinct, singletons, alpha);
        }
        return natsMaxHeld;
    }

    /**
     * {@code z_u = ln(p_max / p_u)}, negative when the unseen slot is the most probable: for
     * additive smoothing {@code ln(q_max / a)}, else the difference of the surprisals, so that no
     * ratio has to be formed that could overflow.
     */
    double zUnseen() {
        if (Double.isNaN(zUnseen)) {
            zUnseen = smoothing == Smoothing.ADDITIVE ? lnRatio(qMaxHeld, alpha) : natsUnseen - natsMaxHeld();
        }
        return zUnseen;
    }

    /** {@code ln(big / small)} for {@code big >= small > 0}; log1p below 2, where it matters. */
    static double lnRatio(double big, double small) {
        return Surprisal.lnRatio(big, small, big - small);
    }
}
