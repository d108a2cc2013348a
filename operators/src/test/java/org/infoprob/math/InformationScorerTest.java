package org.infoprob.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link InformationScorer}: values worked out by hand from the formulas in its comment. */
class InformationScorerTest {

    private static final double EPS = 1e-15;

    private final EventScores out = new EventScores();

    @Test
    void aKeysOnlyClassGetsOneOverElevenAfterNineEvents() {
        // login x 9: q_login = 9 + 1 = 10, q_unseen = a = 1; rarity = (1/10) / (1/10 + 1/1) = 1/11.
        InformationScorer.of(Smoothing.ADDITIVE, 1.0, 1.0).scoreEvent(new double[] {9}, 1, 9, 0, out);
        assertThat(out.rarity()).isEqualTo(0.09090909090909091);
        assertThat(out.probability()).isCloseTo(10.0 / 11, within(EPS));
        assertThat(out.score()).isEqualTo(0.0);
        assertThat(out.referenceIndex()).isZero();
    }

    @Test
    void aNewClassIsTheUnseenSlotAndTheWorkedExampleComesOut() {
        // login 5, logout 4, login_failed new: D = 12; 1/p = 2, 2.4, 12 (sum 16.4).
        InformationScorer scorer = InformationScorer.of(Smoothing.ADDITIVE, 1.0, 1.0);
        scorer.scoreEvent(new double[] {5, 4}, 2, 9, -1, out);
        assertThat(out.firstSeen()).isTrue();
        assertThat(out.rarity()).isCloseTo(30.0 / 41, within(EPS));
        assertThat(out.surprisal()).isCloseTo(Math.log(12), within(EPS));
        assertThat(out.score()).isCloseTo(Math.log(6), within(EPS));
        assertThat(out.oneIn()).isCloseTo(12, within(1e-14));
        assertThat(out.referenceIndex()).isZero();

        DistributionScores d = scorer.distribution(new double[] {5, 4}, 2, 9);
        assertThat(d.rarities()).containsExactly(new double[] {5.0 / 41, 6.0 / 41}, within(EPS));
        assertThat(d.unseenRarity()).isCloseTo(30.0 / 41, within(EPS));
        assertThat(d.unseenProbability()).isCloseTo(1.0 / 12, within(EPS));
        assertThat(d.probabilities()).containsExactly(new double[] {0.5, 5.0 / 12}, within(EPS));
        assertThat(d.scores()).containsExactly(new double[] {0.0, Math.log(1.2)}, within(EPS));
        assertThat(d.entropy())
                .isCloseTo(
                        -(0.5 * Math.log(0.5) + 5.0 / 12 * Math.log(5.0 / 12) + Math.log(1.0 / 12) / 12),
                        within(EPS));
        assertThat(d.entropy()).as("the event path gives the same entropy").isEqualTo(out.entropy());
    }

    @Test
    void aKeyWithNoHistoryGetsRarityZero() {
        InformationScorer.of(Smoothing.GOOD_TURING, 1.0, 0.5).scoreEvent(new double[0], 0, 0, -1, out);
        assertThat(out.rarity()).isEqualTo(0.0);
        assertThat(out.probability()).isEqualTo(1.0);
        assertThat(out.surprisal()).isEqualTo(0.0);
        assertThat(out.entropy()).isEqualTo(0.0);
        assertThat(out.distinct()).isZero();
        assertThat(out.referenceIndex()).isEqualTo(-1);
        DistributionScores d = InformationScorer.of(Smoothing.ADDITIVE, 1.0, 1.0).distribution(new double[0], 0, 0);
        assertThat(d.unseenRarity()).isZero();
        assertThat(d.referenceIndex()).isEqualTo(-1);
    }

