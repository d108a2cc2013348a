package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.functions.UserDefinedFunction;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The infoprob SQL functions and their registration.
 *
 * <pre>{@code
 * TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
 * InfoprobFunctions.registerAll(tEnv);
 * tEnv.executeSql("SELECT SOFTMAX(scores), ARGMAX(scores) FROM predictions");
 * }</pre>
 *
 * or one at a time, in SQL (e.g. in the SQL client, with the jar on the class path):
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION SOFTMAX AS 'org.infoprob.sql.SoftmaxScalarFunction';
 * }</pre>
 *
 * <table>
 *   <caption>Functions</caption>
 *   <tr><th>SQL name</th><th>class</th><th>kind</th></tr>
 *   <tr><td>SOFTMAX, LOG_SOFTMAX</td><td>{@link SoftmaxScalarFunction}, {@link LogSoftmaxScalarFunction}</td><td>scalar</td></tr>
 *   <tr><td>SIGMOID, LOG_SIGMOID, LOGIT</td><td>{@link SigmoidScalarFunction}, {@link LogSigmoidScalarFunction}, {@link LogitScalarFunction}</td><td>scalar</td></tr>
 *   <tr><td>ENTROPY, ARGMAX, TOP_K</td><td>{@link EntropyScalarFunction}, {@link ArgmaxScalarFunction}, {@link TopKScalarFunction}</td><td>scalar</td></tr>
 *   <tr><td>SURPRISAL</td><td>{@link SurprisalScalarFunction}</td><td>scalar</td></tr>
 *   <tr><td>CLASS_SURPRISAL, RARITY</td><td>{@link ClassSurprisalAggregateFunction}, {@link RarityAggregateFunction}</td><td>aggregate (OVER)</td></tr>
 *   <tr><td>CLASS_DISTRIBUTION</td><td>{@link ClassDistributionAggregateFunction}</td><td>aggregate</td></tr>
 *   <tr><td>LOG_LOSS, BRIER, ECE</td><td>{@link LogLossAggregateFunction}, {@link BrierAggregateFunction}, {@link EceAggregateFunction}</td><td>aggregate</td></tr>
 * </table>
 *
 * <p><b>Invalid input</b> never fails the job: a row the math core refuses gives NULL (an
 * aggregate ignores it) and is counted under the function's metric group, named by its SQL
 * name, e.g. {@code <operator>.SOFTMAX.deadLetters} and {@code
 * <operator>.SOFTMAX.reason.NON_FINITE_SCORE.deadLetters}. A NULL argument gives NULL and is not counted.
 * Calls of one function within one operator share a function instance and its counters, so
 * the count is per operator and function name, summed over the calls. Two differently
 * configured instances in one operator (e.g. {@code new ClassSurprisalAggregateFunction(2)} next to the default
 * {@code CLASS_SURPRISAL}) clash on the group name, and Flink reports only the counter
 * registered first under each metric name. The SQL reference with formulas and examples is
 * {@code operators/SQL.md}.
 */
@PublicEvolving
public final class InfoprobFunctions {

    private static final Map<String, Class<? extends UserDefinedFunction>> FUNCTIONS;

    static {
        Map<String, Class<? extends UserDefinedFunction>> f = new LinkedHashMap<>();
        f.put(SoftmaxScalarFunction.NAME, SoftmaxScalarFunction.class);
        f.put(LogSoftmaxScalarFunction.NAME, LogSoftmaxScalarFunction.class);
        f.put(SigmoidScalarFunction.NAME, SigmoidScalarFunction.class);
        f.put(LogSigmoidScalarFunction.NAME, LogSigmoidScalarFunction.class);
        f.put(LogitScalarFunction.NAME, LogitScalarFunction.class);
        f.put(EntropyScalarFunction.NAME, EntropyScalarFunction.class);
        f.put(ArgmaxScalarFunction.NAME, ArgmaxScalarFunction.class);
        f.put(TopKScalarFunction.NAME, TopKScalarFunction.class);
        f.put(SurprisalScalarFunction.NAME, SurprisalScalarFunction.class);
        f.put(ClassSurprisalAggregateFunction.NAME, ClassSurprisalAggregateFunction.class);
        f.put(ClassScoreAggregateFunction.NAME, ClassScoreAggregateFunction.class);
        f.put(ClassEntropyAggregateFunction.NAME, ClassEntropyAggregateFunction.class);
        f.put(RarityAggregateFunction.NAME, RarityAggregateFunction.class);
        f.put(ClassDistributionAggregateFunction.NAME, ClassDistributionAggregateFunction.class);
        f.put(LogLossAggregateFunction.NAME, LogLossAggregateFunction.class);
        f.put(BrierAggregateFunction.NAME, BrierAggregateFunction.class);
        f.put(EceAggregateFunction.NAME, EceAggregateFunction.class);
        FUNCTIONS = Collections.unmodifiableMap(f);
    }

    private InfoprobFunctions() {}

    /** SQL name to function class, in the order of the reference table. */
    public static Map<String, Class<? extends UserDefinedFunction>> functions() {
        return FUNCTIONS;
    }

    /**
     * Registers every function under its SQL name as a temporary system function: visible in
     * every catalog and database of {@code tEnv}, for this session.
     *
     * @throws org.apache.flink.table.api.ValidationException if one of the names is taken
     */
    public static void registerAll(TableEnvironment tEnv) {
        if (tEnv == null) {
            throw new IllegalArgumentException("tEnv must not be null");
        }
        FUNCTIONS.forEach(tEnv::createTemporarySystemFunction);
    }
}
