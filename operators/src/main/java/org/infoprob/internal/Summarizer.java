package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.infoprob.math.Entropy;
import org.infoprob.math.Ranking;
import org.infoprob.model.ProbabilityEvent;

import java.io.Serializable;

/**
 * Builds the {@link ProbabilityEvent} from computed probabilities, adding what {@link
 * OutputOptions} asks for; shared by every operator that outputs probabilities so that they all
 * summarise alike.
 *
 * <pre>
 *   top          = argmax_i p_i   (first on ties)          margin = p_(1) - p_(2)
 *   entropy      = -sum_i p_i ln p_i                        (one distribution: {@link #exclusive})
 *                = -sum_i [p_i ln p_i + q_i ln q_i], q = 1 - p   (independent classes: {@link #independent})
 * </pre>
 *
 * Entropy uses the log-probabilities the operator computed directly ({@link
 * Entropy#natsFromLogProbabilities}), never the log of a rounded probability.
 *
 * <pre>{@code
 * double[] logp = summarizer.logBuffer(n);          // output array, reused scratch, or null
 * if (logp == null) Softmax.probabilities(scores, n, t, p);
 * else Softmax.probabilitiesAndLogs(scores, n, t, p, logp);
 * ProbabilityEvent out = summarizer.exclusive(key, ts, classes, p, logp);
 * }</pre>
 *
 * <p>Scratch buffers are created on first use and grown with the number of classes; not
 * thread-safe.
 */
@Internal
public final class Summarizer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final OutputOptions options;

    private transient int[] topIndices;
    private transient double[] logScratch;
    private transient double[] complementScratch;
    private transient double[] logComplementScratch;

    public Summarizer(OutputOptions options) {
        this.options = options;
    }

    public OutputOptions options() {
        return options;
    }

    /**
     * Where to compute {@code n} log-probabilities: a new array when they are output (it becomes
     * part of the event), a reused scratch buffer when only the entropy needs them, null when
     * nothing needs them.
     */
    public double[] logBuffer(int n) {
        if (options.logProbabilities) {
            return new double[n];
        }
        if (!options.entropy) {
            return null;
        }
        if (logScratch == null || logScratch.length < n) {
            logScratch = new double[n];
        }
        return logScratch;
    }

    /** Scratch for the complements {@code q_i = 1 - p_i} of independent classes, when the entropy needs them; else null. */
    public double[] complementBuffer(int n) {
        if (!options.entropy) {
            return null;
        }
        if (complementScratch == null || complementScratch.length < n) {
            complementScratch = new double[n];
        }
        return complementScratch;
    }

    /** Scratch for {@code ln q_i}, when the entropy needs it; else null. */
    public double[] logComplementBuffer(int n) {
        if (!options.entropy) {
            return null;
        }
        if (logComplementScratch == null || logComplementScratch.length < n) {
            logComplementScratch = new double[n];
        }
        return logComplementScratch;
    }

    /**
     * The event for one distribution over {@code classes} ({@code p} sums to 1): softmax or
     * binary sigmoid. {@code p} and {@code classes} become part of the event; {@code logp} must
     * come from {@link #logBuffer} and be filled when not null.
     */
    public ProbabilityEvent exclusive(
            String key, long ts, String[] classes, double[] p, double[] logp) {
        ProbabilityEvent out = base(key, ts, classes, p, logp);
        out.entropy =
                options.entropy ? Entropy.natsFromLogProbabilities(p, logp, p.length) : Double.NaN;
        return out;
    }

    /**
     * The event for independent classes (multi-label): {@code p_i} is P(class i present), {@code
     * q_i = 1 - p_i} and {@code logq_i = ln q_i} (from {@link #complementBuffer} and {@link
     * #logComplementBuffer}, filled when the entropy is on). The entropy is the sum of the
     * per-class binary entropies.
     */
    public ProbabilityEvent independent(
            String key,
            long ts,
            String[] classes,
            double[] p,
            double[] logp,
            double[] q,
            double[] logq) {
        ProbabilityEvent out = base(key, ts, classes, p, logp);
        int n = p.length;
        out.entropy =
                options.entropy
                        ? Entropy.natsFromLogProbabilities(p, logp, n)
                                + Entropy.natsFromLogProbabilities(q, logq, n)
                        : Double.NaN;
        return out;
    }

    private ProbabilityEvent base(
            String key, long ts, String[] classes, double[] p, double[] logp) {
        int n = p.length;
        ProbabilityEvent out = new ProbabilityEvent();
        out.key = key;
        out.ts = ts;
        out.classes = classes;
        out.probabilities = p;
        out.logProbabilities = options.logProbabilities ? logp : null;
        int top = Ranking.argmax(p, n);
        out.top = classes[top];
        out.topProbability = p[top];
        if (options.topK > 0) {
            int k = Math.min(options.topK, n);
            if (topIndices == null || topIndices.length < k) {
                topIndices = new int[k];
            }
            Ranking.topK(p, n, k, topIndices);
            out.topK = new String[k];
            out.topKProbabilities = new double[k];
            for (int i = 0; i < k; i++) {
                out.topK[i] = classes[topIndices[i]];
                out.topKProbabilities[i] = p[topIndices[i]];
            }
        }
        out.margin = options.margin ? Ranking.margin(p, n) : Double.NaN;
        return out;
    }
}
