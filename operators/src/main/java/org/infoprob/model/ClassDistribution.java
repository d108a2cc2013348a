package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * The whole class distribution of one key: every class with its count, smoothed probability,
 * surprisal, score and rarity, as parallel arrays ordered by count, largest first (ties by
 * name). Emitted by the running information operator (periodically) and by the window variant
 * (once per key and window).
 *
 * <pre>
 *   probabilities[i] = p_i        (smoothed, see {@link org.infoprob.math.Smoothing})
 *   surprisals[i]    = -ln p_i    (nats)
 *   scores[i]        = ln(p_ref / p_i) &gt;= 0, ref = classNames[0]
 *   rarities[i]      = softmax(scores / T)_i over the classes listed and the unseen slot
 *   probabilities sum to 1 - unseenProbability, rarities to 1 - unseenRarity
 * </pre>
 *
 * <p>A Flink POJO with parallel arrays (not a Map: Flink would copy a Map into a HashMap and
 * lose its order).
 */
@PublicEvolving
public class ClassDistribution {

    /** The key. */
    public String key;
    /** The time the distribution describes, epoch milliseconds; null when not known. */
    public Long ts;
    /** Window start (inclusive) for the window variant; null for the running distribution. */
    public Long windowStart;
    /** Window end (exclusive) for the window variant; null for the running distribution. */
    public Long windowEnd;
    /** Class names, most frequent first. */
    public String[] classNames;
    /** Counts (weighted, decayed when a half-life is set). */
    public double[] counts;
    /**
     * Per class, by how much its count may overestimate the true one (Space-Saving): the true
     * count is in {@code [counts[i] - countErrors[i], counts[i]]}. All 0 while the counts are
     * exact.
     */
    public double[] countErrors;
    /** Smoothed probabilities. */
    public double[] probabilities;
    /** Surprisals in nats. */
    public double[] surprisals;
    /** Scores relative to the reference (most frequent) class. */
    public double[] scores;
    /** Rarity probabilities; with {@link #unseenRarity} they sum to 1. */
    public double[] rarities;
    /** Total count. */
    public double total;
    /** Number of classes listed. */
    public int distinct;
    /** Probability reserved for a class never seen. */
    public double unseenProbability;
    /**
     * Rarity of the unseen slot (a class not listed): the rarities plus this sum to 1; all are
     * 0 when no class is listed.
     */
    public double unseenRarity;
    /**
     * The bound on the true count of any class not listed, and at least every {@link
     * #countErrors} entry; at most {@code total / maxClassesPerKey}; 0 while the counts are exact.
     */
    public double countError;
    /** Entropy in nats of the smoothed distribution, unseen slot included. */
    public double entropy;
    /** Events that were invalid and not counted (window variant; 0 for the running one). */
    public long ignoredInvalid;

    public ClassDistribution() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClassDistribution)) {
            return false;
        }
        ClassDistribution that = (ClassDistribution) o;
        return Double.compare(total, that.total) == 0
                && distinct == that.distinct
                && Double.compare(unseenProbability, that.unseenProbability) == 0
                && Double.compare(unseenRarity, that.unseenRarity) == 0
                && Double.compare(countError, that.countError) == 0
                && Double.compare(entropy, that.entropy) == 0
                && ignoredInvalid == that.ignoredInvalid
                && Objects.equals(key, that.key)
                && Objects.equals(ts, that.ts)
                && Objects.equals(windowStart, that.windowStart)
                && Objects.equals(windowEnd, that.windowEnd)
                && Arrays.equals(classNames, that.classNames)
                && Arrays.equals(counts, that.counts)
                && Arrays.equals(countErrors, that.countErrors)
                && Arrays.equals(probabilities, that.probabilities)
                && Arrays.equals(surprisals, that.surprisals)
                && Arrays.equals(scores, that.scores)
                && Arrays.equals(rarities, that.rarities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, ts, windowStart, windowEnd, Arrays.hashCode(classNames), total);
    }

    @Override
    public String toString() {
        return "ClassDistribution{key="
                + key
                + ", ts="
                + ts
                + ", window=["
                + windowStart
                + ", "
                + windowEnd
                + "), classes="
                + Arrays.toString(classNames)
                + ", counts="
                + Arrays.toString(counts)
                + ", probabilities="
                + Arrays.toString(probabilities)
                + ", rarities="
                + Arrays.toString(rarities)
                + ", total="
                + total
                + ", unseenProbability="
                + unseenProbability
                + ", unseenRarity="
                + unseenRarity
                + ", countError="
                + countError
                + ", entropy="
                + entropy
                + ", ignoredInvalid="
                + ignoredInvalid
                + '}';
    }
}
