package org.infoprob.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The argument checks of the math classes: data without a distribution throws {@link
 * InvalidScoresException}, anything else out of range a plain {@link IllegalArgumentException},
 * with the messages the operators pass on.
 */
class ChecksTest {

    @Test
    void settingsAndBuffers() {
        assertThatThrownBy(() -> Checks.temperature(Double.POSITIVE_INFINITY))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Temperature must be finite and > 0, was Infinity");
        assertThatThrownBy(() -> Checks.length("scores", new double[2], 3))
                .hasMessage("Length must be in [0, 2] (the length of scores), was 3");
        assertThatThrownBy(() -> Checks.length("scores", null, 0)).hasMessage("scores must not be null");
        assertThatThrownBy(() -> Checks.buffer("out", new double[1], 2))
                .hasMessage("out must have length >= 2 (the number of scores), was 1");
        assertThatThrownBy(() -> Checks.sameLength("out", new double[1], new double[2]))
                .hasMessage("out must have the same length as the scores (2), was 1");
        assertThat(Checks.atLeast("Capacity", 1, 1)).isEqualTo(1);
        assertThatThrownBy(() -> Checks.atLeast("Capacity", 0, 1)).hasMessage("Capacity must be >= 1, was 0");
        assertThatThrownBy(() -> Checks.openInterval("Step size", 1.0, 0.0, 1.0))
                .hasMessage("Step size must be in (0.0, 1.0), was 1.0");
        assertThatThrownBy(() -> Checks.count(-1)).hasMessage("Count must be >= 0, was -1");
    }

    @Test
    void scoresWithoutADistributionAreInvalidScores() {
        assertThatThrownBy(() -> Checks.scores(new double[0], 0))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessage("Scores must not be empty, was length 0");
        assertThatThrownBy(() -> Checks.scores(new double[] {0, Double.NaN}, 2))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessage("Scores must not be NaN, was NaN at index 1");
        assertThatThrownBy(() -> Checks.scores(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 2))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessageStartingWith("Scores must hold at least one entry > -Infinity");
        assertThatCode(() -> Checks.scores(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, 2))
                .as("single infinities are allowed")
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Checks.scores(new double[] {0, 1}, 3))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("The scores must have length 3 (the number of classes), was 2");
    }

    @Test
    void labelledPredictionsNeedProbabilitiesAndALabelInRange() {
        assertThatCode(() -> Checks.labelledPrediction(new double[] {0.0, 1.0}, 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Checks.labelledPrediction(null, 0)).hasMessage("probabilities must not be null");
        assertThatThrownBy(() -> Checks.labelledPrediction(new double[] {0.5, 1.5}, 0))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Probability must be in [0, 1], was 1.5 at index 1");
        assertThatThrownBy(() -> Checks.labelledPrediction(new double[] {Double.NaN, 0.5}, 0))
                .isInstanceOf(InvalidScoresException.class);
        assertThatThrownBy(() -> Checks.labelledPrediction(new double[] {0.5, 0.5}, 2))
                .hasMessage("Label must be in [0, 2), was 2");
        assertThatThrownBy(() -> Checks.labelledPrediction(new double[] {0.5, 0.5}, -1))
                .hasMessage("Label must be in [0, 2), was -1");
    }
}
