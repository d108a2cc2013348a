package org.infoprob.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landmark rule of {@link ForwardDecay} that the information operator's {@code ClassCounts}
 * and SQL's {@code DecayingClassCountAccumulator} share, by hand from its javadoc: L moves by
 * whole half-lives once now - L reaches 256 of them, to now itself beyond 2200.
 */
class ForwardDecayTest {

    private static final long H = 1_000L;

    @Test
    void theLandmarkStaysWhileNowIsLessThan256HalfLivesAhead() {
        assertThat(ForwardDecay.halfLivesToMove(255_999L, 0L, H)).isZero();
        assertThat(ForwardDecay.halfLivesToMove(5L, 10L, H)).as("now behind L").isZero();
    }

    @Test
    void itMovesByTheWholeHalfLivesBehindAndTheWeightsScaleByTheSamePowerOfTwo() {
        // 256.5 half-lives behind: k = 256, L = 0 + 256 * 1000, weights times 2^-256.
        long k = ForwardDecay.halfLivesToMove(256_500L, 0L, H);
        assertThat(k).isEqualTo(256L);
        assertThat(ForwardDecay.movedLandmark(256_500L, 0L, k, H)).isEqualTo(256_000L);
        assertThat(ForwardDecay.rescaleExponent(k)).isEqualTo(-256);
        // A stored weight 2^{(t - L)/h} relative to the new landmark: 2^{0.5} * 2^256 * 2^-256.
        double g = ForwardDecay.pow2(256_500L, H);
        assertThat(Math.scalb(g, ForwardDecay.rescaleExponent(k))).isEqualTo(ForwardDecay.pow2(500L, H));
    }

    @Test
    void beyond2200HalfLivesTheLandmarkIsNowAndEveryWeightBecomesZero() {
        long now = 5_000_000L;
        long k = ForwardDecay.halfLivesToMove(now, 0L, H);
        assertThat(k).isEqualTo(5_000L);
        assertThat(ForwardDecay.movedLandmark(now, 0L, k, H)).isEqualTo(now);
        assertThat(ForwardDecay.rescaleExponent(k)).isEqualTo(-2200);
        assertThat(Math.scalb(Double.MAX_VALUE, ForwardDecay.rescaleExponent(k))).isZero();
        // Saturated differences (times at the ends of the long range) give the clamp, not an overflow.
        assertThat(ForwardDecay.rescaleExponent(ForwardDecay.halfLivesToMove(Long.MAX_VALUE, Long.MIN_VALUE, H)))
                .isEqualTo(-2200);
    }
}
