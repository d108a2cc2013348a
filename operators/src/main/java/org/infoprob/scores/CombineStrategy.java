package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;

/**
 * How {@link ScoreAggregateFunction} combines the score events of one key in one window into a
 * single distribution. With {@code N} events, {@code s_{k,c}} the score of class {@code c} in
 * event {@code k}, {@code K_c} the events that hold class {@code c} and {@code n_c = |K_c|}:
 *
 * <pre>
 *                      SOFTMAX normalization                     SIGMOID normalization (per class)
 *   MEAN_LOGITS        p = softmax(z; T), z_c = (1/n_c) sum_{K_c} s_{k,c}     p_c = sigmoid(z_c / T)
 *   MEAN_PROBABILITIES p_c = (1/N) sum_k softmax(s_k; T)_c              p_c = (1/n_c) sum_{K_c} sigmoid(s_{k,c} / T)
 *   PRODUCT_OF_EXPERTS p = softmax(z; 1), z_c = sum_{K_c} ln softmax(s_k; T)_c  p_c = sigmoid((sum_{K_c} s_{k,c}) / T)
 * </pre>
 *
 * <p>Classes may differ between events: the result covers the union of the classes, in order
 * of first appearance. A class missing from an event is <em>absent</em> from it, not a score
 * of 0:
 *
 * <ul>
 *   <li>MEAN_LOGITS averages each class over the events that had it ({@code n_c}).
 *   <li>MEAN_PROBABILITIES (softmax) averages over <em>all</em> {@code N} events: an event's
 *       distribution gives probability 0 to a class it does not name, so the result is the
 *       mixture {@code (1/N) sum_k p_k} of the events' distributions and sums to 1. With the
 *       sigmoid each class is its own yes/no distribution, so an event without the class says
 *       nothing about it and the mean is over {@code n_c}.
 *   <li>PRODUCT_OF_EXPERTS multiplies, per class, the probabilities of the events that had it:
 *       an event that does not name a class abstains on it (factor 1). When all events share
 *       the same classes this is exactly the normalized product of the events' distributions;
 *       when they do not, a class named by fewer events has fewer factors &lt; 1 and is favoured
 *       over one that many events rated alike. Use a fixed class list (every event scoring
 *       every class) when that matters.
 * </ul>
 *
 * <pre>{@code
 * // two events {a: 0, b: ln 3} (p = {0.25, 0.75}) and {a: 0, b: 0} (p = {0.5, 0.5}):
 * // MEAN_LOGITS        z = {0, ln(3)/2}     -> p = {1/(1+sqrt 3), sqrt 3/(1+sqrt 3)} = {0.3660, 0.6340}
 * // MEAN_PROBABILITIES                      -> p = {0.375, 0.625}
 * // PRODUCT_OF_EXPERTS 0.25*0.5 : 0.75*0.5  -> p = {0.25, 0.75}
 * }</pre>
 */
@PublicEvolving
public enum CombineStrategy {
    /** Average the scores (logits) per class, then normalize. */
    MEAN_LOGITS,
    /** Average the per-event probabilities per class. */
    MEAN_PROBABILITIES,
    /** Sum the per-event log-probabilities per class (multiply the probabilities), then normalize. */
    PRODUCT_OF_EXPERTS
}
