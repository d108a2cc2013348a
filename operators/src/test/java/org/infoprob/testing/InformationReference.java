package org.infoprob.testing;

import org.infoprob.model.ClassDistribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An independent reference for the information scores, written out in plain doubles from the
 * formulas of the {@code Smoothing} and {@code InformationScorer} javadoc, sharing no code with
 * them (no log domain, no softmax kernel, no compensated sums):
 *
 * <pre>
 *   D = C + a (V + 1)
 *   ADDITIVE     p_u = a / D                 p_j = (c_j + a) / D
 *   GOOD_TURING  p_u = u = (N1 + a) / D      p_j = (1 - u) (c_j + a) / (C + a V)
 *   rarity       r_x = p_x^(-1/T) / (sum_j p_j^(-1/T) + p_u^(-1/T))
 *   entropy      H = -sum_j p_j ln p_j - p_u ln p_u
 * </pre>
 *
 * Used by the restore tests to check the literals that changed by design in v2 (rarity, unseen
 * rarity) against values computed a second way; good for inputs of moderate size only ({@code
 * pow} may overflow where the scorer does not).
 */
public final class InformationReference {

    /** Relative tolerance between this reference and the scorer: a few roundings of each. */
    public static final double TOLERANCE = 1e-14;

    /** The probabilities, rarities and entropy of one key's counts. */
    public record Scores(double[] probabilities, double unseenProbability, double[] rarities,
            double unseenRarity, double entropy) {

        /** Probability of class {@code x}, or of the unseen slot for {@code x = -1}. */
        public double probability(int x) {
            return x < 0 ? unseenProbability : probabilities[x];
        }

        /** Rarity of class {@code x}, or of the unseen slot for {@code x = -1}. */
        public double rarity(int x) {
            return x < 0 ? unseenRarity : rarities[x];
        }
    }

    private InformationReference() {}

    /**
     * Scores of the counts {@code c} with total {@code C}, singleton mass {@code N1} (ignored by
     * additive smoothing), smoothing {@code a} and temperature {@code T}.
     */
    public static Scores scores(double[] c, double total, double singletons, double a, double t, boolean goodTuring) {
        int v = c.length;
        double d = total + a * (v + 1);
        double u = goodTuring ? (singletons + a) / d : a / d;
        double[] p = new double[v];
        for (int j = 0; j < v; j++) {
            p[j] = goodTuring ? (1 - u) * (c[j] + a) / (total + a * v) : (c[j] + a) / d;
        }
        double[] w = new double[v];
        double wu = Math.pow(u, -1 / t);
        double sum = wu;
        double entropy = -u * Math.log(u);
        for (int j = 0; j < v; j++) {
            w[j] = Math.pow(p[j], -1 / t);
            sum += w[j];
            entropy -= p[j] * Math.log(p[j]);
        }
        double[] r = new double[v];
        for (int j = 0; j < v; j++) {
            r[j] = w[j] / sum;
        }
        return new Scores(p, u, r, wu / sum, entropy);
    }

    /**
     * Checks a distribution's rarities, unseen rarity and entropy against its own probabilities
     * (the rarity softmax needs nothing else): {@code r_j = p_j^(-1/T) / (sum_k p_k^(-1/T) +
     * p_u^(-1/T))} and {@code H = -sum p ln p} over the classes and the unseen slot. Whether the
     * probabilities sum to 1 is {@link #mass}.
     */
    public static void assertFollowsItsProbabilities(ClassDistribution d, double t) {
        String at = d.key + " at " + d.ts + ": ";
        double sum = Math.pow(d.unseenProbability, -1 / t);
        double entropy = -d.unseenProbability * Math.log(d.unseenProbability);
        for (double p : d.probabilities) {
            sum += Math.pow(p, -1 / t);
            entropy -= p * Math.log(p);
        }
        for (int j = 0; j < d.probabilities.length; j++) {
            assertClose(d.rarities[j], Math.pow(d.probabilities[j], -1 / t) / sum, at + "rarity of " + d.classNames[j]);
        }
        assertClose(d.unseenRarity, Math.pow(d.unseenProbability, -1 / t) / sum, at + "unseen rarity");
        assertClose(d.entropy, entropy, at + "entropy");
    }

    /** {@code sum_j p_j + p_u} of a distribution: 1 when its counts sum to its total. */
    public static double mass(ClassDistribution d) {
        double mass = d.unseenProbability;
        for (double p : d.probabilities) {
            mass += p;
        }
        return mass;
    }

    /** {@code |actual - expected| <= TOLERANCE max(1, |expected|)}. */
    public static void assertClose(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(TOLERANCE * Math.max(1.0, Math.abs(expected))));
    }
}
