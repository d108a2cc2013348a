package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link TemperatureScaling} against data whose true temperature is known, and against
 * closed-form optima. The data: K = 5 logits s ~ N(0, 4^2) per class; the labels are drawn from
 * softmax(s / 2.5) (by {@link Synthetic}, not by the code under test) while the model reports
 * softmax(s), so the model is over-confident and the right temperature is 2.5.
 */
class TemperatureScalingTest {

    private static final int K = 5;
    private static final double SIGMA = 4.0;
    private static final double TRUE_T = 2.5;

    @Test
    void fittedTemperatureIsWithinThreeStandardErrorsAfter5000AndOnePercentAfter50000() {
        SplittableRandom random = new SplittableRandom(20_240_501L);
        TemperatureScaling scaling = TemperatureScaling.builder(K)
                .setCapacity(50_000).setHalfLife(Double.POSITIVE_INFINITY).build();
        // Fisher information of the NLL in beta = 1/T at the true beta: sum_n Var_{softmax(beta s_n)}[s_n],
        // summed here by the test itself; SE(T) = SE(beta) / beta^2 = 1 / (beta^2 sqrt(I)).
        double beta = 1 / TRUE_T;
        double fisher = 0;
        for (int n = 1; n <= 50_000; n++) {
            double[] s = Synthetic.logits(random, K, SIGMA);
            scaling.observe(s, Synthetic.draw(random, Synthetic.softmax(s, TRUE_T)));
            fisher += varianceOfScores(s, beta);
            if (n == 5_000 || n == 50_000) {
                TemperatureFit fit = scaling.fit();
                double se = 1 / (beta * beta * Math.sqrt(fisher));
                System.out.printf(
                        "temperature scaling, n=%d: T=%.4f (true 2.5), SE from Fisher information at the true beta %.4f,"
                                + " fit's own SE %.4f, |T - 2.5| / SE = %.2f, status %s after %d iterations%n",
                        n, fit.temperature(), se, fit.standardError(),
                        Math.abs(fit.temperature() - TRUE_T) / se, fit.status(), fit.iterations());
                assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
                assertThat(fit.temperature()).as("n = %d", n).isCloseTo(TRUE_T, within(3 * se));
                assertThat(fit.standardError()).as("the fit's SE, at its own beta").isCloseTo(se, within(0.1 * se));
                if (n == 50_000) {
                    assertThat(fit.temperature()).as("within 1%").isCloseTo(TRUE_T, within(0.01 * TRUE_T));
                }
            }
        }
    }

    @Test
    void heldOutEceFallsBelowOnePercentAndLogLossNeverRisesAfterAFit() {
        // 200,000 held-out events: with 15 equal-mass bins of ~13,000 events the sampling noise
        // of each bin's accuracy is ~0.004, well below the 0.01 asserted.
        SplittableRandom heldOutRandom = new SplittableRandom(7L);
        int m = 200_000;
        double[][] heldOut = new double[m][];
        int[] labels = new int[m];
        for (int n = 0; n < m; n++) {
            heldOut[n] = Synthetic.logits(heldOutRandom, K, SIGMA);
            labels[n] = Synthetic.draw(heldOutRandom, Synthetic.softmax(heldOut[n], TRUE_T));
        }
        TemperatureScaling scaling = TemperatureScaling.builder(K)
                .setCapacity(50_000).setHalfLife(Double.POSITIVE_INFINITY).build();
        CalibrationError before = new CalibrationError();
        LogLoss lossBefore = new LogLoss();
        evaluate(scaling, heldOut, labels, before, lossBefore);
        System.out.printf("uncalibrated (T=1): held-out ECE %.4f, log loss %.4f%n", before.result(), lossBefore.result());
        LogLoss oracle = new LogLoss();
        for (int n = 0; n < m; n++) {
            oracle.accept(Synthetic.softmax(heldOut[n], TRUE_T), labels[n]);
        }

        SplittableRandom random = new SplittableRandom(11L);
        CalibrationError after = null;
        for (int checkpoint = 1; checkpoint <= 10; checkpoint++) {
            for (int n = 0; n < 5_000; n++) {
                double[] s = Synthetic.logits(random, K, SIGMA);
                scaling.observe(s, Synthetic.draw(random, Synthetic.softmax(s, TRUE_T)));
            }
            TemperatureFit fit = scaling.fit();
            after = new CalibrationError();
            LogLoss loss = new LogLoss();
            evaluate(scaling, heldOut, labels, after, loss);
            System.out.printf("after %d labels (effective %.0f): T=%.4f, held-out ECE %.4f, log loss %.5f (oracle T=2.5: %.5f)%n",
                    checkpoint * 5_000, fit.effectiveExamples(), fit.temperature(), after.result(), loss.result(), oracle.result());
            assertThat(loss.result()).as("log loss after fit %d", checkpoint).isLessThan(lossBefore.result());
            assertThat(loss.result()).as("log loss at most 0.1%% above the oracle's").isLessThan(oracle.result() * 1.001);
        }
        assertThat(before.result()).as("uncalibrated ECE").isGreaterThan(0.1);
        assertThat(after.result()).as("calibrated ECE").isLessThan(0.01);
    }

