package org.infoprob.internal;

import org.infoprob.math.Ranking;
import org.infoprob.math.Softmax;
import org.infoprob.math.Surprisal;
import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The reason code for each refusal of the math core. */
class DeadLetterCauseTest {

    @Test
    void invalidScoresMapToTheirReasonByKind() {
        assertThat(reasonOf(() -> Softmax.probabilities(new double[] {Double.NaN})))
                .isEqualTo(Reason.NON_FINITE_SCORE);
        assertThat(reasonOf(() -> Softmax.probabilities(new double[] {Double.NEGATIVE_INFINITY})))
                .isEqualTo(Reason.ALL_NEGATIVE_INFINITY);
        assertThat(reasonOf(() -> Softmax.probabilities(new double[0]))).isEqualTo(Reason.EMPTY_SCORES);
    }

    @Test
    void badArgumentsAreOutOfRange() {
        assertThat(reasonOf(() -> Softmax.probabilities(new double[] {1.0}, 0.0))).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(reasonOf(() -> Ranking.topK(new double[] {1.0}, 0))).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(reasonOf(() -> Surprisal.nats(5, 4, 2, 1))).isEqualTo(Reason.OUT_OF_RANGE);
    }

    private static Reason reasonOf(Runnable refused) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, refused::run);
        assertThat(e).as("the math core refuses").isNotNull();
        return DeadLetterCause.reasonOf(e);
    }
}
