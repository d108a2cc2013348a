/**
 * Machinery shared by the operator families, the decoders and the SQL functions, not meant for
 * users: the validation rules of score and class events, the one dead-letter path ({@link
 * org.infoprob.internal.DeadLetters}: build, render, count), the one Jackson factory ({@link
 * org.infoprob.internal.Json}) and payload rendering, output summaries, name interning.
 * Everything here is {@code @Internal} and may change without notice.
 *
 * <p>Imports: {@code math}, {@code model}, Flink, Jackson; never an operator family, {@code
 * serde} or {@code sql} (they build on this package).
 */
package org.infoprob.internal;
