package org.infoprob.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Pass 1 of the scorer on counts small enough to do by hand: weights {3, 1, 1} (C = 5, V = 3, two
 * singletons N1 = 2), a = 1, so D = C + a (V + 1) = 9.
 */
class CountSummaryTest {

    private static final double[] WEIGHTS = {3, 1, 1};

    @Test
    void additiveSmoothingGivesEveryClassQOverD() {
        CountSummary k = new CountSummary(Smoothing.ADDITIVE, 1.0);
        k.summarize(WEIGHTS, null, null, 3, 5, 1.0);
        assertThat(k.argMax).isZero();
        assertThat(k.argMin).as("the first of the least weighted").isEqualTo(1);
        assertThat(k.total).isEqualTo(5.0);
        assertThat(k.singletons).as("weight exactly 1 without event counts").isEqualTo(2.0);
        assertThat(k.distinct).isEqualTo(3);
        // p_u = a / D = 1/9; p_j = (c_j + a) / D: seenMass 1, inverseWithinSeen 1/9.
        assertThat(k.unseen).isCloseTo(1.0 / 9, within(1e-16));
        assertThat(k.natsUnseen).isCloseTo(Math.log(9), within(1e-15));
        assertThat(k.seenMass).isEqualTo(1.0);
        assertThat(k.inverseWithinSeen).isEqualTo(1.0 / 9);
        assertThat(k.countMaxHeld).isEqualTo(3.0);
        assertThat(k.qMaxHeld).isEqualTo(4.0);
        // I_max = -ln(4/9); z_u = ln(q_max / a) = ln 4.
        assertThat(k.natsMaxHeld()).isCloseTo(Math.log(9.0 / 4), within(1e-15));
        assertThat(k.zUnseen()).isCloseTo(Math.log(4), within(1e-15));
    }

    @Test
    void goodTuringGivesTheUnseenSlotTheSingletonMass() {
        CountSummary k = new CountSummary(Smoothing.GOOD_TURING, 1.0);
        k.summarize(WEIGHTS, null, null, 3, 5, 1.0);
        // p_u = (N1 + a) / D = 3/9; seen mass ((C - N1) + a V) / D = 6/9 spread by 1 / (C + a V) = 1/8.
        assertThat(k.unseen).isCloseTo(1.0 / 3, within(1e-16));
        assertThat(k.seenMass).isCloseTo(2.0 / 3, within(1e-16));
        assertThat(k.inverseWithinSeen).isEqualTo(1.0 / 8);
        // p_max = 2/3 * 4/8 = 1/3 = p_u: the unseen slot ties the most probable class, z_u = 0.
        assertThat(k.natsMaxHeld()).isCloseTo(Math.log(3), within(1e-15));
        assertThat(k.natsUnseen).isCloseTo(Math.log(3), within(1e-15));
        assertThat(k.zUnseen()).isCloseTo(0.0, within(1e-15));
    }

    @Test
    void eventCountsAndErrorsDecideTheSingletonMass() {
        CountSummary k = new CountSummary(Smoothing.GOOD_TURING, 1.0);
        // Only class 1 was seen in exactly one event; its weight 1 carries an error of 0.25.
        k.summarize(new double[] {3, 1, 1}, new int[] {3, 1, 2}, new double[] {0, 0.25, 0}, 3, 5, 1.0);
        assertThat(k.singletons).isEqualTo(0.75);
        // p_u = (N1 + a) / D = 1.75 / 9
        assertThat(k.unseen).isCloseTo(1.75 / 9, within(1e-16));
    }

    @Test
    void scaleTurnsWeightsIntoCountsCappedAtTheTotal() {
        CountSummary k = new CountSummary(Smoothing.ADDITIVE, 1.0);
        // A decayed sum rounded below the largest weight: counts are capped at the total.
        double[] g = {2.5, 0.25};
        k.summarize(g, null, null, 2, 2.5, 2.0);
        assertThat(k.total).isEqualTo(5.0);
        assertThat(k.count(g, 1, 2.0)).isEqualTo(0.5);
        assertThat(k.countMaxHeld).isEqualTo(5.0);
        assertThat(k.singletons).as("no weight is exactly 1").isZero();
    }

    @Test
    void noClassesLeaveAllMassToTheUnseenSlot() {
        CountSummary k = new CountSummary(Smoothing.ADDITIVE, 1.0);
        k.summarize(new double[0], null, null, 0, 0, 1.0);
        assertThat(k.argMax).isEqualTo(-1);
        assertThat(k.unseen).isEqualTo(1.0);
        assertThat(k.natsUnseen).isCloseTo(0.0, within(1e-300));
    }
}