    @Test
    void twoClassOptimumIsTheLogitOfTheLabelFrequency() {
        // Scores {0, 1}, class 1 in 3 of 4 examples: NLL(beta) = -3 beta + 4 ln(1 + e^beta) is
        // minimal where sigmoid(beta) = 3/4, so beta = ln 3, T = 1 / ln 3 = 0.9102392266268373;
        // the mean NLL there is the Bernoulli(3/4) entropy -(3/4) ln(3/4) - (1/4) ln(1/4) = 0.5623351446188083.
        TemperatureScaling scaling = TemperatureScaling.builder(2)
                .setMinExamples(4).setHalfLife(Double.POSITIVE_INFINITY).build();
        double[] s = {0.0, 1.0};
        scaling.observe(s, 0);
        scaling.observe(s, 1);
        scaling.observe(s, 1);
        scaling.observe(s, 1);
        TemperatureFit fit = scaling.fit();
        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        assertThat(fit.temperature()).isCloseTo(1 / Math.log(3), within(1e-12));
        assertThat(fit.negativeLogLikelihood()).isCloseTo(0.5623351446188083, within(1e-12));
        assertThat(scaling.temperature()).isEqualTo(fit.temperature());
    }

    @Test
    void decayWeighsRecentExamplesByTheirHalfLife() {
        // Half-life 1: weights 1, 1/2, 1/4, 1/8 from newest to oldest. Labels oldest first 0, 1, 1, 1:
        // weighted frequency of class 1 is (1 + 1/2 + 1/4) / (15/8) = 14/15, so beta = ln 14, T = 1 / ln 14.
        TemperatureScaling scaling = TemperatureScaling.builder(2).setMinExamples(4).setHalfLife(1).build();
        double[] s = {0.0, 1.0};
        scaling.observe(s, 0);
        scaling.observe(s, 1);
        scaling.observe(s, 1);
        scaling.observe(s, 1);
        assertThat(scaling.fit().temperature()).isCloseTo(1 / Math.log(14), within(1e-12));
        assertThat(scaling.effectiveSize()).as("(15/8)^2 / (85/64)").isCloseTo(225.0 / 85, within(1e-12));
    }

    @Test
    void warmStartFromTheLastFitConvergesAtOnce() {
        SplittableRandom random = new SplittableRandom(3L);
        TemperatureScaling scaling = TemperatureScaling.builder(K).build();
        for (int n = 0; n < 2_000; n++) {
            double[] s = Synthetic.logits(random, K, SIGMA);
            scaling.observe(s, Synthetic.draw(random, Synthetic.softmax(s, TRUE_T)));
        }
        TemperatureFit first = scaling.fit();
        TemperatureFit again = scaling.fit();
        assertThat(first.iterations()).isGreaterThan(2);
        assertThat(again.iterations()).isLessThanOrEqualTo(2);
        assertThat(again.temperature()).isCloseTo(first.temperature(), within(1e-8));
    }

