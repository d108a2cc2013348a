package org.infoprob.information;

import org.apache.datasketches.frequencies.ItemsSketch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Space-Saving guarantees of {@link ClassCounts} on a heavy-tailed stream, against exact
 * counts kept beside it and against Apache DataSketches' frequent-items sketch (a different
 * algorithm: Misra-Gries with purges, whose bounds hold independently of ours).
 */
class SpaceSavingTest {

    private static final int COUNTERS = 1000;
    private static final int CLASSES = 1_000_000;

    @Test
    void zipfOverAMillionClassesIntoAThousandCountersKeepsEveryBoundAndEveryFrequentClass() {
        int events = 2_000_000;
        double[] cdf = zipfCdf(CLASSES, 1.1);
        SplittableRandom rnd = new SplittableRandom(20241129);
        ClassCountAccumulator acc = new ClassCountAccumulator();
        ItemsSketch<String> sketch = new ItemsSketch<>(2048);
        long[] exact = new long[CLASSES];
        for (int i = 0; i < events; i++) {
            int k = zipf(cdf, rnd);
            exact[k]++;
            String name = "c" + k;
            acc.add(name, 1.0, COUNTERS);
            sketch.update(name);
            if (i % 50_000 == 0) {
                assertThat(acc.summary().size()).as("counters after %d events", i).isLessThanOrEqualTo(COUNTERS);
            }
        }
        ClassCounts c = acc.summary();
        assertThat(c.size()).isEqualTo(COUNTERS);
        assertThat(c.names.length).as("arrays never beyond the limit").isLessThanOrEqualTo(COUNTERS);
        double total = c.totalCount();
        assertThat(total).isEqualTo(events);
        double floor = c.errorBound();
        assertThat(floor).as("F <= W / m").isPositive().isLessThanOrEqualTo(total / COUNTERS);

        Map<String, Integer> held = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
            held.put(c.name(i), i);
            long truth = exact[Integer.parseInt(c.name(i).substring(1))];
            assertThat(c.count(i)).as("%s overestimates", c.name(i)).isGreaterThanOrEqualTo(truth);
            assertThat(c.count(i) - c.error(i)).as("%s within its error", c.name(i)).isLessThanOrEqualTo(truth);
            assertThat(c.error(i)).isLessThanOrEqualTo(floor);
        }
        int frequent = 0;
        for (int k = 0; k < CLASSES; k++) {
            if (exact[k] > total / 1000) {
                frequent++;
                assertThat(held).as("c%d, share %s > 1/1000", k, exact[k] / total).containsKey("c" + k);
            } else if (!held.containsKey("c" + k)) {
                assertThat((double) exact[k]).as("c%d not held", k).isLessThanOrEqualTo(floor);
            }
        }
        assertThat(frequent).as("classes above 1/1000 in Zipf(1.1) over 10^6").isBetween(60, 100);

