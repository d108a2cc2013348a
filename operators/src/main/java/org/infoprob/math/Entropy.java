package org.infoprob.math;

/**
 * Shannon entropy of a discrete distribution.
 *
 * <pre>
 *   H(p) = -sum_i p_i ln p_i   (nats),     H_bits = H / ln 2,     0 ln 0 = 0
 * </pre>
 *
 * <pre>{@code
 * Entropy.nats(new double[] {0.5, 0.5});        // ln 2 = 0.6931471805599453
 * Entropy.bits(new double[] {0.25, 0.25, 0.5}); // 1.5
 * Entropy.nats(new double[] {1.0, 0.0});        // 0.0
 * }</pre>
 *
 * <p>The terms are summed with compensation. Entries are checked to be in {@code [0, 1]} (NaN
 * is rejected with {@link IllegalArgumentException}); their sum is not checked, so a
 * sub-distribution (mass missing) gives its partial entropy. For softmax output use {@link
 * #natsFromLogProbabilities}, which avoids the {@code ln} of a rounded probability.
 */
public final class Entropy {

    private Entropy() {}

    /** {@code H(p)} in nats over all entries of {@code probabilities}. */
    public static double nats(double[] probabilities) {
        Checks.notNull("probabilities", probabilities);
        return nats(probabilities, probabilities.length);
    }

    /**
     * {@code H(p)} in nats over the first {@code length} entries; 0 for {@code length == 0}.
     *
     * @throws IllegalArgumentException if an entry is not in {@code [0, 1]} or length is out of range
     */
    public static double nats(double[] probabilities, int length) {
        Checks.length("probabilities", probabilities, length);
        double sum = 0.0;
        double compensation = 0.0;
        for (int i = 0; i < length; i++) {
            double p = checkProbability(probabilities[i], i);
            if (p > 0.0) {
                double term = -p * Math.log(p);
                double next = sum + term;
                compensation += TwoSum.sumError(sum, term, next);
                sum = next;
            }
        }
        return sum + compensation;
    }

    /** {@code H(p)} in bits: {@code nats / ln 2}. */
    public static double bits(double[] probabilities) {
        return toBits(nats(probabilities));
    }

    /**
     * {@code -sum_i p_i ln p_i} from matching arrays of probabilities and log-probabilities,
     * as produced by {@link Softmax}; terms with {@code p_i = 0} count 0 (their log may be
     * -inf).
     *
     * @throws IllegalArgumentException on a length mismatch or a probability outside [0, 1]
     */
    public static double natsFromLogProbabilities(
            double[] probabilities, double[] logProbabilities, int length) {
        Checks.length("probabilities", probabilities, length);
        Checks.buffer("logProbabilities", logProbabilities, length);
        double sum = 0.0;
        double compensation = 0.0;
        for (int i = 0; i < length; i++) {
            double p = checkProbability(probabilities[i], i);
            if (p > 0.0) {
                double term = -p * logProbabilities[i];
                double next = sum + term;
                compensation += TwoSum.sumError(sum, term, next);
                sum = next;
            }
        }
        return sum + compensation;
    }

    /** Converts nats to bits. */
    public static double toBits(double nats) {
        return nats / Constants.LN_2;
    }

    private static double checkProbability(double p, int index) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(
                    "Probabilities must be in [0, 1], was " + p + " at index " + index);
        }
        return p;
    }
}