    @Test
    void probabilitiesAreTheProjectSoftmaxAtTheFittedTemperature() {
        TemperatureScaling scaling = TemperatureScaling.builder(3).setInitialTemperature(2.0).build();
        double[] out = new double[3];
        scaling.probabilities(new double[] {1.0, 2.0, 3.0}, out);
        assertThat(out).containsExactly(Softmax.probabilities(new double[] {1.0, 2.0, 3.0}, 2.0));
    }

    @Test
    void tooFewExamplesKeepThePreviousTemperature() {
        TemperatureScaling scaling = TemperatureScaling.builder(3).setInitialTemperature(1.5).build();
        for (int n = 0; n < 99; n++) {
            scaling.observe(new double[] {n % 3, 0.0, 1.0}, n % 3);
        }
        TemperatureFit fit = scaling.fit();
        assertThat(fit.status()).isEqualTo(FitStatus.TOO_FEW_EXAMPLES);
        assertThat(fit.examples()).isEqualTo(99);
        assertThat(scaling.temperature()).isEqualTo(1.5);
    }

    @Test
    void uniformPredictionsAndASingleClassCarryNoInformation() {
        TemperatureScaling uniform = TemperatureScaling.builder(3).setMinExamples(1).build();
        TemperatureScaling single = TemperatureScaling.builder(1).setMinExamples(1).build();
        for (int n = 0; n < 10; n++) {
            uniform.observe(new double[] {n, n, n}, n % 3);
            single.observe(new double[] {n}, 0);
        }
        assertThat(uniform.fit().status()).isEqualTo(FitStatus.NO_INFORMATION);
        assertThat(single.fit().status()).isEqualTo(FitStatus.NO_INFORMATION);
        assertThat(uniform.temperature()).isEqualTo(1.0);
        double[] out = new double[1];
        single.probabilities(new double[] {42.0}, out);
        assertThat(out).containsExactly(1.0);
    }

    @Test
    void labelsThatAreAlwaysTheArgmaxClampTheTemperatureToItsMinimum() {
        SplittableRandom random = new SplittableRandom(5L);
        TemperatureScaling scaling = TemperatureScaling.builder(K).build();
        for (int n = 0; n < 500; n++) {
            double[] s = Synthetic.logits(random, K, SIGMA);
            scaling.observe(s, Ranking.argmax(s));
        }
        TemperatureFit fit = scaling.fit();
        assertThat(fit.status()).isEqualTo(FitStatus.AT_BOUND);
        assertThat(fit.temperature()).isEqualTo(0.05);
    }

    @Test
    void labelsUnrelatedToTheScoresFlattenThePredictions() {
        // Every label is class 0 whatever the scores: the scores say nothing, the best fit is
        // (nearly) uniform, i.e. a temperature at or near the top of the range [0.05, 100].
        SplittableRandom random = new SplittableRandom(9L);
        TemperatureScaling scaling = TemperatureScaling.builder(K).build();
        for (int n = 0; n < 1_000; n++) {
            scaling.observe(Synthetic.logits(random, K, SIGMA), 0);
        }
        TemperatureFit fit = scaling.fit();
        assertThat(fit.status().updated()).isTrue();
        assertThat(fit.temperature()).isGreaterThan(20).isLessThanOrEqualTo(100);
    }

    @Test
    void examplesWhoseLikelihoodIgnoresTheTemperatureAreSkipped() {
        // +inf entries fix p whatever T; a label scored -inf has p = 0 at every T. Neither may
        // move the fit: it must equal the fit without them, to the bit.
        SplittableRandom random = new SplittableRandom(13L);
        TemperatureScaling with = TemperatureScaling.builder(K).setHalfLife(Double.POSITIVE_INFINITY).build();
        TemperatureScaling without = TemperatureScaling.builder(K).setHalfLife(Double.POSITIVE_INFINITY).build();
        for (int n = 0; n < 1_000; n++) {
            double[] s = Synthetic.logits(random, K, SIGMA);
            int y = Synthetic.draw(random, Synthetic.softmax(s, TRUE_T));
            with.observe(s, y);
            without.observe(s, y);
            if (n % 100 == 0) {
                with.observe(new double[] {Double.POSITIVE_INFINITY, 0, 1, 2, 3}, 1);
                with.observe(new double[] {Double.NEGATIVE_INFINITY, 0, 1, 2, 3}, 0);
            }
        }
        TemperatureFit a = with.fit();
        TemperatureFit b = without.fit();
        assertThat(a.examples()).isEqualTo(1_000);
        assertThat(a.temperature()).isEqualTo(b.temperature());
        // A -inf entry that is not the label just gets probability 0 at every T.
        with.observe(new double[] {Double.NEGATIVE_INFINITY, 0, 1, 2, 3}, 4);
        assertThat(with.fit().examples()).isEqualTo(1_001);
    }

