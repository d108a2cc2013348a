package org.infoprob.information;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy operators/README.md promises: after 10^7 updates spanning 10^6 half-lives, the
 * decayed counts agree with a direct computation to 1e-15 relative (about 4.5 ulp), with no
 * underflow or overflow. Measured worst case: 5.15e-16 (2.3 ulp), so the bound has a margin of 2.
 *
 * <p>The direct computation is independent of the forward-decay bookkeeping: at each checkpoint
 * it sums {@code w_i 2^{-(now - t_i)/h}} over the events of the last 200 half-lives (kept in a
 * ring buffer), with one {@code Math.pow} per term relative to "now" and a compensated sum.
 * Older events weigh less than {@code 2^-200} of a recent one and cannot matter at 1e-15.
 */
class ForwardDecayAccuracyTest {

    /** The README's figure. */
    private static final double BOUND = 1e-15;

    private static final long H = 1000;
    private static final int UPDATES = 10_000_000;
    private static final int CHECK_EVERY = 100_000;
    private static final int RING = 1 << 13;
    private static final double[] CLASS_SHARE = {0.3, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03};

    @Test
    void tenMillionUpdatesOverAMillionHalfLivesAgreeWithDirectSumsTo1e15() {
        SplittableRandom rnd = new SplittableRandom(20241128);
        String[] names = new String[CLASS_SHARE.length];
        for (int j = 0; j < names.length; j++) {
            names[j] = "class-" + j;
        }
        ClassCounts counts = new ClassCounts(H);
        long[] ringTime = new long[RING];
        int[] ringClass = new int[RING];
        double[] ringWeight = new double[RING];
        long t = 0;
        long now = Long.MIN_VALUE;
        double worst = 0.0;
        int checks = 0;
        for (int i = 0; i < UPDATES; i++) {
            // Gaps uniform in [0, 200] ms: mean h / 10, so 10^7 updates span 10^6 half-lives.
            t += rnd.nextLong(0, 201);
            long ts = rnd.nextInt(10) == 0 ? t - rnd.nextLong(0, 5 * H) : t; // 10% late
            int k = pick(rnd.nextDouble());
            double w = 0.5 + 2.0 * rnd.nextDouble();
            counts.advance(ts);
            counts.add(names[k], counts.indexOf(names[k]), ts, w, 100);
            now = Math.max(now, ts);
            int slot = i & (RING - 1);
            ringTime[slot] = ts;
            ringClass[slot] = k;
            ringWeight[slot] = w;

            if ((i + 1) % CHECK_EVERY == 0) {
                checks++;
                double directTotal = 0.0;
                for (int j = 0; j < names.length; j++) {
                    double direct = directSum(j, now, ringTime, ringClass, ringWeight);
                    double ours = counts.count(counts.indexOf(names[j]));
                    assertThat(ours).as("class %d at update %d is a finite positive count", j, i).isFinite().isPositive();
                    double error = Math.abs(ours - direct) / direct;
                    worst = Math.max(worst, error);
                    assertThat(error)
                            .as("relative error of class %d at update %d (%s vs %s)", j, i, ours, direct)
                            .isLessThanOrEqualTo(BOUND);
                    directTotal += direct;
                }
                assertThat(Math.abs(counts.totalCount() - directTotal) / directTotal)
                        .as("relative error of the total at update %d", i)
                        .isLessThanOrEqualTo(BOUND);
                long oldest = ringTime[(i + 1) & (RING - 1)];
                assertThat(now - oldest).as("ring covers 200 half-lives").isGreaterThan(200 * H);
            }
        }
        assertThat(checks).isEqualTo(UPDATES / CHECK_EVERY);
        assertThat(now / H).as("half-lives spanned").isGreaterThan(990_000);
        assertThat(worst).as("worst relative error seen").isLessThanOrEqualTo(BOUND).isPositive();
    }

    private static double directSum(
            int j, long now, long[] ringTime, int[] ringClass, double[] ringWeight) {
        double sum = 0.0;
        double low = 0.0;
        for (int s = 0; s < RING; s++) {
            long age = now - ringTime[s];
            if (ringClass[s] != j || age > 200 * H) {
                continue;
            }
            double term = ringWeight[s] * Math.pow(2.0, -(double) age / H);
            double next = sum + term;
            low += sum >= term ? (sum - next) + term : (term - next) + sum;
            sum = next;
        }
        return sum + low;
    }

    private static int pick(double u) {
        double acc = 0.0;
        for (int j = 0; j < CLASS_SHARE.length; j++) {
            acc += CLASS_SHARE[j];
            if (u < acc) {
                return j;
            }
        }
        return CLASS_SHARE.length - 1;
    }
}
