package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties of {@link InformationScorer} over random keys and every accepted setting, the
 * extremes included: temperatures from {@code Double.MIN_VALUE} to {@code Double.MAX_VALUE},
 * smoothing {@code a} from 1e-10 to 1e100, up to 40 classes with counts from 0 to 1e100 (the
 * largest weight one event may have) and totals up to twice their sum, decay factors down to
 * {@code 2^-1000}. Each property runs over {@value #CASES} seeded random cases (the seed of a
 * failing case is in its message; a case is reproduced by {@link #randomCase(long)}).
 */
class InformationScorerPropertyTest {

    private static final int CASES = 3000;

    private static final double[] TEMPERATURES = {
        Double.MIN_VALUE, 1e-310, Double.MIN_NORMAL, 1e-300, 1e-3, 0.5, 1.0, 2.0, 1e3, 1e300, Double.MAX_VALUE
    };
    private static final double[] ALPHAS = {InformationScorer.MIN_ALPHA, 1e-3, 1.0, 1e10, InformationScorer.MAX_ALPHA};
    private static final double[] WEIGHTS = {0.0, 1.0, 1e-300, 1e100};
    private static final double[] SCALES = {1.0, 0.5, Math.scalb(1.0, -100), Math.scalb(1.0, -1000), 0.0};

    /** A key's counts as the scorer takes them, and the setting to score them with. */
    record Case(long seed, double[] weights, int[] events, double[] errors, double total, double scale,
            Smoothing smoothing, double alpha, double temperature) {
        int n() {
            return weights.length;
        }

        InformationScorer scorer() {
            return InformationScorer.of(smoothing, alpha, temperature);
        }

        DistributionScores distribution() {
            return scorer().distribution(weights, events, errors, n(), total, scale);
        }

        @Override
        public String toString() {
            return "seed " + seed + ": " + smoothing + ", a = " + alpha + ", T = " + temperature + ", weights "
                    + Arrays.toString(weights) + ", events " + Arrays.toString(events) + ", errors "
                    + Arrays.toString(errors) + ", total " + total + ", scale " + scale;
        }
    }

    @Test
    void everyOutputIsFiniteForEveryAcceptedSetting() {
        EventScores out = new EventScores();
        for (long seed = 0; seed < CASES; seed++) {
            Case c = randomCase(seed);
            InformationScorer scorer = c.scorer();
            for (int x = -1; x < c.n(); x++) {
                scorer.scoreEvent(c.weights(), c.events(), c.errors(), c.n(), c.total(), c.scale(), x, out);
                double[] fields = {out.count(), out.total(), out.probability(), out.surprisal(), out.surprisalBits(),
                    out.score(), out.rarity(), out.entropy(), out.oneIn()};
                for (int f = 0; f < fields.length; f++) {
                    assertThat(fields[f]).as("field %d for x = %d, %s", f, x, c).isFinite().isNotNegative();
                }
                assertThat(out.rarity()).as("%s", c).isLessThanOrEqualTo(1.0);
                assertThat(out.probability()).as("%s", c).isPositive().isLessThanOrEqualTo(1.0);
            }
            DistributionScores d = c.distribution();
            assertThat(d.unseenRarity()).as("%s", c).isFinite();
            assertThat(d.entropy()).as("%s", c).isFinite();
            double[][] columns = {d.counts(), d.probabilities(), d.surprisals(), d.scores(), d.rarities()};
            for (double[] column : columns) {
                for (double v : column) {
                    assertThat(v).as("%s", c).isFinite();
                }
            }
        }
    }

    @Test
    void raritiesOfTheClassesAndTheUnseenSlotSumToOneAndTheEventPathAgrees() {
        EventScores out = new EventScores();
        int checked = 0;
        for (long seed = 0; seed < CASES; seed++) {
            Case c = randomCase(seed);
            if (c.n() == 0) {
                continue;
            }
            checked++;
            DistributionScores d = c.distribution();
            double sum = d.unseenRarity();
            for (double r : d.rarities()) {
                sum += r;
            }
            // Each rarity is within a few ulp; 40 classes at most.
            assertThat(sum).as("%s", c).isCloseTo(1.0, within(1e-13));
            InformationScorer scorer = c.scorer();
            for (int x = 0; x < c.n(); x++) {
                scorer.scoreEvent(c.weights(), c.events(), c.errors(), c.n(), c.total(), c.scale(), x, out);
                assertThat(out.rarity()).as("x = %d, %s", x, c).isEqualTo(d.rarities()[x]);
            }
            scorer.scoreEvent(c.weights(), c.events(), c.errors(), c.n(), c.total(), c.scale(), -1, out);
            assertThat(out.rarity()).as("%s", c).isEqualTo(d.unseenRarity());
        }
        assertThat(checked).isGreaterThan(CASES / 2);
    }

    /**
     * A heavier class never gets a higher rarity than a lighter one of the same key: exactly at
     * T = 1 (divisions only), up to the softmax's rounding (a few ulp) at other temperatures.
     */
    @Test
    void rarityIsMonotoneInTheClassWeight() {
        int pairs = 0;
        for (long seed = 0; seed < CASES; seed++) {
            Case c = randomCase(seed);
            DistributionScores d = c.distribution();
            double slack = c.temperature() == 1.0 ? 0.0 : 1e-14;
            double[] counts = d.counts();
            double[] r = d.rarities();
            for (int i = 0; i < c.n(); i++) {
                for (int j = 0; j < c.n(); j++) {
                    if (counts[i] < counts[j]) {
                        pairs++;
                        assertThat(r[i])
                                .as("count %s < %s, %s", counts[i], counts[j], c)
                                .isGreaterThanOrEqualTo(r[j] * (1 - slack));
                    }
                }
            }
            if (c.smoothing() == Smoothing.ADDITIVE) {
                // The unseen slot (count 0) is the rarest of all.
                for (double ri : r) {
                    assertThat(d.unseenRarity()).as("%s", c).isGreaterThanOrEqualTo(ri * (1 - slack));
                }
            }
        }
        assertThat(pairs).isGreaterThan(10_000);
    }

    /** The case of {@code seed}: extremes drawn half of the time, log-uniform values otherwise. */
    static Case randomCase(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(40);
        double[] weights = new double[n];
        int[] events = new int[n];
        double[] errors = rnd.nextBoolean() ? new double[n] : null;
        double total = 0.0;
        for (int j = 0; j < n; j++) {
            switch (rnd.nextInt(3)) {
                case 0:
                    weights[j] = pick(rnd, WEIGHTS);
                    break;
                case 1:
                    weights[j] = rnd.nextDouble() * 1e3;
                    break;
                default:
                    weights[j] = Math.pow(10, -300 + 400 * rnd.nextDouble());
            }
            events[j] = 1 + rnd.nextInt(3);
            if (errors != null) {
                errors[j] = weights[j] * rnd.nextDouble();
            }
            total += weights[j];
        }
        // Space-Saving totals include the weight of classes no longer held.
        total += rnd.nextBoolean() ? 0.0 : total * rnd.nextDouble();
        double alpha = rnd.nextBoolean() ? pick(rnd, ALPHAS) : Math.pow(10, -10 + 110 * rnd.nextDouble());
        double temperature =
                rnd.nextBoolean()
                        ? pick(rnd, TEMPERATURES)
                        : Math.max(Double.MIN_VALUE, Math.pow(10, -320 + 628 * rnd.nextDouble()));
        Smoothing smoothing = rnd.nextBoolean() ? Smoothing.ADDITIVE : Smoothing.GOOD_TURING;
        return new Case(seed, weights, events, errors, total, pick(rnd, SCALES), smoothing,
                Math.min(InformationScorer.MAX_ALPHA, alpha), Math.min(Double.MAX_VALUE, temperature));
    }

    private static double pick(SplittableRandom rnd, double[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
