/**
 * The numerics core, plain Java: softmax, log-sum-exp, sigmoid, entropy, ranking, surprisal and
 * smoothing, with their accuracy bounds and non-finite policies in each class's javadoc.
 *
 * <p>Imports: {@code java.*} and {@code jdk.incubator.vector} (the optional vector kernel,
 * loaded only when the JVM has the module) only; no Flink and no other infoprob package, so
 * the maths runs anywhere and every operator is a thin wrapper around it ({@code
 * ArchitectureTest} checks this).
 */
package org.infoprob.math;
