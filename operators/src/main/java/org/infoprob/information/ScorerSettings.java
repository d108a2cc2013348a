package org.infoprob.information;

import org.infoprob.math.InformationScorer;
import org.infoprob.math.Smoothing;

import java.io.Serializable;

/**
 * The scoring settings both information operators share: how the unseen slot is sized, the
 * additive smoothing {@code a} and the rarity temperature {@code T}. Checked when built (by
 * {@link InformationScorer#of}); each operator instance makes its scorer in {@code open()}.
 */
record ScorerSettings(Smoothing smoothing, double alpha, double temperature) implements Serializable {

    /** @throws IllegalArgumentException naming the first bad setting */
    ScorerSettings {
        InformationScorer.of(smoothing, alpha, temperature);
    }

    InformationScorer scorer() {
        return InformationScorer.of(smoothing, alpha, temperature);
    }
}