    @Test
    void badInputIsRejectedWithTheProjectsExceptions() {
        TemperatureScaling scaling = TemperatureScaling.builder(3).build();
        assertThatThrownBy(() -> scaling.observe(new double[] {0, Double.NaN, 1}, 0))
                .isInstanceOfSatisfying(InvalidScoresException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidScoresException.Kind.NAN));
        double ninf = Double.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> scaling.observe(new double[] {ninf, ninf, ninf}, 0))
                .isInstanceOfSatisfying(InvalidScoresException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidScoresException.Kind.ALL_NEGATIVE_INFINITY));
        assertThatThrownBy(() -> scaling.observe(new double[0], 0))
                .isInstanceOfSatisfying(InvalidScoresException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidScoresException.Kind.EMPTY));
        assertThatThrownBy(() -> scaling.observe(new double[] {0, 1}, 0))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("The scores must have length 3 (the number of classes), was 2");
        assertThatThrownBy(() -> scaling.observe(new double[] {0, 1, 2}, 3))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Label must be in [0, 3), was 3");
        assertThat(scaling.size()).isZero();
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> TemperatureScaling.builder(0))
                .hasMessage("Classes must be >= 1, was 0");
        assertThatThrownBy(() -> TemperatureScaling.builder(3).setTemperatureRange(2, 1).build())
                .hasMessage("Temperature range must have min < max, was [2.0, 1.0]");
        assertThatThrownBy(() -> TemperatureScaling.builder(3).setTemperatureRange(-1, 1).build())
                .hasMessage("Temperature must be finite and > 0, was -1.0");
        assertThatThrownBy(() -> TemperatureScaling.builder(3).setInitialTemperature(200).build())
                .hasMessage("Initial temperature must be in [0.05, 100.0], was 200.0");
        assertThatThrownBy(() -> TemperatureScaling.builder(3).setHalfLife(0).build())
                .hasMessage("Half-life must be > 0 (in examples; Infinity for no decay), was 0.0");
        assertThatThrownBy(() -> TemperatureScaling.builder(3).setCapacity(0).build())
                .hasMessage("Capacity must be >= 1, was 0");
    }

    @Test
    void copyIsIndependent() {
        TemperatureScaling scaling = TemperatureScaling.builder(2).setMinExamples(4).build();
        double[] s = {0.0, 1.0};
        for (int y : new int[] {0, 1, 1, 1}) {
            scaling.observe(s, y);
        }
        TemperatureScaling copy = scaling.copy();
        scaling.observe(s, 0);
        assertThat(copy.size()).isEqualTo(4);
        assertThat(copy.fit().temperature()).isNotEqualTo(scaling.fit().temperature());
    }

    private static void evaluate(TemperatureScaling scaling, double[][] scores, int[] labels,
            CalibrationError ece, LogLoss loss) {
        double[] p = new double[K];
        for (int n = 0; n < scores.length; n++) {
            scaling.probabilities(scores[n], p);
            ece.accept(p, labels[n]);
            loss.accept(p, labels[n]);
        }
    }

    /** Var_{softmax(beta s)}[s], the Fisher information of one example in beta. */
    private static double varianceOfScores(double[] s, double beta) {
        double[] p = Synthetic.softmax(s, 1 / beta);
        double mean = 0;
        double square = 0;
        for (int i = 0; i < s.length; i++) {
            mean += p[i] * s[i];
            square += p[i] * s[i] * s[i];
        }
        return square - mean * mean;
    }
}
