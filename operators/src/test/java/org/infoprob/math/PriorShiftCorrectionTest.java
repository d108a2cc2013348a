package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link PriorShiftCorrection} on a K = 3 model that is the exact Bayes posterior under uniform
 * training priors: x | y ~ N(mu_y, I) in 2-D, mu_y = 2 (cos(2 pi y / 3), sin(2 pi y / 3)), so
 * p(y | x) = softmax(x . mu_y) (the |mu_y|^2 terms are equal). At test time the labels come from
 * priors (0.7, 0.2, 0.1); the model still reports the uniform-prior posterior.
 */
class PriorShiftCorrectionTest {

    private static final double[] UNIFORM = {1 / 3.0, 1 / 3.0, 1 / 3.0};
    private static final double[] SHIFTED = {0.7, 0.2, 0.1};

    @Test
    void estimatesTheShiftedPriorsWithoutLabelsAndLowersTheLogLoss() {
        SplittableRandom random = new SplittableRandom(77L);
        PriorShiftCorrection shift = PriorShiftCorrection.builder(UNIFORM)
                .setCapacity(5_000).setHalfLife(Double.POSITIVE_INFINITY).build();
        for (int n = 0; n < 5_000; n++) {
            shift.observe(posterior(random, Synthetic.draw(random, SHIFTED)));
        }
        PriorFit fit = shift.fit();
        double[] priors = fit.priors();
        System.out.printf("prior shift, n=5000: priors (%.4f, %.4f, %.4f), true (0.7, 0.2, 0.1), %s after %d EM steps%n",
                priors[0], priors[1], priors[2], fit.status(), fit.iterations());
        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        for (int i = 0; i < 3; i++) {
            assertThat(priors[i]).as("prior %d", i).isCloseTo(SHIFTED[i], within(0.02));
        }

        // Held-out labelled events from the shifted distribution.
        LogLoss uncorrected = new LogLoss();
        LogLoss corrected = new LogLoss();
        LogLoss oracle = new LogLoss();
        double[] out = new double[3];
        for (int n = 0; n < 20_000; n++) {
            int y = Synthetic.draw(random, SHIFTED);
            double[] p = posterior(random, y);
            uncorrected.accept(p, y);
            shift.correct(p, out);
            corrected.accept(out, y);
            double[] bayes = new double[3];
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                bayes[i] = p[i] * SHIFTED[i];
                sum += bayes[i];
            }
            for (int i = 0; i < 3; i++) {
                bayes[i] /= sum;
            }
            oracle.accept(bayes, y);
        }
        System.out.printf("prior shift: held-out log loss uncorrected %.4f, corrected %.4f, with the true priors %.4f%n",
                uncorrected.result(), corrected.result(), oracle.result());
        assertThat(corrected.result()).isLessThan(uncorrected.result());
        assertThat(corrected.result()).isCloseTo(oracle.result(), within(0.002));
    }

    @Test
    void emReachesTheHandComputedMaximumLikelihoodPriors() {
        // K = 2, uniform training priors, predictions (0.9, 0.1) and (0.2, 0.8). The likelihood
        // of prior u for class 0 is (0.9 u + 0.1 (1 - u)) (0.2 u + 0.8 (1 - u)) = (0.1 + 0.8 u)(0.8 - 0.6 u),
        // maximal where 0.8 (0.8 - 0.6 u) = 0.6 (0.1 + 0.8 u), i.e. u = 0.58 / 0.96 = 29/48.
        // Corrected (0.9, 0.1): r = (29/24, 19/24), out ~ (0.9 * 29, 0.1 * 19) = (26.1, 1.9) / 28.
        PriorShiftCorrection shift = PriorShiftCorrection.builder(new double[] {0.5, 0.5})
                .setMinExamples(2).setHalfLife(Double.POSITIVE_INFINITY).build();
        shift.observe(new double[] {0.9, 0.1});
        shift.observe(new double[] {0.2, 0.8});
        PriorFit fit = shift.fit();
        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        assertThat(fit.change()).isLessThanOrEqualTo(PriorShiftCorrection.TOLERANCE);
        assertThat(fit.priors()[0]).isCloseTo(29 / 48.0, within(1e-5));
        double[] out = new double[2];
        shift.correct(new double[] {0.9, 0.1}, out);
        assertThat(out[0]).isCloseTo(26.1 / 28, within(1e-5));
        assertThat(out[0] + out[1]).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void beforeAnyFitTheCorrectionIsTheIdentity() {
        PriorShiftCorrection shift = PriorShiftCorrection.builder(new double[] {0.2, 0.8}).build();
        shift.observe(new double[] {0.3, 0.7});
        PriorFit fit = shift.fit();
        assertThat(fit.status()).isEqualTo(FitStatus.TOO_FEW_EXAMPLES);
        assertThat(fit.priors()).containsExactly(0.2, 0.8);
        double[] p = {0.3, 0.7};
        shift.correct(p, p);
        assertThat(p[0]).isCloseTo(0.3, within(1e-15));
    }

    @Test
    void aClassNoPredictionSupportsGetsPriorZeroAndOneClassStaysOne() {
        PriorShiftCorrection shift = PriorShiftCorrection.builder(UNIFORM).setMinExamples(1).build();
        shift.observe(new double[] {0.5, 0.5, 0.0});
        shift.observe(new double[] {0.25, 0.75, 0.0});
        assertThat(shift.fit().priors()[2]).isEqualTo(0.0);
        double[] out = new double[3];
        shift.correct(new double[] {0.0, 0.0, 1.0}, out);
        assertThat(out).as("no mass on a supported class: returned unchanged").containsExactly(0.0, 0.0, 1.0);

        PriorShiftCorrection single = PriorShiftCorrection.builder(new double[] {1.0}).setMinExamples(1).build();
        single.observe(new double[] {1.0});
        PriorFit fit = single.fit();
        assertThat(fit.priors()).containsExactly(1.0);
        assertThat(fit.iterations()).isEqualTo(1);
    }

    @Test
    void badInputIsRejected() {
        PriorShiftCorrection shift = PriorShiftCorrection.builder(UNIFORM).build();
        assertThatThrownBy(() -> shift.observe(new double[] {0.5, Double.NaN, 0.5}))
                .isInstanceOfSatisfying(InvalidScoresException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidScoresException.Kind.NAN));
        assertThatThrownBy(() -> shift.observe(new double[] {0.5, 1.5, 0.5}))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Probability must be in [0, 1], was 1.5 at index 1");
        assertThatThrownBy(() -> shift.observe(new double[] {0, 0, 0}))
                .hasMessage("Probabilities must not all be 0");
        assertThatThrownBy(() -> PriorShiftCorrection.builder(new double[] {0.5, 0.6}))
                .hasMessage("Training priors must sum to 1, was 1.1");
        assertThatThrownBy(() -> PriorShiftCorrection.builder(new double[] {1.0, 0.0}))
                .hasMessage("Training priors must be in (0, 1], was 0.0 at index 1");
    }

    /** One event of class y: x ~ N(mu_y, I), and the model's uniform-prior posterior of x. */
    private static double[] posterior(SplittableRandom random, int y) {
        double x0 = 2 * Math.cos(2 * Math.PI * y / 3) + random.nextGaussian();
        double x1 = 2 * Math.sin(2 * Math.PI * y / 3) + random.nextGaussian();
        double[] s = new double[3];
        for (int k = 0; k < 3; k++) {
            s[k] = 2 * (x0 * Math.cos(2 * Math.PI * k / 3) + x1 * Math.sin(2 * Math.PI * k / 3));
        }
        return Synthetic.softmax(s, 1.0);
    }
}
