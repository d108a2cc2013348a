/**
 * State classes that keep their release-0.1 names: Flink writes a POJO's class name into every
 * savepoint that holds it, so moving {@link org.infoprob.window.ScoreAccumulator} (the window
 * state of {@link org.infoprob.scores.ScoreAggregateFunction}) would make every 0.1 savepoint with
 * score windows unrestorable, even a drained one. Nothing else belongs here: the operators are in
 * {@code org.infoprob.scores}.
 *
 * <p>Imports: {@code java.*}, Flink's annotations and {@code org.infoprob.math} (the one
 * compensated-sum step, {@link org.infoprob.math.TwoSum}).
 */
package org.infoprob.window;
