package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AdaptiveConformal}: coverage across an abrupt shift, and a hand-traced sequence. */
class AdaptiveConformalTest {

    private static final int K = 5;

    @Test
    void coverageStaysWithinOnePointOfTheTargetAcrossAnAbruptShift() {
        // K = 5 logits s ~ N(0, 2^2); the model reports softmax(s). Labels come from softmax(s)
        // for the first 10,000 events (calibrated) and from softmax(s / 3) afterwards (the model
        // is suddenly over-confident). The bound of Gibbs and Candes for gamma = 0.005 over
        // 20,000 events is (0.9 + 0.005) / (0.005 * 20,000) = 0.00905.
        SplittableRandom random = new SplittableRandom(2021L);
        AdaptiveConformal aci = AdaptiveConformal.builder(K).build();
        ConformalCoverage[] halves = {new ConformalCoverage(), new ConformalCoverage()};
        ConformalCoverage[] naive = {new ConformalCoverage(), new ConformalCoverage()};
        int[] set = new int[K];
        for (int n = 0; n < 20_000; n++) {
            double[] s = Synthetic.logits(random, K, 2.0);
            double[] p = Synthetic.softmax(s, 1.0);
            int y = Synthetic.draw(random, Synthetic.softmax(s, n < 10_000 ? 1.0 : 3.0));
            int size = aci.predict(p, set);
            boolean inSet = contains(set, size, y);
            assertThat(aci.update(p, y)).as("update agrees with the set at event %d", n).isEqualTo(inSet);
            halves[n / 10_000].accept(inSet, size);
            int naiveSize = naiveSet(p, 0.9, set);
            naive[n / 10_000].accept(contains(set, naiveSize, y), naiveSize);
        }
        ConformalCoverage all = ConformalCoverage.of(0, 0, 0).combine(halves[0]).combine(halves[1]);
        System.out.printf("ACI: coverage %.4f overall (%.4f before the shift, %.4f after), mean set size %.3f / %.3f;"
                        + " naive APS at 0.9: coverage %.4f / %.4f; final alpha_t %.4f%n",
                all.coverage(), halves[0].coverage(), halves[1].coverage(), halves[0].meanSetSize(),
                halves[1].meanSetSize(), naive[0].coverage(), naive[1].coverage(), aci.level());
        assertThat(all.coverage()).isBetween(0.89, 0.91);
        assertThat(halves[1].coverage()).as("after the shift").isBetween(0.89, 0.91);
        assertThat(halves[1].meanSetSize()).as("sets grow after the shift").isGreaterThan(halves[0].meanSetSize());
        assertThat(naive[1].coverage()).as("trusting the model's probabilities fails after the shift").isLessThan(0.85);
    }

