package org.infoprob.information;

import org.apache.flink.annotation.Internal;
import org.infoprob.math.Smoothing;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.RarityEvent;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Turns class counts into probabilities, surprisals, scores, rarities and entropy: the shared
 * core of {@link InformationFunction} (one event, or the whole distribution of a key) and
 * {@link InformationWindowFunction} (the classes of a window).
 *
 * <p>Counts come as weights {@code g_j} and a factor {@code s} with {@code c_j = s g_j} (forward
 * decay, see {@link ClassCounts}; {@code s = 1} for plain counts). Every seen class has {@code
 * p_j = f (c_j + a)} with one factor {@code f} ({@link Smoothing#seenFactor}), so with {@code
 * q_j = c_j + a} (and {@code q_new = p_unseen / f} for a class seen for the first time):
 *
 * <pre>
 *   score    z_j = ln(p_ref / p_j) = ln(q_max / q_j)
 *   rarity   softmax(z / T)_x = q_x^{-1/T} / sum_j q_j^{-1/T} = (q_min / q_x)^{1/T} / sum_j (q_min / q_j)^{1/T}
 * </pre>
 *
 * The last form is the softmax with its maximum shifted out (the rarest class contributes
 * exactly 1), computed with one division per class at {@code T = 1} and one {@code pow}
 * otherwise, instead of a {@code ln} and an {@code exp} per class; no term overflows and the sum
 * is at least 1.
 *
 * <p>Cost: scoring an event is two passes over the key's V classes (pass 1: reference, rarest
 * class, singleton mass; pass 2: entropy and the rarity normaliser), allocation-free. Neither the
 * entropy nor the rarity normaliser can be kept up to date in O(1): under decay every {@code c_j}
 * changes with time, and {@code sum_j 1/(s g_j + a)} is not a function of a few running sums.
 * The count update itself is O(1) amortised ({@link ClassCounts#add}).
 *
 * <p>Not thread-safe: the results of pass 1 are kept in fields to avoid allocation.
 */
@Internal
final class InformationScorer {

    private static final double LN_2 = 0.6931471805599453;

    private final Smoothing smoothing;
    private final double alpha;
    private final double inverseTemperature;

    // Pass 1 results.
    private int argMax;
    private int argMin;
    private double total;
    private double singletons;
    private double unseen;
    private double seenFactor;

    InformationScorer(Smoothing smoothing, double alpha, double temperature) {
        this.smoothing = smoothing;
        this.alpha = alpha;
        this.inverseTemperature = 1.0 / temperature;
    }

    /**
     * Scores an event of class {@code className} (index {@code x} in {@code counts}, -1 if
     * new) against the counts at {@link ClassCounts#now()}, into {@code out}.
     */
    void scoreEvent(ClassCounts counts, int x, String className, RarityEvent out) {
        int n = counts.size;
        double[] g = counts.weights;
        double s = counts.scale();
        summarize(g, counts.events, n, counts.total, s);
        boolean isNew = x < 0;
        out.className = className;
        out.firstSeen = isNew;
        out.total = total;
        out.distinct = n;
        if (isNew) {
            out.count = 0.0;
            out.probability = unseen;
            out.surprisal = smoothing.unseenNats(total, n, singletons, alpha);
        } else {
            out.count = Math.min(g[x] * s, total);
            out.probability = smoothing.probability(out.count, total, n, singletons, alpha);
            out.surprisal = smoothing.nats(out.count, total, n, singletons, alpha);
        }
        out.surprisalBits = out.surprisal / LN_2;
        out.oneIn = 1.0 / out.probability;
        if (n == 0) {
            // Nothing seen: the event's class is the only candidate and the unseen slot is all.
            out.score = 0.0;
            out.rarity = 1.0;
            out.entropy = 0.0;
            out.reference = className;
            return;
        }
        double qMax = g[argMax] * s + alpha;
        double qMin = g[argMin] * s + alpha;
        String reference = counts.names[argMax];
        double qNew = isNew ? unseen / seenFactor : 0.0;
        if (isNew) {
            if (qNew > qMax) {
                qMax = qNew;
                reference = className;
            }
            qMin = Math.min(qMin, qNew);
        }
        double qx = isNew ? qNew : out.count + alpha;

        double entropy = 0.0;
        double entropyLow = 0.0;
        double norm = 0.0;
        double normLow = 0.0;
        for (int j = 0; j < n; j++) {
            double q = g[j] * s + alpha;
            double term = entropyTerm(seenFactor * q);
            double next = entropy + term;
            entropyLow += entropy >= term ? (entropy - next) + term : (term - next) + entropy;
            entropy = next;
            double r = rarityWeight(qMin / q);
            double nextNorm = norm + r;
            normLow += norm >= r ? (norm - nextNorm) + r : (r - nextNorm) + norm;
            norm = nextNorm;
        }
        if (isNew) {
            norm += rarityWeight(qMin / qNew);
        }
        out.entropy = entropy + entropyLow + entropyTerm(unseen);
        out.rarity = rarityWeight(qMin / qx) / (norm + normLow);
        out.score = lnRatio(qMax, qx);
        out.reference = reference;
    }

    /**
     * The distribution of all classes held, as of the factor {@code s} (counts {@code c_j = s
     * g_j}), ordered by count, largest first.
     */
    ClassDistribution distribution(
            String[] names, double[] g, int[] events, int n, double gTotal, double s) {
        ClassDistribution d = new ClassDistribution();
        summarize(g, events, n, gTotal, s);
        d.total = total;
        d.distinct = n;
        d.unseenProbability = unseen;
        d.classNames = new String[n];
        d.counts = new double[n];
        d.probabilities = new double[n];
        d.surprisals = new double[n];
        d.scores = new double[n];
        d.rarities = new double[n];
        if (n == 0) {
            d.entropy = 0.0;
            return d;
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Arrays.sort(
                order,
                Comparator.<Integer>comparingDouble(j -> -g[j]).thenComparing(j -> names[j]));
        double qMax = g[argMax] * s + alpha;
        double qMin = g[argMin] * s + alpha;
        double entropy = entropyTerm(unseen);
        double norm = 0.0;
        for (int i = 0; i < n; i++) {
            int j = order[i];
            double c = Math.min(g[j] * s, total);
            double q = c + alpha;
            d.classNames[i] = names[j];
            d.counts[i] = c;
            d.probabilities[i] = smoothing.probability(c, total, n, singletons, alpha);
            d.surprisals[i] = smoothing.nats(c, total, n, singletons, alpha);
            d.scores[i] = lnRatio(qMax, q);
            d.rarities[i] = rarityWeight(qMin / q);
            norm += d.rarities[i];
            entropy += entropyTerm(d.probabilities[i]);
        }
        for (int i = 0; i < n; i++) {
            d.rarities[i] /= norm;
        }
        d.entropy = entropy;
        return d;
    }

    /** Pass 1: most and least weighted class, singleton mass, and the smoothing factors. */
    private void summarize(double[] g, int[] events, int n, double gTotal, double s) {
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
            if (events[j] == 1) {
                singletonWeight += w;
            }
        }
        argMax = max;
        argMin = min;
        total = gTotal * s;
        singletons = Math.min(singletonWeight * s, total);
        unseen = smoothing.unseenProbability(total, n, singletons, alpha);
        seenFactor = smoothing.seenFactor(total, n, singletons, alpha);
    }

    /** {@code (q_min / q)^{1/T}}, the shifted softmax term; a division alone at T = 1. */
    private double rarityWeight(double ratio) {
        return inverseTemperature == 1.0 ? ratio : Math.pow(ratio, inverseTemperature);
    }

    /** {@code -p ln p}, 0 for {@code p = 0}. */
    private static double entropyTerm(double p) {
        return p > 0.0 ? -p * Math.log(p) : 0.0;
    }

    /** {@code ln(big / small)} for {@code big >= small > 0}; log1p near 1, where it matters. */
    private static double lnRatio(double big, double small) {
        double ratio = big / small;
        return ratio >= 2.0 ? Math.log(ratio) : Math.log1p((big - small) / small);
    }
}