    @Test
    void decayedWeightsAreScoredThroughTheScaleAndErrorsShrinkTheSingletons() {
        // Weights 8 and 2 at scale 1/2 are counts 4 and 1. Good-Turing: the class of weight 2 is
        // a singleton, but an error of 1 (in weight units) leaves 1, so N1 = 1 * 1/2 = 0.5.
        // C = 5, V = 2, D = 8: u = (0.5 + 1) / 8 = 3/16.
        InformationScorer scorer = InformationScorer.of(Smoothing.GOOD_TURING, 1.0, 1.0);
        scorer.scoreEvent(new double[] {8, 2}, new int[] {4, 1}, new double[] {0, 1}, 2, 10, 0.5, -1, out);
        assertThat(out.total()).isEqualTo(5.0);
        assertThat(out.probability()).isCloseTo(3.0 / 16, within(EPS));
        // Without errors N1 = 1: u = 2/8.
        scorer.scoreEvent(new double[] {8, 2}, new int[] {4, 1}, null, 2, 10, 0.5, -1, out);
        assertThat(out.probability()).isCloseTo(0.25, within(EPS));
        // Plain counts: a weight of exactly 1 is a singleton.
        scorer.scoreEvent(new double[] {4, 1}, 2, 5, -1, out);
        assertThat(out.probability()).isCloseTo(0.25, within(EPS));
    }

    @Test
    void goodTuringMayMakeTheNewClassItsOwnReference() {
        // Four singletons: C = 4, V = 4, D = 9, u = 5/9 > p_j = (4/9)(2/8) = 1/9 each.
        // q_u = u / f with f = (4/9) / 8: q_u = 10; rarity = (1/10) / (4/2 + 1/10) = 1/21.
        InformationScorer.of(Smoothing.GOOD_TURING, 1.0, 1.0).scoreEvent(new double[] {1, 1, 1, 1}, 4, 4, -1, out);
        assertThat(out.referenceIndex()).isEqualTo(-1);
        assertThat(out.score()).isEqualTo(0.0);
        assertThat(out.rarity()).isCloseTo(1.0 / 21, within(EPS));
    }

    @Test
    void anyFiniteTemperatureGivesFiniteRarities() {
        double[] w = {8, 1};
        for (double t : new double[] {Double.MIN_VALUE, 1e-310, 1e-300, 1.0, 1e300, Double.MAX_VALUE}) {
            InformationScorer scorer = InformationScorer.of(Smoothing.ADDITIVE, 1.0, t);
            DistributionScores d = scorer.distribution(w, 2, 9);
            double sum = d.unseenRarity();
            for (double r : d.rarities()) {
                assertThat(r).as("T = %s", t).isFinite();
                sum += r;
            }
            assertThat(sum).as("T = %s", t).isCloseTo(1.0, within(1e-15));
            // Cold: everything on the unseen slot; hot: even.
            double expected = t < 1 ? 1.0 : t > 1 ? 1.0 / 3 : 12.0 / (12 + 6 + 4.0 / 3);
            assertThat(d.unseenRarity()).as("T = %s", t).isCloseTo(expected, within(1e-15));
        }
    }

    @Test
    void settingsThatCannotBeComputedAreRejected() {
        assertThatThrownBy(() -> InformationScorer.of(null, 1.0, 1.0))
                .hasMessage("Smoothing must be ADDITIVE or GOOD_TURING, was null");
        assertThatThrownBy(() -> InformationScorer.of(Smoothing.ADDITIVE, 1e-11, 1.0))
                .hasMessage("Alpha (additive smoothing) must be in [1.0E-10, 1.0E100], was 1.0E-11");
        assertThatThrownBy(() -> InformationScorer.of(Smoothing.ADDITIVE, Double.NaN, 1.0))
                .hasMessage("Alpha (additive smoothing) must be in [1.0E-10, 1.0E100], was NaN");
        assertThatThrownBy(() -> InformationScorer.of(Smoothing.ADDITIVE, 1.0, 0.0))
                .hasMessage("Temperature must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> InformationScorer.of(Smoothing.ADDITIVE, 1.0, Double.POSITIVE_INFINITY))
                .hasMessage("Temperature must be finite and > 0, was Infinity");
        InformationScorer scorer = InformationScorer.of(Smoothing.ADDITIVE, 1.0, 1.0);
        assertThatThrownBy(() -> scorer.scoreEvent(new double[] {1}, 1, 1, 1, out))
                .hasMessage("Class index must be in [-1, 1), was 1");
        assertThatThrownBy(() -> scorer.scoreEvent(new double[] {1}, 2, 1, 0, out))
                .hasMessage("Weights must hold at least n = 2 entries, was 1 entries");
        assertThatThrownBy(() -> scorer.scoreEvent(new double[] {1}, null, null, 1, 1, Double.NaN, 0, out))
                .hasMessage("Scale and total must be finite and >= 0, was scale NaN, total 1.0");
    }
}
