package org.infoprob.math;

/**
 * The scores of one event, written by {@link InformationScorer#scoreEvent}; reusable, one per
 * operator instance. Formulas in {@link InformationScorer}; {@link #referenceIndex()} is the
 * index of the reference class, or -1 when the event's own (new) class is the reference or
 * nothing is held.
 */
public final class EventScores {
    double count;
    double total;
    int distinct;
    double probability;
    double surprisal;
    double surprisalBits;
    double score;
    double rarity;
    double entropy;
    double oneIn;
    boolean firstSeen;
    int referenceIndex;

    /** {@code c_x} (0 for a class not held). */
    public double count() {
        return count;
    }

    /** {@code C}. */
    public double total() {
        return total;
    }

    /** {@code V}, the classes held. */
    public int distinct() {
        return distinct;
    }

    /** {@code p_x}. */
    public double probability() {
        return probability;
    }

    /** {@code -ln p_x}. */
    public double surprisal() {
        return surprisal;
    }

    /** {@code -log2 p_x}. */
    public double surprisalBits() {
        return surprisalBits;
    }

    /** {@code ln(p_ref / p_x)}. */
    public double score() {
        return score;
    }

    /** The rarity, see the class comment; 0 for a key with no history. */
    public double rarity() {
        return rarity;
    }

    /** Entropy of the key's smoothed distribution, unseen slot included. */
    public double entropy() {
        return entropy;
    }

    /** {@code 1 / p_x}. */
    public double oneIn() {
        return oneIn;
    }

    /** Whether the class was not held (scored as the unseen slot). */
    public boolean firstSeen() {
        return firstSeen;
    }

    /** Index of the reference class, -1 for the event's own new class or no history. */
    public int referenceIndex() {
        return referenceIndex;
    }
}
