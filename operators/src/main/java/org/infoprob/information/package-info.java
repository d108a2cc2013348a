/**
 * The information operator family: class observations to running (optionally decayed)
 * frequencies per key, surprisal {@code -ln p}, a score against the most frequent class and
 * rarity probabilities. Running: {@link org.infoprob.information.InformationFunction}; over
 * windows: {@link org.infoprob.information.ClassCountAggregate} and {@link
 * org.infoprob.information.InformationWindowFunction}; in front of a window: {@link
 * org.infoprob.information.ClassEventValidationFunction}. The per-key state and its serializer
 * live here too.
 *
 * <p>Imports: {@code math}, {@code model}, {@code internal}, Flink; no JSON, no {@code serde},
 * not the other operator families.
 */
package org.infoprob.information;
