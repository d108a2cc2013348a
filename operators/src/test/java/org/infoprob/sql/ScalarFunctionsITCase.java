package org.infoprob.sql;

import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.infoprob.testing.FlinkMiniCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlTestSupport.counter;
import static org.infoprob.sql.SqlTestSupport.drain;

/**
 * The scalar functions through the planner on a MiniCluster: values, NULLs and rejected rows
 * (NULL plus a metric). Expected values are computed by hand from each function's formula in
 * the test. Result types and reads of NULL results: {@link NullResultsITCase}; argument types:
 * {@link InputTypesITCase}.
 */
class ScalarFunctionsITCase {

    private static final double EPS = 1e-15;
    private static final double LN3 = Math.log(3);

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkMiniCluster.extension(REPORTER);

    private TableEnvironment tEnv;

    /**
     * Per test: the extension installs the MiniCluster as the context environment before each
     * test only, and a table environment binds its executor when it is created.
     */
    @BeforeEach
    void registerFunctions() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "2");
        InfoprobFunctions.registerAll(tEnv);
    }

    @Test
    void examplesOfTheSqlReferenceGiveTheDocumentedValues() throws Exception {
        // The examples of operators/SQL.md, as written there (DECIMAL literals included).
        List<Row> rows =
                collect(
                        "SELECT 1, SOFTMAX(ARRAY[0.0, LN(3.0)]), SOFTMAX(MAP['cat', 2.0, 'dog', 1.0], 0.5),"
                                + " LOG_SOFTMAX(ARRAY[0.0, -1000.0]), LOG_SOFTMAX(MAP['cat', 2.0, 'dog', 1.0], 0.5),"
                                + " SIGMOID(2.0, 2.0), LOG_SIGMOID(-1000.0), LOGIT(0.75), ENTROPY(ARRAY[0.5, 0.5]),"
                                + " ARGMAX(ARRAY[0.2, 0.5, 0.3]), ARGMAX(MAP['cat', 2.0, 'dog', 1.0]),"
                                + " TOP_K(ARRAY[0.2, 0.5, 0.3], 2), TOP_K(MAP['cat', 2.0, 'dog', 1.0, 'emu', -0.5], 2),"
                                + " SURPRISAL(1, 4, 2), SURPRISAL(0, 4, 2)");
        Row r = rows.get(0);
        assertArray(r, 1, 0.25, 0.75);
        // {cat 2, dog 1} at T = 0.5: 1 / (1 + e^-2) and e^-2 / (1 + e^-2)
        @SuppressWarnings("unchecked")
        Map<String, Double> p = (Map<String, Double>) r.getField(2);
        assertThat(p).containsOnlyKeys("cat", "dog");
        assertThat(p.get("cat")).isCloseTo(1 / (1 + Math.exp(-2)), within(EPS));
        assertThat(p.get("dog")).isCloseTo(Math.exp(-2) / (1 + Math.exp(-2)), within(EPS));
        assertArray(r, 3, 0.0, -1000.0);
        @SuppressWarnings("unchecked")
        Map<String, Double> logp = (Map<String, Double>) r.getField(4);
        assertThat(logp.get("cat")).isCloseTo(-Math.log1p(Math.exp(-2)), within(EPS));
        assertThat(logp.get("dog")).isCloseTo(-2 - Math.log1p(Math.exp(-2)), within(EPS));
        assertThat((Double) r.getField(5)).isCloseTo(1 / (1 + Math.exp(-1)), within(EPS));
        assertThat(r.getField(6)).isEqualTo(-1000.0);
        assertThat((Double) r.getField(7)).isCloseTo(LN3, within(EPS));
        assertThat((Double) r.getField(8)).isCloseTo(Math.log(2), within(EPS));
        assertThat(r.getField(9)).isEqualTo(2);
        assertThat(r.getField(10)).isEqualTo("cat");
        assertThat((Integer[]) r.getField(11)).containsExactly(2, 3);
        assertThat((String[]) r.getField(12)).containsExactly("cat", "dog");
        assertThat((Double) r.getField(13)).isCloseTo(Math.log(3.5), within(EPS));
        assertThat((Double) r.getField(14)).isCloseTo(Math.log(7), within(4e-16));
    }

    @Test
    void arrayFunctionsGiveTheFormulaValues() throws Exception {
        // Scores are DECIMAL literals on purpose: the functions read ARRAY<DECIMAL> as it is.
        List<Row> rows =
                collect(
                        "SELECT id, SOFTMAX(s), SOFTMAX(s, 0.5), LOG_SOFTMAX(s), ARGMAX(s), TOP_K(s, 2),"
                                + " ENTROPY(SOFTMAX(s))"
                                + " FROM (VALUES (1, ARRAY[0.0, 1.0986122886681098]),"
                                + "              (2, ARRAY[0.2, 0.5, 0.3]),"
                                + "              (3, ARRAY[0.0, -1000.0])) AS t(id, s)");
        assertThat(rows).hasSize(3);

        // id 1: s = {0, ln 3}: softmax = {1/4, 3/4}; at T = 0.5: e^{2 ln 3} = 9, so {1/10, 9/10}
        Row r1 = rows.get(0);
        assertArray(r1, 1, 0.25, 0.75);
        assertArray(r1, 2, 0.1, 0.9);
        assertArray(r1, 3, -Math.log(4), LN3 - Math.log(4));
        assertThat(r1.getField(4)).as("ARGMAX").isEqualTo(2);
        assertThat((Integer[]) r1.getField(5)).as("TOP_K").containsExactly(2, 1);
        // H = -(1/4 ln 1/4 + 3/4 ln 3/4) = ln 4 - 3/4 ln 3
        assertThat((Double) r1.getField(6)).as("ENTROPY").isCloseTo(Math.log(4) - 0.75 * LN3, within(EPS));

        // id 2: ranking only: positions are 1-based, largest first
        Row r2 = rows.get(1);
        assertThat(r2.getField(4)).as("ARGMAX").isEqualTo(2);
        assertThat((Integer[]) r2.getField(5)).as("TOP_K").containsExactly(2, 3);
        double z = Math.exp(0.2) + Math.exp(0.5) + Math.exp(0.3);
        assertArray(r2, 1, Math.exp(0.2) / z, Math.exp(0.5) / z, Math.exp(0.3) / z);

        // id 3: log-softmax {0, -1000} = {-log1p(e^-1000), -1000 - log1p(e^-1000)} = {0, -1000}
        Row r3 = rows.get(2);
        assertArray(r3, 3, 0.0, -1000.0);
        assertArray(r3, 1, 1.0, 0.0);
    }

    @Test
    void mapFunctionsWorkOnNamedClasses() throws Exception {
        List<Row> rows =
                collect(
                        "SELECT id, SOFTMAX(m, 0.5E0), LOG_SOFTMAX(m, 0.5E0), ARGMAX(m), TOP_K(m, 2), ENTROPY(SOFTMAX(m))"
                                + " FROM (VALUES (1, MAP['cat', 2.0E0, 'dog', 1.0E0, 'bird', -0.5E0]),"
                                + "              (2, MAP['x', 1.0E0, 'w', 1.0E0])) AS t(id, m)");
        // id 1 at T = 0.5: exponents 4, 2, -1
        double z = Math.exp(4) + Math.exp(2) + Math.exp(-1);
        @SuppressWarnings("unchecked")
        Map<String, Double> p = (Map<String, Double>) rows.get(0).getField(1);
        assertThat(p).as("SOFTMAX(map, 0.5)").containsOnlyKeys("cat", "dog", "bird");
        assertThat(p.get("cat")).isCloseTo(Math.exp(4) / z, within(EPS));
        assertThat(p.get("dog")).isCloseTo(Math.exp(2) / z, within(EPS));
        assertThat(p.get("bird")).isCloseTo(Math.exp(-1) / z, within(EPS));
        @SuppressWarnings("unchecked")
        Map<String, Double> logp = (Map<String, Double>) rows.get(0).getField(2);
        assertThat(logp.get("dog")).as("LOG_SOFTMAX(map)").isCloseTo(2 - Math.log(z), within(EPS));
        assertThat(rows.get(0).getField(3)).as("ARGMAX(map)").isEqualTo("cat");
        assertThat((String[]) rows.get(0).getField(4)).as("TOP_K(map)").containsExactly("cat", "dog");
        // id 2: a tie goes to the first entry of the map, as written; two equal classes have
        // entropy ln 2
        assertThat(rows.get(1).getField(3)).as("ARGMAX tie").isEqualTo("x");
        assertThat((String[]) rows.get(1).getField(4)).as("TOP_K tie").containsExactly("x", "w");
        assertThat((Double) rows.get(1).getField(5)).as("ENTROPY").isCloseTo(Math.log(2), within(EPS));
    }

    @Test
    void sigmoidFamilyAndSurprisalGiveTheFormulaValues() throws Exception {
        List<Row> rows =
                collect(
                        "SELECT id, SIGMOID(x), SIGMOID(x, 2), LOG_SIGMOID(x), LOGIT(SIGMOID(x)), LOGIT(0.75, 2),"
                                + " SURPRISAL(c, 4, 2), SURPRISAL(c, 4, 2, 0.5)"
                                + " FROM (VALUES (1, 2.0E0, 1), (2, -1000.0E0, 0)) AS t(id, x, c)");
        Row r1 = rows.get(0);
        assertThat((Double) r1.getField(1)).as("SIGMOID(2)").isCloseTo(1 / (1 + Math.exp(-2)), within(EPS));
        assertThat((Double) r1.getField(2)).as("SIGMOID(2, 2)").isCloseTo(1 / (1 + Math.exp(-1)), within(EPS));
        assertThat((Double) r1.getField(3)).as("LOG_SIGMOID(2)").isCloseTo(-Math.log1p(Math.exp(-2)), within(EPS));
        assertThat((Double) r1.getField(4)).as("LOGIT inverts SIGMOID").isCloseTo(2.0, within(1e-14));
        assertThat((Double) r1.getField(5)).as("LOGIT(0.75, 2) = 2 ln 3").isCloseTo(2 * LN3, within(EPS));
        // count 1 of C = 4, V = 2: p = (1 + 1) / (4 + 3) = 2/7; a = 0.5: (1.5) / (4 + 1.5) = 3/11
        assertThat((Double) r1.getField(6)).as("SURPRISAL(1, 4, 2)").isCloseTo(Math.log(3.5), within(EPS));
        assertThat((Double) r1.getField(7)).as("SURPRISAL(1, 4, 2, 0.5)").isCloseTo(Math.log(11.0 / 3), within(EPS));
        Row r2 = rows.get(1);
        assertThat(r2.getField(1)).as("SIGMOID(-1000)").isEqualTo(0.0);
        assertThat(r2.getField(3)).as("LOG_SIGMOID(-1000)").isEqualTo(-1000.0);
        // a new class: p = 1 / 7
        assertThat((Double) r2.getField(6)).as("SURPRISAL(0, 4, 2)").isCloseTo(Math.log(7), within(4e-16));
    }

    @Test
    void nullArgumentsGiveNullAndAreNotRejections() throws Exception {
        TableResult result =
                tEnv.executeSql(
                        "SELECT id, SOFTMAX(s), SOFTMAX(s, t), SOFTMAX(m), ARGMAX(s), TOP_K(s, k), ENTROPY(s),"
                                + " SIGMOID(x), SIGMOID(1.0, t), LOG_SIGMOID(x), LOGIT(x), SURPRISAL(x, 4, 2)"
                                + " FROM (VALUES (1, CAST(NULL AS ARRAY<DOUBLE>), CAST(NULL AS MAP<STRING, DOUBLE>),"
                                + "   CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), CAST(NULL AS INT)),"
                                + "  (2, ARRAY[1.0E0], MAP['a', 1.0E0], CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE),"
                                + "   CAST(NULL AS INT))) AS v(id, s, m, x, t, k)");
        List<Row> rows = sortById(drain(result));
        for (int field = 1; field <= 11; field++) {
            assertThat(rows.get(0).getField(field)).as("field %s with all arguments NULL", field).isNull();
        }
        // row 2 has s and m: SOFTMAX(s), SOFTMAX(m), ARGMAX(s), ENTROPY(s) are not NULL
        Row r2 = rows.get(1);
        assertArray(r2, 1, 1.0);
        assertThat(r2.getField(3)).isEqualTo(Map.of("a", 1.0));
        assertThat(r2.getField(4)).isEqualTo(1);
        assertThat(r2.getField(6)).isEqualTo(0.0);
        for (int field : new int[] {2, 5, 7, 8, 9, 10, 11}) {
            assertThat(r2.getField(field)).as("field %s with a NULL argument", field).isNull();
        }
        assertThat(counter(REPORTER, result, "\\.deadLetters"))
                .as("rejections")
                .isZero();
    }

    @Test
    void invalidRowsGiveNullAndAreCountedPerReason() throws Exception {
        TableResult result =
                tEnv.executeSql(
                        "SELECT id, SOFTMAX(s, t), SIGMOID(x, t), LOGIT(x), TOP_K(s, k), SURPRISAL(c, 4, 2)"
                                + " FROM (VALUES"
                                + "  (1, ARRAY[1.0E0, 2.0E0], 1.0E0, 0.5E0, 1, 1.0E0),"
                                + "  (2, ARRAY[1.0E0, CAST('NaN' AS DOUBLE)], 1.0E0, CAST('NaN' AS DOUBLE), 1, 5.0E0),"
                                + "  (3, ARRAY[CAST('-Infinity' AS DOUBLE)], 1.0E0, 1.5E0, 0, -1.0E0),"
                                + "  (4, CAST(ARRAY[1.0E0, NULL] AS ARRAY<DOUBLE>), 1.0E0, 0.5E0, 1, 1.0E0),"
                                + "  (5, ARRAY[1.0E0], 0.0E0, 0.5E0, 1, 1.0E0),"
                                + "  (6, ARRAY[1.0E0], CAST('Infinity' AS DOUBLE), 0.5E0, 1, 1.0E0))"
                                + " AS v(id, s, t, x, k, c)");
        List<Row> rows = sortById(drain(result));
        assertThat(rows.get(0).getField(1)).as("a valid row").isNotNull();
        // SOFTMAX: NaN, all -inf, NULL entry, T = 0, T = inf
        for (int id = 2; id <= 6; id++) {
            assertThat(rows.get(id - 1).getField(1)).as("SOFTMAX of row %s", id).isNull();
        }
        // SIGMOID: NaN (row 2), T = 0 (5), T = inf (6); LOGIT: NaN (2), 1.5 (3)
        assertThat(rows.get(1).getField(2)).isNull();
        assertThat(rows.get(4).getField(2)).isNull();
        assertThat(rows.get(5).getField(2)).isNull();
        assertThat(rows.get(2).getField(3)).isNull();
        // TOP_K with k = 0 (row 3), NaN (row 2), NULL entry (row 4); SURPRISAL count 5 > 4, -1
        assertThat(rows.get(2).getField(4)).isNull();
        assertThat(rows.get(1).getField(5)).isNull();
        assertThat(rows.get(2).getField(5)).isNull();

        assertThat(counter(REPORTER, result, "\\.SOFTMAX\\.deadLetters")).as("SOFTMAX rejections").isEqualTo(5);
        assertThat(counter(REPORTER, result, "\\.SOFTMAX\\.reason\\.NON_FINITE_SCORE\\.deadLetters")).isEqualTo(1);
        assertThat(counter(REPORTER, result, "\\.SOFTMAX\\.reason\\.ALL_NEGATIVE_INFINITY\\.deadLetters")).isEqualTo(1);
        assertThat(counter(REPORTER, result, "\\.SOFTMAX\\.reason\\.MISSING_FIELD\\.deadLetters")).isEqualTo(1);
        assertThat(counter(REPORTER, result, "\\.SOFTMAX\\.reason\\.OUT_OF_RANGE\\.deadLetters")).isEqualTo(2);
        assertThat(counter(REPORTER, result, "\\.SIGMOID\\.deadLetters")).as("SIGMOID rejections").isEqualTo(3);
        assertThat(counter(REPORTER, result, "\\.LOGIT\\.deadLetters")).as("LOGIT rejections").isEqualTo(2);
        assertThat(counter(REPORTER, result, "\\.TOP_K\\.deadLetters")).as("TOP_K rejections").isEqualTo(3);
        assertThat(counter(REPORTER, result, "\\.SURPRISAL\\.reason\\.OUT_OF_RANGE\\.deadLetters")).as("SURPRISAL rejections").isEqualTo(2);
    }

    @Test
    void viewColumnsAreInlinedUnlessComputedInAOneElementUnnest() throws Exception {
        // What SQL.md advises: Flink merges projections, so a function result used three times
        // is computed three times (and a bad row counted three times); UNNEST computes it once.
        String rows =
                " FROM (VALUES ('x', MAP['a', 1.0E0]), ('y', CAST(MAP['b', CAST(NULL AS DOUBLE)] AS MAP<STRING, DOUBLE>)))"
                        + " AS t(k, m)";
        TableResult inlined =
                tEnv.executeSql(
                        "SELECT k, p, p['a'], ENTROPY(p) FROM (SELECT k, SOFTMAX(m) AS p" + rows + ")");
        drain(inlined);
        assertThat(counter(REPORTER, inlined, "\\.SOFTMAX\\.deadLetters")).isEqualTo(3);
        TableResult once =
                tEnv.executeSql(
                        "SELECT k, p, p['a'], ENTROPY(p)" + rows
                                + " CROSS JOIN UNNEST(ARRAY[SOFTMAX(m)]) AS u(p)");
        List<Row> result = sortByKey(drain(once));
        assertThat(result.get(0).getField(2)).isEqualTo(1.0);
        assertThat(result.get(1).getField(1)).as("the bad row").isNull();
        assertThat(counter(REPORTER, once, "\\.SOFTMAX\\.deadLetters")).isEqualTo(1);
    }

    @Test
    void createTemporaryFunctionByClassNameWorks() throws Exception {
        TableEnvironment plain = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        plain.executeSql("CREATE TEMPORARY FUNCTION softmax AS 'org.infoprob.sql.SoftmaxScalarFunction'");
        plain.executeSql("CREATE TEMPORARY FUNCTION class_distribution AS 'org.infoprob.sql.ClassDistributionAggregateFunction'");
        List<Row> rows =
                drain(
                        plain.executeSql(
                                "SELECT softmax(s), class_distribution(c) FROM (VALUES (ARRAY[0.0, 1.0986122886681098], 'a'))"
                                        + " AS t(s, c) GROUP BY s"));
        assertThat(rows).hasSize(1);
        assertArray(rows.get(0), 0, 0.25, 0.75);
        assertThat(rows.get(0).getField(1)).isEqualTo(Map.of("a", 1.0));
    }

    private static void assertArray(Row row, int field, double... expected) {
        Double[] actual = (Double[]) row.getField(field);
        assertThat(actual).as("field %s of %s", field, row).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("field %s[%s] of %s", field, i, row).isCloseTo(expected[i], within(EPS));
        }
    }

    private List<Row> collect(String sql) throws Exception {
        return sortById(drain(tEnv.executeSql(sql)));
    }


    private static List<Row> sortByKey(List<Row> rows) {
        rows.sort(Comparator.comparing(r -> (String) r.getField(0)));
        return rows;
    }

    private static List<Row> sortById(List<Row> rows) {
        rows.sort(Comparator.comparing(r -> (Integer) r.getField(0)));
        return rows;
    }

}