        // DataSketches: both intervals contain the true count, so they must overlap.
        assertThat(sketch.getStreamLength()).isEqualTo(events);
        for (int i = 0; i < c.size(); i++) {
            String name = c.name(i);
            double ourLow = c.count(i) - c.error(i);
            double ourHigh = c.count(i);
            assertThat((double) sketch.getLowerBound(name))
                    .as("%s: DataSketches' lower bound", name)
                    .isLessThanOrEqualTo(ourHigh);
            assertThat((double) sketch.getUpperBound(name))
                    .as("%s: DataSketches' upper bound", name)
                    .isGreaterThanOrEqualTo(ourLow);
        }
        for (int k = 0; k < 100; k++) {
            Integer i = held.get("c" + k);
            assertThat(i).as("the 100 most probable classes are held").isNotNull();
            assertThat(Math.abs(c.count(i) - sketch.getEstimate("c" + k)))
                    .as("c%d: estimates agree within both bounds", k)
                    .isLessThanOrEqualTo(c.error(i) + sketch.getMaximumError());
        }
    }

    @Test
    void mergedSummariesOfAStreamSplitInFourKeepTheBoundsOfTheWholeStream() {
        int events = 400_000;
        int counters = 200;
        double[] cdf = zipfCdf(100_000, 1.1);
        SplittableRandom rnd = new SplittableRandom(7);
        long[] exact = new long[100_000];
        ClassCountAccumulator[] parts = new ClassCountAccumulator[4];
        for (int p = 0; p < 4; p++) {
            parts[p] = new ClassCountAccumulator();
        }
        for (int i = 0; i < events; i++) {
            int k = zipf(cdf, rnd);
            exact[k]++;
            parts[i % 7 < 3 ? 0 : i % 7 < 5 ? 1 : i % 7 < 6 ? 2 : 3].add("c" + k, 1.0, counters);
        }
        parts[0].merge(parts[1], counters);
        parts[2].merge(parts[3], counters);
        parts[0].merge(parts[2], counters);
        ClassCounts c = parts[0].summary();
        assertThat(c.size()).isEqualTo(counters);
        assertThat(c.totalCount()).isEqualTo(events);
        double floor = c.errorBound();
        assertThat(floor).as("F <= W / m after merging").isLessThanOrEqualTo((double) events / counters);
        boolean[] held = new boolean[exact.length];
        for (int i = 0; i < c.size(); i++) {
            int k = Integer.parseInt(c.name(i).substring(1));
            held[k] = true;
            assertThat(c.count(i)).isGreaterThanOrEqualTo(exact[k]);
            assertThat(c.count(i) - c.error(i)).isLessThanOrEqualTo(exact[k]);
            assertThat(c.error(i)).isLessThanOrEqualTo(floor);
        }
        for (int k = 0; k < exact.length; k++) {
            if (!held[k]) {
                assertThat((double) exact[k]).as("c%d not held", k).isLessThanOrEqualTo(floor);
            }
        }
    }

    @Test
    void decayedCountsKeepTheBoundsAgainstDirectlyDecayedSums() {
        long h = 1000;
        int events = 200_000;
        int counters = 100;
        double[] cdf = zipfCdf(100_000, 1.1);
        SplittableRandom rnd = new SplittableRandom(11);
        ClassCounts c = new ClassCounts(h);
        int[] classOf = new int[events];
        long[] timeOf = new long[events];
        double[] weightOf = new double[events];
        long t = 0;
        for (int i = 0; i < events; i++) {
            t += rnd.nextLong(0, 3); // 200 half-lives in all
            long ts = rnd.nextInt(10) == 0 ? t - rnd.nextLong(0, 2 * h) : t; // 10% late
            classOf[i] = zipf(cdf, rnd);
            timeOf[i] = ts;
            weightOf[i] = 0.5 + rnd.nextDouble();
            ClassCountsTest.add(c, "c" + classOf[i], ts, weightOf[i], counters);
        }
        // The direct decayed sums at now, per class.
        long now = c.now();
        Map<Integer, Double> exact = new HashMap<>();
        for (int i = 0; i < events; i++) {
            exact.merge(classOf[i], weightOf[i] * Math.pow(2.0, -(double) (now - timeOf[i]) / h), Double::sum);
        }
        double total = c.totalCount();
        double slack = 1e-12 * total;
        double exactTotal = exact.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(total).isCloseTo(exactTotal, within(slack));
        double floor = c.errorBound();
        assertThat(floor).isPositive().isLessThanOrEqualTo(total / counters * (1 + 1e-12));
        boolean[] held = new boolean[100_000];
        for (int i = 0; i < c.size(); i++) {
            int k = Integer.parseInt(c.name(i).substring(1));
            held[k] = true;
            double truth = exact.get(k);
            assertThat(c.count(i)).isGreaterThanOrEqualTo(truth - slack);
            assertThat(c.count(i) - c.error(i)).isLessThanOrEqualTo(truth + slack);
        }
        for (Map.Entry<Integer, Double> e : exact.entrySet()) {
            if (!held[e.getKey()]) {
                assertThat(e.getValue()).as("c%d not held", e.getKey()).isLessThanOrEqualTo(floor + slack);
            }
        }
    }

    /** Cumulative probabilities of Zipf(s) over classes 0..n-1: P(k) proportional to (k + 1)^-s. */
    static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            sum += Math.pow(k + 1, -s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    static int zipf(double[] cdf, SplittableRandom rnd) {
        int k = Arrays.binarySearch(cdf, rnd.nextDouble());
        return Math.min(cdf.length - 1, k >= 0 ? k : -k - 1);
    }
}
