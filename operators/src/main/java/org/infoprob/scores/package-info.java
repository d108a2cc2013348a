/**
 * The score operator family: scores to class probabilities. Per record: {@link
 * org.infoprob.scores.SoftmaxFunction}, {@link org.infoprob.scores.SigmoidFunction}, {@link
 * org.infoprob.scores.MultiLabelSigmoidFunction}; over windows: {@link
 * org.infoprob.scores.ScoreAggregateFunction} (with its {@link
 * org.infoprob.window.ScoreAccumulator}, {@link org.infoprob.scores.CombineStrategy}, {@link
 * org.infoprob.scores.Normalization}) and {@link org.infoprob.scores.ScoreWindowFunction}; in
 * front of a window: {@link org.infoprob.scores.ScoreValidationFunction}. Bad records go to
 * {@link org.infoprob.model.DeadLetter#TAG}.
 *
 * <p>Imports: {@code math}, {@code model}, {@code internal}, Flink; no JSON, no {@code serde},
 * not the other operator families.
 */
package org.infoprob.scores;
import org.infoprob.window.ScoreAccumulator;

