package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SurprisalTest {

    @Test
    void handValuesFromTheFormula() {
        // seen a x 3, b x 1: C = 4, V = 2, a = 1, denominator 4 + 1 * (2 + 1) = 7
        assertThat(Surprisal.probability(3, 4, 2, 1.0)).isCloseTo(4.0 / 7, within(1e-16));
        assertThat(Surprisal.nats(1, 4, 2, 1.0)).isCloseTo(Math.log(3.5), within(3e-16));
        assertThat(Surprisal.bits(1, 4, 2, 1.0)).isCloseTo(Math.log(3.5) / Math.log(2), within(4e-16));
        // a new class gets the reserved slot: p = 1/7, finite surprisal ln 7
        assertThat(Surprisal.nats(0, 4, 2, 1.0)).isCloseTo(Math.log(7), within(4e-16));
        assertThat(Surprisal.oneIn(0, 4, 2, 1.0)).isEqualTo(7.0);
        // nothing seen yet: p = a / (a * 1) = 1, surprisal 0
        assertThat(Surprisal.nats(0, 0, 0, 1.0)).isEqualTo(0.0);
    }

    @Test
    void rareClassIsMoreSurprisingThanFrequentClass() {
        assertThat(Surprisal.nats(1, 1000, 3, 1.0)).isGreaterThan(Surprisal.nats(900, 1000, 3, 1.0));
    }

    @Test
    void aDominantClassKeepsAnExactSmallSurprisal() {
        // c = 1e9, C = 1e9 + 1, V = 2, a = 1: -ln p = ln(1 + 3 / (1e9 + 1)) = log1p(3 / (1e9 + 1))
        double exact = ExactMath.ln(BigDecimal.ONE.add(new BigDecimal(3).divide(new BigDecimal("1000000001"), ExactMath.MC))).doubleValue();
        double actual = Surprisal.nats(1e9, 1e9 + 1, 2, 1.0);
        assertThat(Math.abs(actual - exact)).isLessThanOrEqualTo(2 * Math.ulp(exact));
    }

    @Test
    void natsAreWithinFourUlpOfExactOnRandomCounts() {
        SplittableRandom random = new SplittableRandom(13);
        for (int n = 0; n < 2000; n++) {
            double total = Math.floor(random.nextDouble() * 1e6);
            double count = Math.floor(random.nextDouble() * total);
            double distinct = 1 + random.nextInt(100);
            double alpha = random.nextDouble() * 2;
            BigDecimal den = new BigDecimal(total).add(new BigDecimal(alpha).multiply(new BigDecimal(distinct + 1)));
            BigDecimal num = new BigDecimal(count).add(new BigDecimal(alpha));
            BigDecimal exact = ExactMath.ln(den.divide(num, ExactMath.MC));
            assertThat(ExactMath.ulpError(Surprisal.nats(count, total, distinct, alpha), exact))
                    .as("nats(%s, %s, %s, %s)", count, total, distinct, alpha)
                    .isLessThanOrEqualTo(4.0);
        }
    }

    @Test
    void withoutSmoothingAnUnseenClassIsInfinitelySurprising() {
        assertThat(Surprisal.nats(0, 10, 2, 0.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Surprisal.oneIn(0, 10, 2, 0.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Surprisal.probability(5, 10, 2, 0.0)).isEqualTo(0.5);
    }

    @Test
    void rejectsBadCounts() {
        assertThatThrownBy(() -> Surprisal.nats(-1, 4, 2, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Count must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> Surprisal.nats(1, 4, 2, -0.5))
                .hasMessage("Smoothing alpha must be finite and >= 0, was -0.5");
        assertThatThrownBy(() -> Surprisal.nats(5, 4, 2, 1.0))
                .hasMessage("Count must be <= total, was count 5.0 > total 4.0");
        assertThatThrownBy(() -> Surprisal.nats(1, Double.NaN, 2, 1.0))
                .hasMessage("Total must be finite and >= 0, was NaN");
        assertThatThrownBy(() -> Surprisal.nats(0, 0, 0, 0.0))
                .hasMessageStartingWith("Total must be > 0 when smoothing alpha is 0");
    }
}
