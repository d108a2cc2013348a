/**
 * The maths as Flink SQL / Table API functions, named by kind: scalar functions ({@code
 * SoftmaxScalarFunction} as {@code SOFTMAX}, ...) and aggregate functions ({@code
 * RarityAggregateFunction} as {@code RARITY}, ...); {@link org.infoprob.sql.InfoprobFunctions}
 * registers them all. Arguments keep the types users have (any numeric type, arrays and maps of
 * them; see {@code SqlTypeInference}); results are nullable all the way down. A row the maths
 * refuses gives NULL and is counted.
 *
 * <p>Imports: {@code math}, {@code model} (reason codes), {@code internal} (counters), Flink's
 * Table API; no JSON, not the DataStream operator families.
 */
package org.infoprob.sql;
