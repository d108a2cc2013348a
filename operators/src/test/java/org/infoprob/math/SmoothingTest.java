package org.infoprob.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed values of {@link Smoothing}: x seen 3 times, y once, a = 1, so D = 7. */
class SmoothingTest {

    private static final double EPS = 1e-15;

    @Test
    void additiveMatchesTheDesignFormula() {
        // p_x = (c_x + a) / (C + a (V + 1)) = (3 + 1) / 7, p_y = 2/7, unseen a / D = 1/7.
        assertThat(Smoothing.ADDITIVE.probability(3, 4, 2, 1, 1.0)).as("p_x").isCloseTo(4.0 / 7, within(EPS));
        assertThat(Smoothing.ADDITIVE.probability(1, 4, 2, 1, 1.0)).as("p_y").isCloseTo(2.0 / 7, within(EPS));
        assertThat(Smoothing.ADDITIVE.unseenProbability(4, 2, 1, 1.0)).as("unseen").isCloseTo(1.0 / 7, within(EPS));
        assertThat(Smoothing.ADDITIVE.unseenNats(4, 2, 1, 1.0)).as("-ln(1/7)").isCloseTo(Math.log(7), within(EPS));
    }

    @Test
    void goodTuringGivesTheSingletonsMassToTheUnseenSlot() {
        // u = (N1 + a) / D = 2/7; seen share (1 - u) = 5/7 split as (c + a) / (C + a V) = 4/6, 2/6.
        assertThat(Smoothing.GOOD_TURING.unseenProbability(4, 2, 1, 1.0)).as("u").isCloseTo(2.0 / 7, within(EPS));
        assertThat(Smoothing.GOOD_TURING.probability(3, 4, 2, 1, 1.0)).as("p_x").isCloseTo(10.0 / 21, within(EPS));
        assertThat(Smoothing.GOOD_TURING.probability(1, 4, 2, 1, 1.0)).as("p_y").isCloseTo(5.0 / 21, within(EPS));
        assertThat(Smoothing.GOOD_TURING.nats(1, 4, 2, 1, 1.0)).as("-ln(5/21)").isCloseTo(Math.log(21.0 / 5), within(EPS));
        assertThat(Smoothing.GOOD_TURING.unseenNats(4, 2, 1, 1.0)).as("-ln(2/7)").isCloseTo(Math.log(3.5), within(EPS));
        assertThat(Smoothing.GOOD_TURING.bits(3, 4, 2, 1, 1.0)).as("log2(21/10)").isCloseTo(Math.log(2.1) / Math.log(2), within(EPS));
    }

    @Test
    void goodTuringWithoutSingletonsIsAdditive() {
        for (double c : new double[] {0.0, 2.0, 5.0}) {
            assertThat(Smoothing.GOOD_TURING.probability(c, 7, 2, 0, 0.5))
                    .as("count %s", c)
                    .isCloseTo(Smoothing.ADDITIVE.probability(c, 7, 2, 0, 0.5), within(EPS));
        }
        assertThat(Smoothing.GOOD_TURING.unseenProbability(7, 2, 0, 0.5))
                .isCloseTo(Smoothing.ADDITIVE.unseenProbability(7, 2, 0, 0.5), within(EPS));
    }

    @Test
    void goodTuringKeepsMassForSeenClassesWhenAllAreSingletons() {
        // 4 singletons, a = 1: u = 5/9 < 1, every seen class (1 - u) / 4 = 1/9.
        assertThat(Smoothing.GOOD_TURING.unseenProbability(4, 4, 4, 1.0)).isCloseTo(5.0 / 9, within(EPS));
        assertThat(Smoothing.GOOD_TURING.probability(1, 4, 4, 4, 1.0)).isCloseTo(1.0 / 9, within(EPS));
    }

    @Test
    void nothingSeenMeansTheNextClassIsNewForSure() {
        for (Smoothing s : Smoothing.values()) {
            assertThat(s.unseenProbability(0, 0, 0, 1.0)).as("%s", s).isEqualTo(1.0);
            assertThat(s.unseenNats(0, 0, 0, 1.0)).as("%s", s).isEqualTo(0.0);
            assertThat(s.seenFactor(0, 0, 0, 1.0)).as("%s", s).isEqualTo(0.0);
        }
    }

    @Test
    void probabilitiesOfSeenClassesAndUnseenSlotSumToOne() {
        double[] counts = {5.5, 0.25, 3.0, 1.0};
        double total = 9.75;
        for (Smoothing s : Smoothing.values()) {
            double sum = s.unseenProbability(total, 4, 1.25, 0.3);
            for (double c : counts) {
                sum += s.probability(c, total, 4, 1.25, 0.3);
                assertThat(s.probability(c, total, 4, 1.25, 0.3))
                        .as("%s seen factor times (c + a)", s)
                        .isCloseTo(s.seenFactor(total, 4, 1.25, 0.3) * (c + 0.3), within(EPS));
                assertThat(s.nats(c, total, 4, 1.25, 0.3))
                        .as("%s nats = -ln p", s)
                        .isCloseTo(-Math.log(s.probability(c, total, 4, 1.25, 0.3)), within(1e-14));
            }
            assertThat(sum).as("%s", s).isCloseTo(1.0, within(1e-15));
        }
    }

    @Test
    void frequentClassKeepsItsTinySurprisal() {
        // One class seen 1e12 times, no singletons: p = (1e12 + 1) / (1e12 + 2) under both,
        // -ln p = log1p(1 / (1e12 + 1)) ~ 1e-12, which ln(rounded p) would get only to 4 digits.
        double expected = Math.log1p(1.0 / (1e12 + 1));
        for (Smoothing s : Smoothing.values()) {
            assertThat(s.nats(1e12, 1e12, 1, 0, 1.0))
                    .as("%s", s)
                    .isCloseTo(expected, within(1e-12 * 1e-15));
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Smoothing.GOOD_TURING.unseenProbability(4, 2, 5, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Singleton mass must be <= total");
        assertThatThrownBy(() -> Smoothing.ADDITIVE.probability(1, 4, 2, -1, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Singleton mass must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> Smoothing.GOOD_TURING.probability(0, 0, 0, 0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Distinct class count must be >= 1");
        assertThatThrownBy(() -> Smoothing.GOOD_TURING.nats(5, 4, 2, 0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Count must be <= total");
    }

    @Test
    void parsesTheNamesOfTheJobFlagsAndSql() {
        assertThat(Smoothing.parse("additive")).isEqualTo(Smoothing.ADDITIVE);
        assertThat(Smoothing.parse(" Additive ")).isEqualTo(Smoothing.ADDITIVE);
        assertThat(Smoothing.parse("good-turing")).isEqualTo(Smoothing.GOOD_TURING);
        assertThat(Smoothing.parse("GOOD_TURING")).isEqualTo(Smoothing.GOOD_TURING);
        assertThatThrownBy(() -> Smoothing.parse("laplace"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Smoothing must be 'additive' or 'good-turing', was 'laplace'");
        assertThatThrownBy(() -> Smoothing.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
