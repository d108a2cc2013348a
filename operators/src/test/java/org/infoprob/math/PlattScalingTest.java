package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link PlattScaling} against data from a known sigmoid and against closed-form optima. The
 * data: scores s ~ N(0, 1.5^2), labels positive with probability sigmoid(2 s - 1) (drawn by the
 * test), so the right fit is a = 2, b = -1.
 */
class PlattScalingTest {

    @Test
    void fitIsWithinThreeStandardErrorsAfter5000AndWithin005After50000() {
        SplittableRandom random = new SplittableRandom(424_242L);
        PlattScaling platt = PlattScaling.builder()
                .setCapacity(50_000).setHalfLife(Double.POSITIVE_INFINITY).build();
        // Fisher information at the true (a, b) = (2, -1), summed by the test:
        // I = sum_n p_n (1 - p_n) [[s^2, s], [s, 1]]; SE = sqrt(diag(I^-1)).
        double iaa = 0;
        double iab = 0;
        double ibb = 0;
        for (int n = 1; n <= 50_000; n++) {
            double s = 1.5 * random.nextGaussian();
            double p = Synthetic.sigmoid(2 * s - 1);
            platt.observe(s, random.nextDouble() < p);
            double pq = p * (1 - p);
            iaa += pq * s * s;
            iab += pq * s;
            ibb += pq;
            if (n == 5_000 || n == 50_000) {
                PlattFit fit = platt.fit();
                double det = iaa * ibb - iab * iab;
                double seA = Math.sqrt(ibb / det);
                double seB = Math.sqrt(iaa / det);
                System.out.printf(
                        "Platt, n=%d: a=%.4f (true 2, SE %.4f from the Fisher information, fit's own %.4f),"
                                + " b=%.4f (true -1, SE %.4f, fit's own %.4f), status %s after %d Newton steps%n",
                        n, fit.slope(), seA, fit.standardErrorSlope(), fit.intercept(), seB,
                        fit.standardErrorIntercept(), fit.status(), fit.iterations());
                assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
                assertThat(fit.slope()).as("a, n = %d", n).isCloseTo(2.0, within(3 * seA));
                assertThat(fit.intercept()).as("b, n = %d", n).isCloseTo(-1.0, within(3 * seB));
                assertThat(fit.standardErrorSlope()).isCloseTo(seA, within(0.1 * seA));
                assertThat(fit.standardErrorIntercept()).isCloseTo(seB, within(0.1 * seB));
                if (n == 50_000) {
                    assertThat(fit.slope()).isCloseTo(2.0, within(0.05));
                    assertThat(fit.intercept()).isCloseTo(-1.0, within(0.05));
                }
            }
        }
        assertThat(platt.probability(0.5)).as("sigmoid(a 0.5 + b) ~ sigmoid(0) = 1/2").isCloseTo(0.5, within(0.01));
    }

    @Test
    void twoScoreValuesAreFittedToTheirSmoothedTargetMeans() {
        // 4 positives, 4 negatives: targets t+ = (4 + 1)/(4 + 2) = 5/6, t- = 1/(4 + 2) = 1/6.
        // At s = +1: 3 positives, 1 negative -> mean target (3 * 5/6 + 1/6) / 4 = 2/3.
        // At s = -1: 1 positive, 3 negatives -> mean target (5/6 + 3 * 1/6) / 4 = 1/3.
        // Two free parameters fit both exactly: a + b = logit(2/3) = ln 2, -a + b = logit(1/3) = -ln 2,
        // so a = ln 2, b = 0; the objective is then the mean of the per-example cross-entropies
        // H(t, p) = -t ln p - (1 - t) ln(1 - p):
        // [3 H(5/6, 2/3) + H(1/6, 2/3) + H(5/6, 1/3) + 3 H(1/6, 1/3)] / 8.
        PlattScaling platt = PlattScaling.builder().setMinExamples(8).setHalfLife(Double.POSITIVE_INFINITY).build();
        boolean[] plusOne = {true, true, true, false};
        boolean[] minusOne = {true, false, false, false};
        for (int i = 0; i < 4; i++) {
            platt.observe(1.0, plusOne[i]);
            platt.observe(-1.0, minusOne[i]);
        }
        PlattFit fit = platt.fit();
        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        assertThat(fit.slope()).isCloseTo(Math.log(2), within(1e-9));
        assertThat(fit.intercept()).isCloseTo(0.0, within(1e-9));
        double expected = (3 * h(5 / 6.0, 2 / 3.0) + h(1 / 6.0, 2 / 3.0) + h(5 / 6.0, 1 / 3.0) + 3 * h(1 / 6.0, 1 / 3.0)) / 8;
        assertThat(fit.negativeLogLikelihood()).isCloseTo(expected, within(1e-12));
        assertThat(platt.probability(1.0)).isCloseTo(2 / 3.0, within(1e-9));
    }

