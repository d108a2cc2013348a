package org.infoprob.math;

import java.util.SplittableRandom;

/**
 * Data generators of the calibration tests, with their own plain softmax (a max-shifted {@code
 * Math.exp} loop) so that the labels do not come from the code under test.
 */
final class Synthetic {

    private Synthetic() {}

    /** K independent N(0, sigma^2) logits. */
    static double[] logits(SplittableRandom random, int k, double sigma) {
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = sigma * random.nextGaussian();
        }
        return s;
    }

    /** softmax(s / t), textbook version. */
    static double[] softmax(double[] s, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double[] p = new double[s.length];
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            p[i] = Math.exp((s[i] - max) / t);
            sum += p[i];
        }
        for (int i = 0; i < s.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** A class drawn from the distribution p. */
    static int draw(SplittableRandom random, double[] p) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < p.length; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        return p.length - 1;
    }

    /** 1/(1 + e^-z), textbook version. */
    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
