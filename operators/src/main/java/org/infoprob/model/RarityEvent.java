package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * The information-based scores of one {@link ClassEvent}, computed against what its key saw
 * <em>before</em> it (prequential). With {@code c_x} the (weighted, possibly decayed) count of
 * the event's class, {@code C} the total, {@code V} the distinct classes seen and {@code a} the
 * additive smoothing (default {@link org.infoprob.math.Smoothing#ADDITIVE}):
 *
 * <pre>
 *   probability  p_x = (c_x + a) / (C + a (V + 1))
 *   surprisal    I_x = -ln p_x (nats),  surprisalBits = I_x / ln 2,  oneIn = 1 / p_x
 *   score        z_x = I_x - I_ref &gt;= 0, ref = the most probable class (reference)
 *   rarity       p_x^(-1/T) / (sum_j p_j^(-1/T) + p_unseen^(-1/T)), over the classes held and the
 *                unseen slot (a new x is the unseen slot); 0 for a key with no history
 *   entropy      H = -sum p ln p of the smoothed distribution (seen classes and unseen slot)
 * </pre>
 *
 * JSON field names are the Java names, except {@link #className}, written as {@code "class"}:
 *
 * <pre>{@code
 * // user-1 saw login 5 times and logout 4 times; now login_failed, for the first time (a = 1)
 * {"key":"user-1","ts":1732752000000,"class":"login_failed","count":0.0,"total":9.0,
 *  "probability":0.0833,"surprisal":2.4849,"score":1.7918,"rarity":0.7317,
 *  "entropy":0.9184,"oneIn":12.0,"firstSeen":true}
 * }</pre>
 *
 * <p>A Flink POJO: public no-argument constructor and public fields.
 */
@PublicEvolving
public class RarityEvent {

    /** The key the frequencies were learned for. */
    public String key;
    /** The event time in epoch milliseconds; null when the event had none. */
    public Long ts;
    /** The class of the event; JSON name {@code "class"}. */
    public String className;
    /** Count {@code c_x} of the class before this event (decayed when a half-life is set). */
    public double count;
    /**
     * How far {@link #count} may be from the true count once the key has held more classes
     * than its limit (Space-Saving): for a class held the true count is in {@code [count -
     * countError, count]}; for a class not held ({@link #firstSeen}) it is in {@code [0,
     * countError]}. Always at most {@code total / maxClassesPerKey}; 0 while the key's counts
     * are exact.
     */
    public double countError;
    /** Total count {@code C} of the key before this event. */
    public double total;
    /** Distinct classes {@code V} of the key before this event. */
    public int distinct;
    /** Smoothed probability {@code p_x}. */
    public double probability;
    /** Surprisal {@code -ln p_x} in nats. */
    public double surprisal;
    /** Surprisal in bits. */
    public double surprisalBits;
    /** Information above the reference class: {@code I_x - I_ref = ln(p_ref / p_x) >= 0}. */
    public double score;
    /**
     * Rarity probability: {@code softmax(I / T)} over the classes held and the unseen slot, taken
     * at x (see {@link org.infoprob.math.InformationScorer}); 0 for a key with no history.
     */
    public double rarity;
    /** Entropy in nats of the key's smoothed distribution before this event. */
    public double entropy;
    /** "One in N": {@code 1 / p_x}. */
    public double oneIn;
    /** True when the class had not been seen for this key before. */
    public boolean firstSeen;
    /** The reference class: the most probable one (the event's own class if it is the first). */
    public String reference;
    /**
     * True when the key's {@code total} before this event was below the operator's warm-up
     * threshold ({@code InformationFunction.Builder#setWarmUp}): too little history for the
     * scores to mean much; always false without a threshold.
     */
    public boolean warmingUp;

    public RarityEvent() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RarityEvent)) {
            return false;
        }
        RarityEvent that = (RarityEvent) o;
        return Double.compare(count, that.count) == 0
                && Double.compare(countError, that.countError) == 0
                && Double.compare(total, that.total) == 0
                && distinct == that.distinct
                && Double.compare(probability, that.probability) == 0
                && Double.compare(surprisal, that.surprisal) == 0
                && Double.compare(surprisalBits, that.surprisalBits) == 0
                && Double.compare(score, that.score) == 0
                && Double.compare(rarity, that.rarity) == 0
                && Double.compare(entropy, that.entropy) == 0
                && Double.compare(oneIn, that.oneIn) == 0
                && firstSeen == that.firstSeen
                && warmingUp == that.warmingUp
                && Objects.equals(key, that.key)
                && Objects.equals(ts, that.ts)
                && Objects.equals(className, that.className)
                && Objects.equals(reference, that.reference);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, ts, className, count, total, probability, rarity, firstSeen);
    }

    @Override
    public String toString() {
        return "RarityEvent{key="
                + key
                + ", ts="
                + ts
                + ", class="
                + className
                + ", count="
                + count
                + ", countError="
                + countError
                + ", total="
                + total
                + ", distinct="
                + distinct
                + ", probability="
                + probability
                + ", surprisal="
                + surprisal
                + ", score="
                + score
                + ", rarity="
                + rarity
                + ", entropy="
                + entropy
                + ", oneIn="
                + oneIn
                + ", firstSeen="
                + firstSeen
                + ", reference="
                + reference
                + ", warmingUp="
                + warmingUp
                + '}';
    }
}