    @Test
    void allLabelsPositiveGiveTheLogitOfThePositiveTarget() {
        // N+ = 200, N- = 0: every target is 201/202; the constant prediction 201/202 matches every
        // target, so a = 0 and b = logit(201/202) = ln 201.
        SplittableRandom random = new SplittableRandom(1L);
        PlattScaling platt = PlattScaling.builder().setHalfLife(Double.POSITIVE_INFINITY).build();
        for (int n = 0; n < 200; n++) {
            platt.observe(random.nextGaussian(), true);
        }
        PlattFit fit = platt.fit();
        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        assertThat(fit.slope()).isCloseTo(0.0, within(1e-6));
        assertThat(fit.intercept()).isCloseTo(Math.log(201), within(1e-6));
    }

    @Test
    void tooFewExamplesOrIdenticalScoresKeepTheParameters() {
        PlattScaling few = PlattScaling.builder().build();
        PlattScaling flat = PlattScaling.builder().build();
        for (int n = 0; n < 150; n++) {
            if (n < 99) {
                few.observe(n, n % 2 == 0);
            }
            flat.observe(0.25, n % 2 == 0);
        }
        assertThat(few.fit().status()).isEqualTo(FitStatus.TOO_FEW_EXAMPLES);
        assertThat(flat.fit().status()).isEqualTo(FitStatus.NO_INFORMATION);
        assertThat(flat.slope()).isEqualTo(1.0);
        assertThat(flat.intercept()).isEqualTo(0.0);
        assertThat(few.probability(0.0)).isEqualTo(0.5);
    }

    @Test
    void infiniteScoresAreSkippedByTheFitAndSaturateTheProbability() {
        SplittableRandom random = new SplittableRandom(2L);
        // No decay: with it, the skipped rows would still age the others.
        PlattScaling with = PlattScaling.builder().setHalfLife(Double.POSITIVE_INFINITY).build();
        PlattScaling without = PlattScaling.builder().setHalfLife(Double.POSITIVE_INFINITY).build();
        for (int n = 0; n < 1_000; n++) {
            double s = random.nextGaussian();
            boolean y = random.nextDouble() < Synthetic.sigmoid(2 * s - 1);
            with.observe(s, y);
            without.observe(s, y);
            if (n % 100 == 0) {
                with.observe(Double.POSITIVE_INFINITY, false);
                with.observe(Double.NEGATIVE_INFINITY, true);
            }
        }
        PlattFit a = with.fit();
        PlattFit b = without.fit();
        assertThat(a.examples()).isEqualTo(1_000);
        assertThat(a.slope()).isEqualTo(b.slope());
        assertThat(a.intercept()).isEqualTo(b.intercept());
        assertThat(with.probability(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(with.probability(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThatThrownBy(() -> with.observe(Double.NaN, true))
                .isInstanceOfSatisfying(InvalidScoresException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidScoresException.Kind.NAN));
        assertThatThrownBy(() -> with.probability(Double.NaN)).isInstanceOf(InvalidScoresException.class);
    }

    @Test
    void warmStartAndCopy() {
        SplittableRandom random = new SplittableRandom(4L);
        PlattScaling platt = PlattScaling.builder().build();
        for (int n = 0; n < 2_000; n++) {
            double s = random.nextGaussian();
            platt.observe(s, random.nextDouble() < Synthetic.sigmoid(2 * s - 1));
        }
        PlattFit first = platt.fit();
        PlattScaling copy = platt.copy();
        PlattFit again = platt.fit();
        assertThat(again.iterations()).isLessThanOrEqualTo(1);
        assertThat(again.slope()).isCloseTo(first.slope(), within(1e-8));
        platt.observe(10.0, false);
        assertThat(copy.size()).isEqualTo(2_000);
        assertThat(platt.size()).isEqualTo(2_001);
        assertThatThrownBy(() -> PlattScaling.builder().setMinExamples(0).build())
                .hasMessage("Minimum examples must be >= 1, was 0");
    }

    /** Cross-entropy of target t against prediction p, in nats. */
    private static double h(double t, double p) {
        return -t * Math.log(p) - (1 - t) * Math.log(1 - p);
    }
}
