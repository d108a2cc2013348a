package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.functions.FunctionContext;

/**
 * {@code RARITY(class [, temperature [, alpha]])}: the prequential rarity probability of each
 * row's class, the companion of {@link ClassSurprisalAggregateFunction}: scored against the counts before the
 * row, then counted.
 *
 * <pre>
 *   I_j = -ln p_j,  p_j = (c_j + a) / (C + a (V + 1))      for every class j seen, plus x if new
 *   z_j = I_j - I_ref,  ref = the most frequent class       (z &gt;= 0)
 *   RARITY = softmax(z / T)_x = p_x^{-1/T} / sum_j p_j^{-1/T}      T = 1, a = 1 by default
 * </pre>
 *
 * With {@code T = 1} the rarity is proportional to {@code 1 / p}: rare classes dominate. The
 * surprisals come from {@link org.infoprob.math.Surprisal}, the softmax from {@link
 * org.infoprob.math.Softmax}; as the softmax is shift-invariant (and subtracts the maximum
 * itself), {@code softmax(I / T)} equals {@code softmax(z / T)} and is computed directly.
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION RARITY AS 'org.infoprob.sql.RarityAggregateFunction';
 * SELECT k, cls,
 *        RARITY(cls) OVER (PARTITION BY k ORDER BY ts
 *            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rarity
 * FROM events;
 * -- classes a, a, b, a, c of one key give 1, 1, 3/4, 2/5, 4/7
 * }</pre>
 *
 * <ul>
 *   <li>A class of any character type (and a temperature and alpha of any numeric type) in,
 *       {@code DOUBLE} out. The first row of a group, the only class seen, gets 1.
 *   <li>Windows, GROUP BY, NULLs and the class limit as {@link ClassSurprisalAggregateFunction}. A row costs
 *       {@code O(V)}: the softmax runs over all classes seen.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code RARITY}, as {@link
 *       ClassSurprisalAggregateFunction}; a temperature that is not finite and &gt; 0 is {@code OUT_OF_RANGE}
 *       (NULL, the class is still counted).
 * </ul>
 */
@PublicEvolving
public class RarityAggregateFunction extends ClassAggregateFunction<Double> {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "RARITY";

    private transient double[] surprisals;

    /** At most {@link ClassCountAccumulator#DEFAULT_MAX_CLASSES} classes per group. */
    public RarityAggregateFunction() {
        this(ClassCountAccumulator.DEFAULT_MAX_CLASSES);
    }

    /**
     * At most {@code maxClasses} classes per group; register the instance with {@code
     * tEnv.createTemporarySystemFunction(name, function)}.
     */
    public RarityAggregateFunction(int maxClasses) {
        super(NAME, maxClasses, SqlTypeInference.DOUBLE, "temperature", "alpha");
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        surprisals = new double[16];
    }

    /** RarityAggregateFunction at temperature 1 with smoothing {@code a = 1}. */
    public void accumulate(ClassCountAccumulator acc, String cls) {
        accumulate(acc, cls, 1.0, SurprisalScalarFunction.DEFAULT_ALPHA);
    }

    /** RarityAggregateFunction at the given temperature with smoothing {@code a = 1}. */
    public void accumulate(ClassCountAccumulator acc, String cls, Number temperature) {
        accumulate(acc, cls, temperature, SurprisalScalarFunction.DEFAULT_ALPHA);
    }

    /** RarityAggregateFunction at the given temperature and smoothing. */
    public void accumulate(
            ClassCountAccumulator acc, String cls, Number temperature, Number alpha) {
        int index = admit(acc, cls);
        if (index == SKIP) {
            return;
        }
        if (temperature != null && alpha != null) {
            try {
                acc.result = rarity(acc, index, temperature.doubleValue(), alpha.doubleValue());
            } catch (IllegalArgumentException e) {
                reject(e);
            }
        }
        acc.add(index, cls, 1);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls) {
        retractClass(acc, cls);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls, Number temperature) {
        retractClass(acc, cls);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls, Number temperature, Number alpha) {
        retractClass(acc, cls);
    }

    @Override
    public Double getValue(ClassCountAccumulator acc) {
        return acc.result;
    }

    /** {@code softmax(I / T)} over the classes in {@code acc} (plus a new one), at the row's. */
    private double rarity(
            ClassCountAccumulator acc, int index, double temperature, double alpha) {
        int v = acc.distinct();
        int n = index >= 0 ? v : v + 1;
        if (surprisals.length < n) {
            surprisals = new double[Math.max(n, 2 * surprisals.length)];
        }
        for (int j = 0; j < v; j++) {
            surprisals[j] = org.infoprob.math.Surprisal.nats(acc.counts[j], acc.total, v, alpha);
        }
        if (index < 0) {
            // The new class sits after the seen ones in the buffer; its order does not matter.
            surprisals[v] = org.infoprob.math.Surprisal.nats(0, acc.total, v, alpha);
        }
        org.infoprob.math.Softmax.probabilities(surprisals, n, temperature, surprisals);
        return surprisals[index >= 0 ? index : v];
    }
}
