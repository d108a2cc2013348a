package org.infoprob.math;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An independent reference for the tests: exp and ln in BigDecimal at 70 significant digits
 * (Taylor series with argument halving, and the atanh series), so that the 50 digits the tests
 * compare against are exact. Nothing here shares code with the class under test. Public so that
 * the operator and SQL tests check their values against the same oracle as the maths.
 */
public final class ExactMath {

    public static final MathContext MC = new MathContext(70, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    static final BigDecimal LN2 = lnNear1(TWO);

    private ExactMath() {}

    /** e^x; inputs below -800 return 0 (far below the smallest subnormal, 2^-1074 ~ e^-744.4). */
    public static BigDecimal exp(BigDecimal x) {
        if (x.compareTo(BigDecimal.valueOf(-800)) < 0) {
            return BigDecimal.ZERO;
        }
        // Halve until |x| < 1/2, sum the Taylor series, square back. Each squaring doubles the
        // relative error, so 70 digits leave > 60 after at most 12 squarings (|x| <= 1500).
        int halvings = 0;
        BigDecimal r = x;
        while (r.abs().compareTo(new BigDecimal("0.5")) > 0) {
            r = r.divide(TWO, MC);
            halvings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 200; n++) {
            term = term.multiply(r, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(sum.abs().movePointLeft(75)) < 0) {
                break;
            }
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }

    /** ln x for x > 0: x = y 2^k with y in [1/2, 1], then the atanh series around 1. */
    public static BigDecimal ln(BigDecimal x) {
        if (x.signum() <= 0) {
            throw new IllegalArgumentException("ln of " + x);
        }
        int k = 0;
        BigDecimal y = x;
        while (y.compareTo(BigDecimal.ONE) > 0) {
            y = y.divide(TWO, MC);
            k++;
        }
        while (y.compareTo(new BigDecimal("0.5")) < 0) {
            y = y.multiply(TWO, MC);
            k--;
        }
        return lnNear1(y).add(LN2.multiply(BigDecimal.valueOf(k), MC), MC);
    }

    /** ln y = 2 atanh((y - 1) / (y + 1)), converging fast for y in [1/2, 2]. */
    private static BigDecimal lnNear1(BigDecimal y) {
        BigDecimal u = y.subtract(BigDecimal.ONE).divide(y.add(BigDecimal.ONE), MC);
        BigDecimal u2 = u.multiply(u, MC);
        BigDecimal power = u;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 1; n < 2000; n += 2) {
            BigDecimal term = power.divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
            if (term.signum() == 0 || term.abs().compareTo(new BigDecimal("1e-75")) < 0) {
                break;
            }
            power = power.multiply(u2, MC);
        }
        return sum.multiply(TWO, MC);
    }

    /**
     * ln(1 + x) for x &gt;= 0 to 70 significant digits of the result, also when x is far below
     * 1e-70 (where forming 1 + x at 70 digits would round it to 1): 2 atanh(x / (2 + x)), the
     * series stopped relative to its sum.
     */
    public static BigDecimal log1p(BigDecimal x) {
        if (x.signum() < 0) {
            throw new IllegalArgumentException("log1p of a negative number " + x);
        }
        if (x.compareTo(BigDecimal.ONE) >= 0) {
            return ln(BigDecimal.ONE.add(x, MC));
        }
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal u = x.divide(TWO.add(x), MC);
        BigDecimal u2 = u.multiply(u, MC);
        BigDecimal power = u;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 1; n < 2000; n += 2) {
            BigDecimal term = power.divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(sum.abs().movePointLeft(75)) < 0) {
                break;
            }
            power = power.multiply(u2, MC);
        }
        return sum.multiply(TWO, MC);
    }

    /**
     * ln of a sum of shifted exponentials, which is at least 1 (the maximum contributes e^0):
     * the sum is added exactly, and its logarithm taken as log1p(sum - 1) so that a dominant
     * class keeps the tiny contribution of the others.
     */
    private static BigDecimal lnOfSum(BigDecimal[] exps) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal e : exps) {
            sum = sum.add(e);
        }
        return log1p(sum.subtract(BigDecimal.ONE));
    }

    /** Exact softmax of the double scores at temperature t, as BigDecimals. */
    public static BigDecimal[] softmax(double[] s, double t) {
        BigDecimal[] e = shiftedExps(s, t);
        BigDecimal sum = sum(e);
        BigDecimal[] p = new BigDecimal[s.length];
        for (int i = 0; i < s.length; i++) {
            p[i] = e[i].divide(sum, MC);
        }
        return p;
    }

    /**
     * Exact log-softmax; entries of -inf (or so low that the exact value is below -Double.MAX_VALUE)
     * come back as null, meaning "-inf is the right double".
     */
    public static BigDecimal[] logSoftmax(double[] s, double t) {
        BigDecimal lnSum = lnOfSum(shiftedExps(s, t));
        BigDecimal m = new BigDecimal(max(s));
        BigDecimal[] out = new BigDecimal[s.length];
        for (int i = 0; i < s.length; i++) {
            if (s[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            BigDecimal q = new BigDecimal(s[i]).subtract(m).divide(new BigDecimal(t), MC);
            out[i] = q.subtract(lnSum, MC);
        }
        return out;
    }

    /** Exact ln sum_j exp(s_j / t). */
    public static BigDecimal logSumExp(double[] s, double t) {
        BigDecimal m = new BigDecimal(max(s));
        return m.divide(new BigDecimal(t), MC).add(lnOfSum(shiftedExps(s, t)), MC);
    }

    /** Exact Shannon entropy {@code -sum_i p_i ln p_i} (nats) of exact probabilities; 0 ln 0 = 0. */
    public static BigDecimal entropy(BigDecimal[] p) {
        BigDecimal h = BigDecimal.ZERO;
        for (BigDecimal pi : p) {
            if (pi.signum() > 0) {
                h = h.subtract(pi.multiply(ln(pi), MC), MC);
            }
        }
        return h;
    }

    /** Exact 1 / (1 + e^{-x/t}). */
    public static BigDecimal sigmoid(double x, double t) {
        BigDecimal q = new BigDecimal(x).divide(new BigDecimal(t), MC);
        if (q.signum() >= 0) {
            return BigDecimal.ONE.divide(BigDecimal.ONE.add(exp(q.negate())), MC);
        }
        BigDecimal e = exp(q);
        return e.divide(BigDecimal.ONE.add(e), MC);
    }

    /** Exact ln sigmoid(x; t) = -ln(1 + e^{-x/t}). */
    public static BigDecimal logSigmoid(double x, double t) {
        BigDecimal q = new BigDecimal(x).divide(new BigDecimal(t), MC);
        if (q.signum() >= 0) {
            return log1p(exp(q.negate())).negate();
        }
        return q.subtract(log1p(exp(q)), MC);
    }

    private static BigDecimal[] shiftedExps(double[] s, double t) {
        BigDecimal m = new BigDecimal(max(s));
        BigDecimal bt = new BigDecimal(t);
        BigDecimal[] e = new BigDecimal[s.length];
        for (int i = 0; i < s.length; i++) {
            e[i] =
                    s[i] == Double.NEGATIVE_INFINITY
                            ? BigDecimal.ZERO
                            : exp(new BigDecimal(s[i]).subtract(m).divide(bt, MC));
        }
        return e;
    }

    private static BigDecimal sum(BigDecimal[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            sum = sum.add(v, MC);
        }
        return sum;
    }

    private static double max(double[] s) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * Error of {@code actual} in units in the last place of the correctly rounded exact value.
     * Both infinite and equal counts as 0.
     */
    public static double ulpError(double actual, BigDecimal exact) {
        double rounded = exact.doubleValue();
        if (Double.isInfinite(rounded) || Double.isInfinite(actual)) {
            return actual == rounded ? 0.0 : Double.POSITIVE_INFINITY;
        }
        BigDecimal ulp = new BigDecimal(Math.ulp(rounded));
        return new BigDecimal(actual).subtract(exact).abs().divide(ulp, MC).doubleValue();
    }

    /** Absolute error |actual - exact|. */
    public static double absError(double actual, BigDecimal exact) {
        return new BigDecimal(actual).subtract(exact).abs().doubleValue();
    }
}
