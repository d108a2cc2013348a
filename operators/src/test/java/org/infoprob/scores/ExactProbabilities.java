package org.infoprob.scores;

import org.infoprob.math.ExactMath;
import org.infoprob.model.ProbabilityEvent;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks every field of a {@link ProbabilityEvent} against the exact value of its formula, from
 * {@link ExactMath} (BigDecimal at 70 digits, no code shared with the operators): probabilities
 * and log-probabilities within 4 ulp (the README's bound), the entropy within {@value
 * #ENTROPY_ULPS} ulp (each term {@code -p ln p} within about 8.5 ulp of itself: 4 for {@code p},
 * 4 for {@code ln p}, a half for the product; the terms are all &gt;= 0 and summed with
 * compensation, so the sum keeps that relative error, up to ~17 ulp of {@code H} at worst; 1.4
 * ulp measured at K = 64), the top class, top-k and margin from the exact ranking.
 */
final class ExactProbabilities {

    private static final double MAX_ULP = 4.0;
    static final double ENTROPY_ULPS = 16.0;

    private ExactProbabilities() {}

    /**
     * One distribution ({@code p = softmax(s / T)}, entropy {@code -sum p ln p}); {@code topK} and
     * {@code logs} as the operator was built.
     */
    static void assertSoftmax(ProbabilityEvent out, String[] classes, double[] s, double t, int topK, boolean logs) {
        BigDecimal[] p = ExactMath.softmax(s, t);
        BigDecimal[] logp = ExactMath.logSoftmax(s, t);
        assertCommon(out, classes, p, logp, topK, logs);
        assertWithinUlps(out.entropy, ExactMath.entropy(p), ENTROPY_ULPS, "K = %s: entropy", s.length);
    }

    /**
     * Independent classes ({@code p_i = sigmoid(s_i / T)}, entropy the sum of the binary entropies
     * {@code -p ln p - q ln q}, {@code q = sigmoid(-s_i / T)}).
     */
    static void assertMultiLabel(ProbabilityEvent out, String[] classes, double[] s, double t, int topK, boolean logs) {
        int k = s.length;
        BigDecimal[] p = new BigDecimal[k];
        BigDecimal[] logp = new BigDecimal[k];
        BigDecimal entropy = BigDecimal.ZERO;
        for (int i = 0; i < k; i++) {
            p[i] = ExactMath.sigmoid(s[i], t);
            logp[i] = ExactMath.logSigmoid(s[i], t);
            BigDecimal q = ExactMath.sigmoid(-s[i], t);
            BigDecimal logq = ExactMath.logSigmoid(-s[i], t);
            entropy = entropy.subtract(p[i].multiply(logp[i], ExactMath.MC), ExactMath.MC)
                    .subtract(q.multiply(logq, ExactMath.MC), ExactMath.MC);
        }
        assertCommon(out, classes, p, logp, topK, logs);
        assertWithinUlps(out.entropy, entropy, ENTROPY_ULPS, "K = %s: entropy (sum of binary entropies)", k);
    }

    private static void assertCommon(
            ProbabilityEvent out, String[] classes, BigDecimal[] p, BigDecimal[] logp, int topK, boolean logs) {
        int k = p.length;
        assertThat(out.classes).as("K = %s: classes", k).containsExactly(classes);
        assertThat(out.probabilities).as("K = %s: probabilities", k).hasSize(k);
        for (int i = 0; i < k; i++) {
            assertWithinUlps(out.probabilities[i], p[i], MAX_ULP, "K = %s: p[%s]", k, i);
        }
        if (logs) {
            assertThat(out.logProbabilities).as("K = %s: log-probabilities", k).hasSize(k);
            for (int i = 0; i < k; i++) {
                assertWithinUlps(out.logProbabilities[i], logp[i], MAX_ULP, "K = %s: ln p[%s]", k, i);
            }
        } else {
            assertThat(out.logProbabilities).as("K = %s: log-probabilities off", k).isNull();
        }
        // The exact ranking, most probable first (first on ties, as the operators rank).
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparing((Integer i) -> p[i]).reversed());
        int first = order[0];
        int second = k > 1 ? order[1] : -1;
        assertThat(out.top).as("K = %s: top", k).isEqualTo(classes[first]);
        assertThat(out.topProbability).as("K = %s: top probability", k).isEqualTo(out.probabilities[first]);
        double p1 = p[first].doubleValue();
        double p2 = second < 0 ? 0.0 : p[second].doubleValue();
        BigDecimal margin = second < 0 ? p[first] : p[first].subtract(p[second]);
        // Each of p_(1), p_(2) within 4 ulp, then one rounding of the difference.
        double slack = MAX_ULP * (Math.ulp(p1) + Math.ulp(p2)) + Math.ulp(margin.doubleValue());
        assertThat(out.margin).as("K = %s: margin", k).isCloseTo(margin.doubleValue(), within(slack));
        if (topK > 0) {
            int n = Math.min(topK, k);
            String[] names = new String[n];
            double[] values = new double[n];
            for (int j = 0; j < n; j++) {
                names[j] = classes[order[j]];
                values[j] = out.probabilities[order[j]];
            }
            assertThat(out.topK).as("K = %s: top-%s", k, topK).containsExactly(names);
            assertThat(out.topKProbabilities).as("K = %s: top-%s probabilities", k, topK).containsExactly(values);
        } else {
            assertThat(out.topK).as("K = %s: top-k off", k).isNull();
        }
    }

    private static void assertWithinUlps(double actual, BigDecimal exact, double ulps, String what, Object... args) {
        double error = ExactMath.ulpError(actual, exact);
        assertThat(error)
                .as("%s = %s is %s ulp from the exact %s", String.format(what, args), actual, error, exact.doubleValue())
                .isLessThanOrEqualTo(ulps);
    }

    /** {@code "c0", "c1", ...}. */
    static String[] classNames(int k) {
        return IntStream.range(0, k).mapToObj(i -> "c" + i).toArray(String[]::new);
    }
}
