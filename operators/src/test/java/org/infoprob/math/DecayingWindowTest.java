package org.infoprob.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The ring buffer and weights every calibration fit reads. */
class DecayingWindowTest {

    @Test
    void keepsTheNewestRowsAndReadsThemByAge() {
        DecayingWindow window = new DecayingWindow(2, true, 3, Double.POSITIVE_INFINITY);
        for (int n = 0; n < 5; n++) {
            window.put(new double[] {n, -n}, n % 2);
        }
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.added()).isEqualTo(5);
        double[] v = window.values();
        // Ages 0, 1, 2 are rows 4, 3, 2.
        assertThat(v[window.offset(0)]).isEqualTo(4.0);
        assertThat(v[window.offset(0) + 1]).isEqualTo(-4.0);
        assertThat(v[window.offset(2)]).isEqualTo(2.0);
        assertThat(window.label(1)).isEqualTo(1);
        assertThat(window.effectiveSize()).isEqualTo(3.0);
        DecayingWindow copy = window.copy();
        window.put(new double[] {9, 9}, 0);
        assertThat(copy.values()[copy.offset(0)]).isEqualTo(4.0);
        window.clear();
        assertThat(window.size()).isZero();
    }

    @Test
    void effectiveSizeMatchesTheDirectSumOfTheWeights() {
        // Weights 2^(-a/h) for ages a = 0..n-1, summed here one by one: (sum w)^2 / sum w^2.
        double h = 7.5;
        DecayingWindow window = new DecayingWindow(1, false, 100, h);
        for (int n = 0; n < 40; n++) {
            window.put(n, 0);
        }
        double sum = 0;
        double squares = 0;
        for (int a = 0; a < 40; a++) {
            double w = Math.pow(2, -a / h);
            sum += w;
            squares += w * w;
        }
        assertThat(window.effectiveSize()).isCloseTo(sum * sum / squares, within(1e-12));
        assertThat(Math.pow(window.ratio(), h)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new DecayingWindow(1, true, 0, 1))
                .hasMessage("Capacity must be >= 1, was 0");
        assertThatThrownBy(() -> new DecayingWindow(1, true, 1, Double.NaN))
                .hasMessage("Half-life must be > 0 (in examples; Infinity for no decay), was NaN");
        assertThatThrownBy(() -> new DecayingWindow(1 << 16, true, 1 << 16, 1))
                .hasMessageStartingWith("Capacity * width must be at most");
    }
}
