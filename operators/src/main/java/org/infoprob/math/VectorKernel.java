package org.infoprob.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The softmax kernel on the JDK Vector API ({@code jdk.incubator.vector}): the same formulas as
 * the scalar kernel in {@link Softmax}, lane by lane.
 *
 * <p>Only {@link Softmax} calls it (for itself and {@link LogSumExp}), and only when {@link VectorSupport}
 * found the module in the boot layer (the JVM was started with {@code --add-modules
 * jdk.incubator.vector}); without the module this class is never loaded. Per lane:
 *
 * <ul>
 *   <li>the shifted exponent {@code (s - m) / T} as a two-part value, as {@link
 *       ShiftedExponent} forms it (two-sum, FMA remainder; its two rare regimes, {@code s - m}
 *       beyond the double range and tiny temperatures, chosen once per call), folded into
 *       {@code exp} as {@code exp(hi) (1 + lo)}; {@code VectorOperators.EXP} is an
 *       intrinsic (Intel SVML on x86), measured within 1 ulp of {@code StrictMath.exp} over 10^6
 *       random arguments in [-745, 0] on AVX-512;
 *   <li>a compensated sum: each lane keeps its own running sum and error term ({@link
 *       TwoSum#error}, lane by lane); at the end the lane sums are added with the same
 *       correction and the errors added once. The result may differ from the scalar sum in the
 *       last bit (another order of addition), never by more than the compensated bound;
 *   <li>the quotient as {@code e * (1 / total)} with one FMA correction (Markstein), as in the
 *       scalar kernel.
 * </ul>
 *
 * The entries past the last full vector go through the scalar formulas, into the same sums.
 */
final class VectorKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorKernel() {}

    /** Lanes of the preferred double species on this machine (2 with SSE, 4 AVX2, 8 AVX-512). */
    static int lanes() {
        return LANES;
    }

    /** Vector width in bits, for {@link Softmax#kernel()}. */
    static int bits() {
        return SPECIES.vectorBitSize();
    }

    /**
     * {@link Softmax#sumExpBelowMax}: stores {@code e_i = exp((s_i - m) / T)} in {@code out}
     * (when not null; exactly 1 for the maxima) and returns the compensated sum of the entries
     * below the maximum.
     */
    static double sumExpBelowMax(double[] scores, int length, double m, double t, double[] out) {
        // The regimes of ShiftedExponent, chosen once per call instead of per entry.
        boolean halve = ShiftedExponent.mayOverflow(m, t);
        boolean tiny = t < ShiftedExponent.TINY_TEMPERATURE;
        double mk = halve ? 0.5 * m : m;
        double tk = halve ? 0.5 * t : tiny ? t * ShiftedExponent.TINY_SCALE : t;
        DoubleVector mv = DoubleVector.broadcast(SPECIES, mk);
        DoubleVector negM = DoubleVector.broadcast(SPECIES, -mk);
        DoubleVector tv = DoubleVector.broadcast(SPECIES, tk);
        boolean scaled = tk != 1.0;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector sums = zero;
        DoubleVector errors = zero;
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector s = DoubleVector.fromArray(SPECIES, scores, i);
            if (halve) {
                s = s.mul(0.5);
            }
            DoubleVector d = s.sub(mv);
            DoubleVector dLow = twoSumError(s, negM, d);
            if (tiny) {
                d = d.mul(ShiftedExponent.TINY_SCALE);
                dLow = dLow.mul(ShiftedExponent.TINY_SCALE);
            }
            DoubleVector q = d;
            DoubleVector qLow = dLow;
            if (scaled) {
                q = d.div(tv);
                qLow = q.neg().lanewise(VectorOperators.FMA, tv, d).add(dLow).div(tv);
            }
            DoubleVector e = q.lanewise(VectorOperators.EXP);
            // exp(q + qLow) ~= exp(q) + exp(q) qLow; an underflowed exp (also s = -inf, whose
            // remainder is NaN) stays exactly 0.
            DoubleVector r = e.lanewise(VectorOperators.FMA, qLow, e);
            r = r.blend(zero, e.compare(VectorOperators.EQ, 0.0));
            if (out != null) {
                r.intoArray(out, i);
            }
            // The maxima (e = 1) are counted apart by the caller, not summed.
            DoubleVector x = r.blend(zero, s.compare(VectorOperators.EQ, mv));
            DoubleVector next = sums.add(x);
            errors = errors.add(twoSumError(sums, x, next));
            sums = next;
        }
        double sum = 0.0;
        double compensation = errors.reduceLanes(VectorOperators.ADD);
        for (int lane = 0; lane < LANES; lane++) {
            double x = sums.lane(lane);
            double next = sum + x;
            compensation += TwoSum.sumError(sum, x, next);
            sum = next;
        }
        return Softmax.sumExpBelowMax(scores, i, length, m, t, out, sum, compensation);
    }

    /** {@link TwoSum#error} lane by lane: the exact {@code (a + b) - sum} of {@code sum = a + b}. */
    private static DoubleVector twoSumError(DoubleVector a, DoubleVector b, DoubleVector sum) {
        DoubleVector bVirtual = sum.sub(a);
        return a.sub(sum.sub(bVirtual)).add(b.sub(bVirtual));
    }

    /** How many of the first {@code length} scores equal {@code m}. */
    static int countEqual(double[] scores, int length, double m) {
        int bound = SPECIES.loopBound(length);
        int n = 0;
        int i = 0;
        for (; i < bound; i += LANES) {
            n += DoubleVector.fromArray(SPECIES, scores, i).compare(VectorOperators.EQ, m).trueCount();
        }
        for (; i < length; i++) {
            if (scores[i] == m) {
                n++;
            }
        }
        return n;
    }

    /** {@code out[i] = out[i] / total}, correctly rounded, as in the scalar kernel. */
    static void divide(double[] out, int length, double total) {
        double reciprocal = 1.0 / total;
        DoubleVector rv = DoubleVector.broadcast(SPECIES, reciprocal);
        DoubleVector tv = DoubleVector.broadcast(SPECIES, total);
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector e = DoubleVector.fromArray(SPECIES, out, i);
            DoubleVector q = e.mul(rv);
            q.neg().lanewise(VectorOperators.FMA, tv, e).lanewise(VectorOperators.FMA, rv, q).intoArray(out, i);
        }
        for (; i < length; i++) {
            double e = out[i];
            double q = e * reciprocal;
            out[i] = Math.fma(Math.fma(-q, total, e), reciprocal, q);
        }
    }

    /** {@code out[i] = (s_i - m) / T - lnSum}: the log-softmax from its normaliser. */
    static void logs(double[] scores, int length, double m, double t, double lnSum, double[] out) {
        // The regimes of ShiftedExponent, chosen once per call as in sumExpBelowMax.
        boolean halve = ShiftedExponent.mayOverflow(m, t);
        boolean tiny = t < ShiftedExponent.TINY_TEMPERATURE;
        double mk = halve ? 0.5 * m : m;
        double tk = halve ? 0.5 * t : tiny ? t * ShiftedExponent.TINY_SCALE : t;
        DoubleVector mv = DoubleVector.broadcast(SPECIES, mk);
        DoubleVector negM = DoubleVector.broadcast(SPECIES, -mk);
        DoubleVector tv = DoubleVector.broadcast(SPECIES, tk);
        DoubleVector lnSumV = DoubleVector.broadcast(SPECIES, lnSum);
        boolean scaled = tk != 1.0;
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector s = DoubleVector.fromArray(SPECIES, scores, i);
            if (halve) {
                s = s.mul(0.5);
            }
            DoubleVector d = s.sub(mv);
            DoubleVector dLow = twoSumError(s, negM, d);
            if (tiny) {
                d = d.mul(ShiftedExponent.TINY_SCALE);
                dLow = dLow.mul(ShiftedExponent.TINY_SCALE);
            }
            DoubleVector v;
            DoubleVector q;
            if (scaled) {
                q = d.div(tv);
                v = q.add(q.neg().lanewise(VectorOperators.FMA, tv, d).add(dLow).div(tv));
            } else {
                q = d;
                v = d.add(dLow);
            }
            // s = -inf, or (s - m) / T below -MAX_VALUE: the remainder is NaN, the value -inf.
            VectorMask<Double> minusInfinity = q.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY);
            // The maxima: v = 0 + 0 = +0.0, so their log-probability is -lnSum, never -0.0.
            v.blend(q, minusInfinity).sub(lnSumV).intoArray(out, i);
        }
        for (; i < length; i++) {
            out[i] = ShiftedExponent.rounded(scores[i], m, t) - lnSum;
        }
    }
}