    @Test
    void handTracedSequence() {
        // K = 4, p = (1/2, 1/4, 1/8, 1/8): scores E (mass ranked before the label) 0, 1/2, 3/4, 7/8.
        // alpha = 1/4, gamma = 1/4: a hit adds 1/16, a miss subtracts 3/16 (all exact in binary).
        // Capacity 3. rank = ceil((n + 1)(1 - alpha_t)); tau = rank-th smallest, +inf if rank > n.
        //  t  n  alpha_t  rank               tau    set          label  E     covered  window after
        //  1  0  1/4      ceil(0.75) = 1 > 0 +inf   {0,1,2,3}    3      7/8   yes      [7/8]
        //  2  1  5/16     ceil(1.375) = 2    +inf   {0,1,2,3}    2      3/4   yes      [3/4, 7/8]
        //  3  2  3/8      ceil(1.875) = 2    7/8    {0,1,2,3}    0      0     yes      [0, 3/4, 7/8]
        //  4  3  7/16     ceil(2.25) = 3     7/8    {0,1,2,3}    1      1/2   yes      [0, 1/2, 3/4] (7/8 out)
        //  5  3  1/2      ceil(2) = 2        1/2    {0,1}        2      3/4   no       [0, 1/2, 3/4] (3/4 out, in)
        //  6  3  5/16     ceil(2.75) = 3     3/4    {0,1,2}
        AdaptiveConformal aci = AdaptiveConformal.builder(4).setTargetCoverage(0.75).setStepSize(0.25).setCapacity(3).build();
        double[] p = {0.5, 0.25, 0.125, 0.125};
        double[] tau = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0.875, 0.875, 0.5, 0.75};
        int[] sizes = {4, 4, 4, 4, 2, 3};
        int[] labels = {3, 2, 0, 1, 2};
        boolean[] covered = {true, true, true, true, false};
        double[] alphas = {0.25, 0.3125, 0.375, 0.4375, 0.5, 0.3125};
        int[] set = new int[4];
        for (int t = 0; t < 6; t++) {
            assertThat(aci.level()).as("alpha_%d", t + 1).isEqualTo(alphas[t]);
            assertThat(aci.threshold()).as("tau_%d", t + 1).isEqualTo(tau[t]);
            assertThat(aci.predict(p, set)).as("set size at %d", t + 1).isEqualTo(sizes[t]);
            if (t < 5) {
                assertThat(aci.update(p, labels[t])).as("covered at %d", t + 1).isEqualTo(covered[t]);
            }
        }
        assertThat(set).startsWith(0, 1, 2);
        assertThat(aci.size()).isEqualTo(3);
    }

    @Test
    void levelAtOrAboveOneGivesTheEmptySet() {
        // alpha = 0.9, gamma = 0.5: one hit moves alpha_t to 0.9 + 0.5 * 0.9 = 1.35, so tau = -inf.
        AdaptiveConformal aci = AdaptiveConformal.builder(2).setTargetCoverage(0.1).setStepSize(0.5).build();
        double[] p = {0.75, 0.25};
        assertThat(aci.update(p, 0)).isTrue();
        assertThat(aci.threshold()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(aci.predict(p, new int[2])).isZero();
        assertThat(aci.update(p, 0)).as("nothing is covered by the empty set").isFalse();
    }

    @Test
    void tiesRankByLowerIndexAndCopiesAreIndependent() {
        AdaptiveConformal aci = AdaptiveConformal.builder(3).build();
        int[] set = new int[3];
        assertThat(aci.predict(new double[] {0.25, 0.5, 0.25}, set)).isEqualTo(3);
        assertThat(set).containsExactly(1, 0, 2);
        AdaptiveConformal copy = aci.copy();
        double level = aci.level();
        aci.update(new double[] {0.25, 0.5, 0.25}, 2);
        assertThat(aci.level()).isNotEqualTo(level);
        assertThat(copy.size()).isZero();
        assertThat(copy.level()).isEqualTo(level);
    }

    @Test
    void badInputIsRejected() {
        AdaptiveConformal aci = AdaptiveConformal.builder(3).build();
        assertThatThrownBy(() -> aci.update(new double[] {0.5, Double.NaN, 0.5}, 0))
                .isInstanceOf(InvalidScoresException.class);
        assertThatThrownBy(() -> aci.update(new double[] {0.5, 0.25, 0.25}, -1))
                .hasMessage("Label must be in [0, 3), was -1");
        assertThatThrownBy(() -> aci.predict(new double[] {0.5, 0.25, 0.25}, new int[2]))
                .hasMessage("set must have length >= 3 (the number of classes), was 2");
        assertThatThrownBy(() -> AdaptiveConformal.builder(3).setTargetCoverage(1.0).build())
                .hasMessage("Target coverage must be in (0.0, 1.0), was 1.0");
        assertThatThrownBy(() -> AdaptiveConformal.builder(3).setStepSize(0).build())
                .hasMessage("Step size must be in (0.0, 1.0), was 0.0");
    }

    private static boolean contains(int[] set, int size, int y) {
        for (int i = 0; i < size; i++) {
            if (set[i] == y) {
                return true;
            }
        }
        return false;
    }

    /** Classes by decreasing p until their mass reaches the threshold (no conformal step). */
    private static int naiveSet(double[] p, double threshold, int[] set) {
        int[] order = Ranking.topK(p, p.length);
        double mass = 0;
        int n = 0;
        while (n < p.length && mass < threshold) {
            set[n] = order[n];
            mass += p[order[n]];
            n++;
        }
        return n;
    }
}
