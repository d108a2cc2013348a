package org.infoprob.information;

import org.infoprob.math.InformationScorer;
import org.infoprob.math.Smoothing;

/**
 * The scoring settings of the builders of {@link InformationFunction} and {@link
 * InformationWindowFunction}, with their defaults in one place: {@link Smoothing#ADDITIVE},
 * {@code a = 1}, {@code T = 1}.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class ScorerBuilder<B extends ScorerBuilder<B>> {

    private Smoothing smoothing = Smoothing.ADDITIVE;
    private double alpha = 1.0;
    private double temperature = 1.0;

    ScorerBuilder() {}

    abstract B self();

    /**
     * How the unseen slot is sized: {@link Smoothing#ADDITIVE} or {@link Smoothing#GOOD_TURING};
     * default {@link Smoothing#ADDITIVE}.
     */
    public B setSmoothing(Smoothing smoothing) {
        this.smoothing = smoothing;
        return self();
    }

    /**
     * Additive smoothing {@code a}, in [{@value InformationScorer#MIN_ALPHA}, {@value
     * InformationScorer#MAX_ALPHA}] (so every output is finite); default 1.
     */
    public B setAlpha(double alpha) {
        this.alpha = alpha;
        return self();
    }

    /** Temperature {@code T} of the rarity softmax: finite and &gt; 0; default 1. */
    public B setTemperature(double temperature) {
        this.temperature = temperature;
        return self();
    }

    /** @throws IllegalArgumentException naming the first bad scoring setting */
    final ScorerSettings scorerSettings() {
        return new ScorerSettings(smoothing, alpha, temperature);
    }
}
