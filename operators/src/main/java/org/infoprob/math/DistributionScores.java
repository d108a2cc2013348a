package org.infoprob.math;

/**
 * Every class of a key scored by {@link InformationScorer#distribution}, as arrays in the order
 * of the input: {@code rarities} plus {@code unseenRarity} sum to 1 (all 0 when nothing is
 * held), {@code probabilities} plus {@code unseenProbability} sum to 1; {@code referenceIndex}
 * is the most probable class held (-1 when none). Formulas in {@link InformationScorer}.
 */
public record DistributionScores(
        double[] counts,
        double[] probabilities,
        double[] surprisals,
        double[] scores,
        double[] rarities,
        double total,
        double unseenProbability,
        double unseenRarity,
        double entropy,
        int referenceIndex) {}
