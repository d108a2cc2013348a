package org.infoprob.information;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.infoprob.math.InformationScorer;
import org.infoprob.math.Smoothing;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.RarityEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every accepted setting gives finite outputs: random streams through the operator, with the
 * temperature, smoothing and half-life swept over a grid of their extremes (every combination)
 * and then over random values of their whole accepted range; weights from 0 to the largest
 * accepted (1e100), class limits of 1 to 5 (evictions), late events and jumps in event time of
 * up to 10^15 ms. Every field of every {@link RarityEvent} and {@link ClassDistribution} must be
 * finite; in every distribution the rarities of the classes and of the unseen slot sum to 1, and
 * a class never has a lower rarity than a class with a larger count (up to the softmax's
 * rounding, a few ulp). {@code InformationScorerPropertyTest} checks the same of the scorer
 * alone over 3000 random keys, with decay factors down to 2^-1000.
 */
class InformationFunctionPropertyTest {

    /** The largest half-life the builder accepts: a million years. */
    private static final Duration MAX_HALF_LIFE = Duration.ofDays(365_000_000L);

    private static final double[] TEMPERATURES = {Double.MIN_VALUE, 1e-310, 1e-3, 1.0, 1e300, Double.MAX_VALUE};
    private static final double[] ALPHAS = {InformationScorer.MIN_ALPHA, 1.0, InformationScorer.MAX_ALPHA};
    private static final Duration[] HALF_LIVES = {
        Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(1), MAX_HALF_LIFE
    };

    @Test
    void everyCombinationOfExtremeSettingsGivesFiniteOutputs() throws Exception {
        long seed = 0;
        for (double t : TEMPERATURES) {
            for (double a : ALPHAS) {
                for (Duration h : HALF_LIVES) {
                    for (Smoothing smoothing : Smoothing.values()) {
                        SplittableRandom rnd = new SplittableRandom(seed++);
                        checkFinite(t, a, h, smoothing, 1 + rnd.nextInt(5), stream(rnd), seed - 1);
                    }
                }
            }
        }
    }

    @Test
    void randomSettingsOverTheWholeAcceptedRangeGiveFiniteOutputs() throws Exception {
        for (long seed = 1_000; seed < 1_200; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double t = Math.max(Double.MIN_VALUE, Math.pow(10, -320 + 628 * rnd.nextDouble()));
            double a = Math.min(InformationScorer.MAX_ALPHA, Math.pow(10, -10 + 110 * rnd.nextDouble()));
            Duration h = rnd.nextInt(4) == 0 ? Duration.ZERO : Duration.ofMillis(1 + rnd.nextLong(10_000_000_000L));
            Smoothing smoothing = rnd.nextBoolean() ? Smoothing.ADDITIVE : Smoothing.GOOD_TURING;
            checkFinite(t, a, h, smoothing, 1 + rnd.nextInt(5), stream(rnd), seed);
        }
    }

    private static void checkFinite(
            double temperature, double alpha, Duration halfLife, Smoothing smoothing, int maxClasses,
            List<ClassEvent> events, long seed) throws Exception {
        InformationFunction fn =
                InformationFunction.builder()
                        .setTemperature(temperature)
                        .setAlpha(alpha)
                        .setHalfLife(halfLife)
                        .setSmoothing(smoothing)
                        .setMaxClassesPerKey(maxClasses)
                        .setDistributionEveryEvents(3)
                        .build();
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h = InformationFunctionTest.harness(fn);
        long watermark = Long.MIN_VALUE;
        for (ClassEvent e : events) {
            h.processElement(e, e.ts);
            if (e.ts - 5_000 > watermark) {
                watermark = e.ts - 5_000;
                h.processWatermark(watermark);
            }
        }
        List<RarityEvent> out = h.extractOutputValues();
        assertThat(out).hasSize(events.size());
        String setting = "seed " + seed + ": T = " + temperature + ", a = " + alpha + ", h = " + halfLife + ", "
                + smoothing + ", " + maxClasses + " classes";
        for (RarityEvent r : out) {
            double[] fields = {r.count, r.countError, r.total, r.probability, r.surprisal, r.surprisalBits, r.score,
                r.rarity, r.entropy, r.oneIn};
            for (double v : fields) {
                assertThat(v).as("%s: %s", setting, r).isFinite().isNotNegative();
            }
            assertThat(r.rarity).as("%s: %s", setting, r).isLessThanOrEqualTo(1.0);
        }
        for (ClassDistribution d : InformationFunctionTest.distributions(h)) {
            for (double v : new double[] {d.total, d.unseenProbability, d.unseenRarity, d.entropy, d.countError}) {
                assertThat(v).as("%s: %s", setting, d).isFinite();
            }
            for (double[] column : new double[][] {d.counts, d.countErrors, d.probabilities, d.surprisals, d.scores,
                d.rarities}) {
                for (double v : column) {
                    assertThat(v).as("%s: %s", setting, d).isFinite();
                }
            }
            assertThat(d.distinct).as("%s", setting).isLessThanOrEqualTo(maxClasses);
            double sum = d.unseenRarity;
            for (int i = 0; i < d.rarities.length; i++) {
                sum += d.rarities[i];
                for (int j = 0; j < d.rarities.length; j++) {
                    if (d.counts[i] < d.counts[j]) {
                        assertThat(d.rarities[i]).as("%s: rarity monotone in the count, %s", setting, d)
                                .isGreaterThanOrEqualTo(d.rarities[j] * (1 - 1e-14));
                    }
                }
            }
            if (d.distinct > 0) {
                // (A key whose classes all decayed or weighed 0 holds none: rarity 0 everywhere.)
                assertThat(sum).as("%s: rarities and unseen slot sum to 1, %s", setting, d).isCloseTo(1.0, within(1e-13));
            }
        }
        h.close();
    }

    /** 1 to 40 events of two keys over 8 classes; a negative gap is a late event. */
    private static List<ClassEvent> stream(SplittableRandom rnd) {
        double[] weights = {0.0, Double.MIN_VALUE, 1e-300, 1.0, 1e100};
        long[] gaps = {0L, 1L, 1_000L, 1_000_000_000_000_000L};
        List<ClassEvent> events = new ArrayList<>();
        long t = 1_700_000_000_000L;
        int n = 1 + rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            double w = rnd.nextBoolean() ? weights[rnd.nextInt(weights.length)] : 10 * rnd.nextDouble();
            long gap = rnd.nextBoolean() ? gaps[rnd.nextInt(gaps.length)] : rnd.nextLong(-50_000, 100_000);
            long ts = gap < 0 ? t + gap : (t += gap);
            events.add(ClassEvent.of(rnd.nextBoolean() ? "k1" : "k2", ts, "c" + rnd.nextInt(8), w));
        }
        return events;
    }
}
