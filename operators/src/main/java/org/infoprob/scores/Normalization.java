package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;

/**
 * How {@link ScoreAggregateFunction} turns scores into probabilities: one distribution over all
 * classes (softmax), or an independent yes/no probability per class (sigmoid; with a single
 * class this is the binary case).
 *
 * <pre>
 *   SOFTMAX   p_c = exp(z_c / T) / sum_j exp(z_j / T)     (sum_c p_c = 1)
 *   SIGMOID   p_c = 1 / (1 + exp(-z_c / T))               (each p_c on its own)
 * </pre>
 *
 * <pre>{@code
 * ScoreAggregateFunction.builder().setNormalization(Normalization.SIGMOID).build();
 * }</pre>
 */
@PublicEvolving
public enum Normalization {
    /** One distribution over the classes, as {@code SoftmaxFunction}. */
    SOFTMAX,
    /** Independent probabilities per class, as {@code MultiLabelSigmoidFunction}. */
    SIGMOID
}
