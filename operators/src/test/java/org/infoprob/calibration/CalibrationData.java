package org.infoprob.calibration;

import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.ScoreEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic labelled data with known calibration, and the Fisher standard errors of the fitted
 * parameters computed here from their textbook formulas (independently of {@code
 * org.infoprob.math}: plain loops, no shared code).
 */
final class CalibrationData {

    static final String[] FIVE = {"c0", "c1", "c2", "c3", "c4"};

    private CalibrationData() {}

    /**
     * K = 5 logits {@code s_i = 3 z_i} (z standard normal) of an over-confident model whose true
     * class is drawn from {@code softmax(s / temperature)}: the temperature that calibrates it.
     */
    static List<LabelledScores> overConfident(long seed, int n, double temperature) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabelledScores> out = new ArrayList<>(n);
        for (int e = 0; e < n; e++) {
            double[] s = new double[5];
            for (int i = 0; i < 5; i++) {
                s[i] = 3 * gaussian(random);
            }
            double[] p = softmax(s, temperature);
            double u = random.nextDouble();
            int y = 0;
            double cumulative = p[0];
            while (u >= cumulative && y < 4) {
                cumulative += p[++y];
            }
            out.add(LabelledScores.of("m", "e-" + e, 1_000L + e, FIVE, s, y));
        }
        return out;
    }

    /** One binary score {@code s ~ N(0, 1.5^2)}, positive with probability {@code sigmoid(a s + b)}. */
    static List<LabelledScores> platt(long seed, int n, double a, double b) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabelledScores> out = new ArrayList<>(n);
        for (int e = 0; e < n; e++) {
            double s = 1.5 * gaussian(random);
            int y = random.nextDouble() < 1 / (1 + Math.exp(-(a * s + b))) ? 1 : 0;
            out.add(LabelledScores.of("m", "b-" + e, 1_000L + e, null, new double[] {s}, y));
        }
        return out;
    }

    static ScoreEvent scoreEvent(double[] s, long ts) {
        return ScoreEvent.of("m", ts, FIVE.clone(), s.clone());
    }

    static BinaryScoreEvent binaryEvent(double s, long ts) {
        return BinaryScoreEvent.of("m", ts, s);
    }

    /** {@code softmax(s / t)} with the max subtracted (the textbook formula). */
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

    /**
     * The standard error of a fitted temperature from the Fisher information in {@code beta =
     * 1/T}: {@code I = sum_n Var_{softmax(beta s_n)}[s_n]}, {@code se(beta) = 1/sqrt(I)}, and by
     * the delta method {@code se(T) = se(beta) / beta^2}.
     */
    static double temperatureStandardError(List<LabelledScores> data, double temperature) {
        double information = 0;
        for (LabelledScores x : data) {
            double[] p = softmax(x.scores, temperature);
            double mean = 0;
            for (int i = 0; i < p.length; i++) {
                mean += p[i] * x.scores[i];
            }
            for (int i = 0; i < p.length; i++) {
                information += p[i] * (x.scores[i] - mean) * (x.scores[i] - mean);
            }
        }
        double beta = 1 / temperature;
        return 1 / Math.sqrt(information) / (beta * beta);
    }

    /**
     * The standard errors of Platt's {@code (a, b)}: square roots of the diagonal of the inverse
     * of the Fisher information {@code H = sum_n p_n (1 - p_n) (s_n, 1)(s_n, 1)^T}, inverted as
     * a 2x2 matrix by its adjugate.
     */
    static double[] plattStandardErrors(List<LabelledScores> data, double a, double b) {
        double haa = 0;
        double hab = 0;
        double hbb = 0;
        for (LabelledScores x : data) {
            double s = x.scores[0];
            double p = 1 / (1 + Math.exp(-(a * s + b)));
            double w = p * (1 - p);
            haa += w * s * s;
            hab += w * s;
            hbb += w;
        }
        double det = haa * hbb - hab * hab;
        return new double[] {Math.sqrt(hbb / det), Math.sqrt(haa / det)};
    }

    /** Box-Muller. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
