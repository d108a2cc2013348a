/**
 * The events the operators read and write, as Flink POJOs with parallel arrays (no Kryo):
 * {@link org.infoprob.model.ScoreEvent}, {@link org.infoprob.model.BinaryScoreEvent}, {@link
 * org.infoprob.model.ProbabilityEvent}, {@link org.infoprob.model.ClassEvent}, the calibration family's {@link org.infoprob.model.LabelEvent}, {@link
 * org.infoprob.model.LabelledScores}, {@link org.infoprob.model.CalibratedEvent}, {@link
 * org.infoprob.model.LabelledProbabilities} and {@link org.infoprob.model.CalibrationMetrics}, {@link
 * org.infoprob.model.RarityEvent}, {@link org.infoprob.model.ClassDistribution}, and the {@link
 * org.infoprob.model.DeadLetter} with its {@link org.infoprob.model.Reason} and the caps on its
 * size ({@link org.infoprob.model.DeadLetterLimits}).
 *
 * <p>Imports: Flink's type and annotation classes only; nothing else of infoprob (no JSON, no
 * rules, no operators).
 */
package org.infoprob.model;
