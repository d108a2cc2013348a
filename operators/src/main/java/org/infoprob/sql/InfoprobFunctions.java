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
 * CREATE TEMPORARY FUNCTION SOFTMAX AS 'org.infoprob.sql.Softmax';
 * }</pre>
 *
 * <table>
 *   <caption>Functions</caption>
 *   <tr><th>SQL name</th><th>class</th><th>kind</th></tr>
 *   <tr><td>SOFTMAX, LOG_SOFTMAX</td><td>{@link Softmax}, {@link LogSoftmax}</td><td>scalar</td></tr>
 *   <tr><td>SIGMOID, LOG_SIGMOID, LOGIT</td><td>{@link Sigmoid}, {@link LogSigmoid}, {@link Logit}</td><td>scalar</td></tr>
 *   <tr><td>ENTROPY, ARGMAX, TOP_K</td><td>{@link Entropy}, {@link Argmax}, {@link TopK}</td><td>scalar</td></tr>
 *   <tr><td>SURPRISAL</td><td>{@link Surprisal}</td><td>scalar</td></tr>
 *   <tr><td>CLASS_SURPRISAL, RARITY</td><td>{@link ClassSurprisal}, {@link Rarity}</td><td>aggregate (OVER)</td></tr>
 *   <tr><td>CLASS_DISTRIBUTION</td><td>{@link ClassDistribution}</td><td>aggregate</td></tr>
 * </table>
 *
 * <p><b>Invalid input</b> never fails the job: a row the math core refuses gives NULL (an
 * aggregate ignores it) and is counted under the function's metric group, named by its SQL
 * name, e.g. {@code <operator>.SOFTMAX.invalidRecords} and {@code
 * <operator>.SOFTMAX.invalid.NON_FINITE_SCORE}. A NULL argument gives NULL and is not counted.
 * Calls of one function within one operator share a function instance and its counters, so
 * the count is per operator and function name, summed over the calls. Two differently
 * configured instances in one operator (e.g. {@code new ClassSurprisal(2)} next to the default
 * {@code CLASS_SURPRISAL}) clash on the group name, and Flink reports only the counter
 * registered first under each metric name. The SQL reference with formulas and examples is
 * {@code operators/SQL.md}.
 */
@PublicEvolving
public final class InfoprobFunctions {

    private static final Map<String, Class<? extends UserDefinedFunction>> FUNCTIONS;

    static {
        Map<String, Class<? extends UserDefinedFunction>> f = new LinkedHashMap<>();
        f.put(Softmax.NAME, Softmax.class);
        f.put(LogSoftmax.NAME, LogSoftmax.class);
        f.put(Sigmoid.NAME, Sigmoid.class);
        f.put(LogSigmoid.NAME, LogSigmoid.class);
        f.put(Logit.NAME, Logit.class);
        f.put(Entropy.NAME, Entropy.class);
        f.put(Argmax.NAME, Argmax.class);
        f.put(TopK.NAME, TopK.class);
        f.put(Surprisal.NAME, Surprisal.class);
        f.put(ClassSurprisal.NAME, ClassSurprisal.class);
        f.put(Rarity.NAME, Rarity.class);
        f.put(ClassDistribution.NAME, ClassDistribution.class);
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
