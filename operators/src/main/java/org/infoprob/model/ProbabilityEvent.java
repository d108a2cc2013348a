package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * A probability per class, with the summaries most consumers want: the top class, the top-k,
 * the entropy and the margin. Produced by the softmax, sigmoid and multi-label sigmoid
 * functions (one per input record) and by the window aggregates (one per key and window).
 *
 * <pre>
 *   entropy = -sum_i p_i ln p_i                         (nats; softmax / sigmoid output)
 *           = -sum_i [p_i ln p_i + (1 - p_i) ln(1 - p_i)] (multi-label: sum of per-class binary entropies)
 *   margin  = p_(1) - p_(2)                             (top probability minus the runner-up)
 * </pre>
 *
 * <pre>{@code
 * // softmax of {"cat": 0, "dog": ln 3}:
 * //   classes = {"cat", "dog"}, probabilities = {0.25, 0.75}, top = "dog", topProbability = 0.75,
 * //   entropy = -(0.25 ln 0.25 + 0.75 ln 0.75) = 0.5623351446188083, margin = 0.5
 * }</pre>
 *
 * <p>Fields the producing operator was configured not to compute are {@code null} (arrays) or
 * {@code NaN} ({@code entropy}, {@code margin}): primitives keep the per-record path free of
 * boxing. {@code windowStart}, {@code windowEnd} and {@code count} are null unless the event
 * was produced by a window. A Flink POJO: public no-argument constructor, public fields, no
 * Kryo.
 */
@PublicEvolving
public class ProbabilityEvent {

    /** The record key. */
    public String key;
    /**
     * Event time in epoch milliseconds: the input record's, or for a window result the latest
     * event time combined into it.
     */
    public long ts;
    /** Class names, parallel to {@link #probabilities}. */
    public String[] classes;
    /**
     * One probability per class. They sum to 1 for softmax, binary sigmoid and the softmax window
     * aggregates; for multi-label output each is an independent P(class present). Null only for
     * a window without a distribution (see {@code ScoreWindowFunction}).
     */
    public double[] probabilities;
    /** {@code ln p_i}, computed directly (never as the log of a rounded p); null when off. */
    public double[] logProbabilities;
    /** The class with the highest probability (the first one on ties). */
    public String top;
    /** Its probability. */
    public double topProbability;
    /** The k most probable classes, most probable first; null when top-k is off. */
    public String[] topK;
    /** Their probabilities, parallel to {@link #topK}; null when top-k is off. */
    public double[] topKProbabilities;
    /** Entropy in nats (see the class comment), NaN when off. */
    public double entropy;
    /** Top probability minus the second highest; the top probability itself for one class; NaN when off. */
    public double margin;
    /** Window start (inclusive, epoch ms), null when not produced by a window. */
    public Long windowStart;
    /** Window end (exclusive, epoch ms), null when not produced by a window. */
    public Long windowEnd;
    /** Number of events combined by a window, null when not produced by a window. */
    public Long count;

    public ProbabilityEvent() {}


    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ProbabilityEvent)) {
            return false;
        }
        ProbabilityEvent that = (ProbabilityEvent) o;
        return ts == that.ts
                && Double.compare(topProbability, that.topProbability) == 0
                && Double.compare(entropy, that.entropy) == 0
                && Double.compare(margin, that.margin) == 0
                && Objects.equals(key, that.key)
                && Arrays.equals(classes, that.classes)
                && Arrays.equals(probabilities, that.probabilities)
                && Arrays.equals(logProbabilities, that.logProbabilities)
                && Objects.equals(top, that.top)
                && Arrays.equals(topK, that.topK)
                && Arrays.equals(topKProbabilities, that.topKProbabilities)
                && Objects.equals(windowStart, that.windowStart)
                && Objects.equals(windowEnd, that.windowEnd)
                && Objects.equals(count, that.count);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(key, ts, top, topProbability, entropy, margin, windowStart, windowEnd, count);
        h = 31 * h + Arrays.hashCode(classes);
        h = 31 * h + Arrays.hashCode(probabilities);
        h = 31 * h + Arrays.hashCode(logProbabilities);
        h = 31 * h + Arrays.hashCode(topK);
        return 31 * h + Arrays.hashCode(topKProbabilities);
    }

    @Override
    public String toString() {
        return "ProbabilityEvent{"
                + "key=" + key
                + ", ts=" + ts
                + ", classes=" + Arrays.toString(classes)
                + ", probabilities=" + Arrays.toString(probabilities)
                + ", logProbabilities=" + Arrays.toString(logProbabilities)
                + ", top=" + top
                + ", topProbability=" + topProbability
                + ", topK=" + Arrays.toString(topK)
                + ", topKProbabilities=" + Arrays.toString(topKProbabilities)
                + ", entropy=" + entropy
                + ", margin=" + margin
                + ", windowStart=" + windowStart
                + ", windowEnd=" + windowEnd
                + ", count=" + count
                + "}";
    }
}
