package org.infoprob.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The per-round ratios of a measure against its baseline, both taken in the same round, and
 * their median and spread (min-max). Rounds alternate A/B/A/B so that a noisy moment of a
 * shared machine hits both sides of a ratio.
 */
final class Ratio {

    private final double[] values;

    private Ratio(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("A ratio needs at least one round, was none");
        }
        this.values = values.clone();
        Arrays.sort(this.values);
    }

    /** {@code measured[i] / baseline[i]} for every round i. */
    static Ratio of(double[] measured, double[] baseline) {
        if (measured.length != baseline.length) {
            throw new IllegalArgumentException(
                    "Rounds must pair up, was " + measured.length + " and " + baseline.length);
        }
        double[] r = new double[measured.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = measured[i] / baseline[i];
        }
        return new Ratio(r);
    }

    double median() {
        return median(values);
    }

    double min() {
        return values[0];
    }

    double max() {
        return values[values.length - 1];
    }

    /** {@code 1.12x (1.08-1.15, 3 rounds)}. */
    String text() {
        return String.format(
                Locale.ROOT, "%.2fx (%.2f-%.2f, %d rounds)", median(), min(), max(), values.length);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Records per second with thousands separators, e.g. {@code 212,345/s}. */
    static String perSecond(double v) {
        return String.format(Locale.ROOT, "%,.0f/s", v);
    }
}
