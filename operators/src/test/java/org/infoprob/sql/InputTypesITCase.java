package org.infoprob.sql;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.infoprob.testing.FlinkMiniCluster;
import org.infoprob.testing.ScoreEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlTestSupport.assertDoubles;
import static org.infoprob.sql.SqlTestSupport.drain;

/**
 * The functions take what users have, executed on a MiniCluster: arrays and maps of every
 * numeric type, nullable or not, numeric literals of every type for temperature and k, and the
 * patterns of SQL.md with {@code ARRAY<FLOAT>} logits and {@code 2.0} literals, the one-element
 * {@code UNNEST} included (with an implicit cast in the plan it failed in code generation).
 * Expected values are computed in the test from the formula ({@link Reference}).
 */
class InputTypesITCase {

    private static final double EPS = 1e-15;

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = FlinkMiniCluster.extension();

    private TableEnvironment tEnv;

    @BeforeEach
    void registerFunctions() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "2");
        InfoprobFunctions.registerAll(tEnv);
    }

    @Test
    void arraysAndMapsOfEveryNumericTypeNullableOrNot() throws Exception {
        // softmax {1, 2} = {1/(1 + e), e/(1 + e)}; at T = 2: {1/(1 + e^0.5), e^0.5/(1 + e^0.5)}
        double[] expected = {1 / (1 + Math.E), Math.E / (1 + Math.E)};
        double[] expectedT2 = {1 / (1 + Math.exp(0.5)), Math.exp(0.5) / (1 + Math.exp(0.5))};
        String[] types = {"TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL(5, 2)", "DECIMAL(30, 10)"};
        for (String type : types) {
            for (String nullability : new String[] {"", " NOT NULL"}) {
                String array = "CAST(ARRAY[1, 2] AS ARRAY<" + type + nullability + ">)";
                String map = "CAST(MAP['a', 1, 'b', 2] AS MAP<STRING, " + type + nullability + ">)";
                List<Row> rows =
                        drain(tEnv.executeSql(
                                "SELECT SOFTMAX(" + array + "), SOFTMAX(" + array + ", 2.0), SOFTMAX(" + map + ")['b'],"
                                        + " ARGMAX(" + array + "), TOP_K(" + map + ", 1), ENTROPY(SOFTMAX(" + map + "))"));
                Row r = rows.get(0);
                String what = type + nullability;
                assertDoubles(r.getField(0), "SOFTMAX, " + what, EPS, expected);
                assertDoubles(r.getField(1), "SOFTMAX at 2.0, " + what, EPS, expectedT2);
                assertThat((Double) r.getField(2)).as("SOFTMAX(map)['b'], %s", what).isCloseTo(expected[1], within(EPS));
                assertThat(r.getField(3)).as("ARGMAX, %s", what).isEqualTo(2);
                assertThat((String[]) r.getField(4)).as("TOP_K(map), %s", what).containsExactly("b");
                // H = ln(1 + e) - e/(1 + e)
                assertThat((Double) r.getField(5)).as("ENTROPY, %s", what)
                        .isCloseTo(Math.log(1 + Math.E) - Math.E / (1 + Math.E), within(EPS));
            }
        }
    }

    @Test
    void numericLiteralsOfEveryTypeForTemperatureAndK() throws Exception {
        String[] twos = {"2", "2.0", "2.0E0", "CAST(2 AS TINYINT)", "CAST(2 AS SMALLINT)", "CAST(2 AS BIGINT)", "CAST(2 AS FLOAT)"};
        for (String two : twos) {
            List<Row> rows =
                    drain(tEnv.executeSql(
                            "SELECT SOFTMAX(s, " + two + "), LOG_SOFTMAX(s, " + two + ")[1], TOP_K(s, " + two + "),"
                                    + " SIGMOID(" + two + ", " + two + "), LOGIT(0.75, " + two + "), SURPRISAL(1, 4, 2, " + two + ")"
                                    + " FROM (VALUES (CAST(ARRAY[0.0, 1.0986122886681098] AS ARRAY<FLOAT>))) AS t(s)"));
            Row r = rows.get(0);
            // FLOAT ln 3 = 1.0986123085021973; at T = 2 the odds are e^{x/2}
            double x = (float) Math.log(3);
            double odds = Math.exp(x / 2);
            assertDoubles(r.getField(0), "SOFTMAX(s, " + two + ")", EPS, 1 / (1 + odds), odds / (1 + odds));
            assertThat((Double) r.getField(1)).as("LOG_SOFTMAX(s, %s)[1]", two).isCloseTo(-Math.log1p(odds), within(EPS));
            assertThat((Integer[]) r.getField(2)).as("TOP_K(s, %s)", two).containsExactly(2, 1);
            assertThat((Double) r.getField(3)).as("SIGMOID(%s, %s)", two, two).isCloseTo(1 / (1 + Math.exp(-1)), within(EPS));
            assertThat((Double) r.getField(4)).as("LOGIT(0.75, %s)", two).isCloseTo(2 * Math.log(3), within(EPS));
            // a = 2: p = (1 + 2) / (4 + 2 * 3) = 3/10
            assertThat((Double) r.getField(5)).as("SURPRISAL(1, 4, 2, %s)", two).isCloseTo(Math.log(10.0 / 3), within(EPS));
        }
    }

    @Test
    void oneElementUnnestOfFloatLogitsWithDecimalLiterals() throws Exception {
        // SQL.md's "evaluate each call once": ROW(...) of calls under UNNEST, FLOAT logits, 2.0
        List<Row> rows =
                drain(tEnv.executeSql(
                        "SELECT k, p, top, p[top[1]] AS topProbability, ENTROPY(p) AS entropy"
                                + " FROM (VALUES ('x', CAST(ARRAY[1.0, 3.0, 2.0] AS ARRAY<FLOAT>)),"
                                + "              ('y', CAST(ARRAY[1.0E0, CAST('NaN' AS DOUBLE)] AS ARRAY<FLOAT>))) AS v(k, logits)"
                                + " CROSS JOIN UNNEST(ARRAY[ROW(SOFTMAX(logits, 2.0), TOP_K(logits, 3))]) AS s(p, top)"));
        rows.sort(Comparator.comparing(r -> (String) r.getField(0)));
        // {1, 3, 2} at T = 2: e^0.5, e^1.5, e^1 over their sum
        double z = Math.exp(0.5) + Math.exp(1.5) + Math.exp(1);
        Row x = rows.get(0);
        assertDoubles(x.getField(1), "p", EPS, Math.exp(0.5) / z, Math.exp(1.5) / z, Math.exp(1) / z);
        assertThat((Integer[]) x.getField(2)).containsExactly(2, 3, 1);
        assertThat((Double) x.getField(3)).isCloseTo(Math.exp(1.5) / z, within(EPS));
        Row y = rows.get(1);
        for (int field = 1; field <= 4; field++) {
            assertThat(y.getField(field)).as("field %s of the NaN row", field).isNull();
        }
    }

    @Test
    void positionalLogitsGetNamesWithMapFromArrays() throws Exception {
        // A model's output: logits by position; the class names are a constant array.
        List<Row> rows =
                drain(tEnv.executeSql(
                        "SELECT SOFTMAX(MAP_FROM_ARRAYS(ARRAY['cat', 'dog', 'bird'], logits), 2.0),"
                                + " ARGMAX(MAP_FROM_ARRAYS(ARRAY['cat', 'dog', 'bird'], logits)),"
                                + " TOP_K(MAP_FROM_ARRAYS(ARRAY['cat', 'dog', 'bird'], logits), 2),"
                                + " SOFTMAX(MAP_FROM_ARRAYS(ARRAY['cat', 'dog', 'bird'], logits))['dog']"
                                + " FROM (VALUES (CAST(ARRAY[2.0, 1.0, -0.5] AS ARRAY<FLOAT>))) AS t(logits)"));
        Row r = rows.get(0);
        // {2, 1, -0.5} at T = 2: e^1, e^0.5, e^-0.25
        double z = Math.exp(1) + Math.exp(0.5) + Math.exp(-0.25);
        @SuppressWarnings("unchecked")
        Map<String, Double> p = (Map<String, Double>) r.getField(0);
        assertThat(p).containsOnlyKeys("cat", "dog", "bird");
        assertThat(p.get("cat")).isCloseTo(Math.exp(1) / z, within(EPS));
        assertThat(p.get("bird")).isCloseTo(Math.exp(-0.25) / z, within(EPS));
        assertThat(r.getField(1)).isEqualTo("cat");
        assertThat((String[]) r.getField(2)).containsExactly("cat", "dog");
        double z1 = Math.exp(2) + Math.exp(1) + Math.exp(-0.5);
        assertThat((Double) r.getField(3)).isCloseTo(Math.exp(1) / z1, within(EPS));
    }

    @Test
    void aGuardedMapFromArraysGivesNullForLogitsOfAnotherLength() throws Exception {
        // SQL.md: MAP_FROM_ARRAYS fails the job on arrays of different lengths; the CASE guard
        // turns such a record into a NULL map, which every function passes on as NULL.
        List<Row> rows =
                drain(tEnv.executeSql(
                        "SELECT id, SOFTMAX(named, 2.0), ARGMAX(named), TOP_K(named, 2) FROM ("
                                + " SELECT id, CASE WHEN CARDINALITY(logits) = 3"
                                + "   THEN MAP_FROM_ARRAYS(ARRAY['cat', 'dog', 'bird'], logits) END AS named"
                                + " FROM (VALUES (1, CAST(ARRAY[2.0, 1.0, -0.5] AS ARRAY<FLOAT>)),"
                                + "              (2, CAST(ARRAY[2.0, 1.0] AS ARRAY<FLOAT>))) AS t(id, logits))"));
        rows.sort(Comparator.comparing(r -> (Integer) r.getField(0)));
        assertThat(rows.get(0).getField(2)).isEqualTo("cat");
        for (int field = 1; field <= 3; field++) {
            assertThat(rows.get(1).getField(field)).as("field %s of two logits", field).isNull();
        }
    }

    @Test
    void untypedNullLiteralsAreNullNumbersAndOtherTypesFailAtPlanning() throws Exception {
        List<Row> rows =
                drain(tEnv.executeSql(
                        "SELECT SIGMOID(NULL), SIGMOID(1.0, NULL), SOFTMAX(ARRAY[1.0], NULL), TOP_K(ARRAY[1.0], NULL),"
                                + " SURPRISAL(1, NULL, 2)"));
        for (int field = 0; field < 5; field++) {
            assertThat(rows.get(0).getField(field)).as("field %s", field).isNull();
        }
        // With optional arguments the planner lists the signatures ...
        assertThatThrownBy(() -> tEnv.sqlQuery("SELECT SOFTMAX('cat')"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("SOFTMAX(scores ARRAY<NUMERIC> | MAP<STRING, NUMERIC>, temperature <NUMERIC>)");
        assertThatThrownBy(() -> tEnv.sqlQuery("SELECT SIGMOID(1.0, 'hot')"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("SIGMOID(x <NUMERIC>, temperature <NUMERIC>)");
        assertThatThrownBy(() -> tEnv.sqlQuery("SELECT RARITY(1) FROM (VALUES (1)) AS t(x)"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("RARITY(class <CHARACTER_STRING>)");
        // ... with one signature it says what is wrong
        assertThatThrownBy(() -> tEnv.sqlQuery("SELECT TOP_K(ARRAY['a', 'b'], 1)"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Argument 1 of TOP_K must be an ARRAY of numbers or a MAP from STRING to numbers");
        assertThatThrownBy(() -> tEnv.sqlQuery("SELECT TOP_K(ARRAY[1.0], 'two')"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Argument 2 of TOP_K must be a number");
    }

    @Test
    void longFloatVectorsAfterALongerOneMatchTheReference() throws Exception {
        // K = 64, then 37 and 17 in one task: the function's reused buffers are longer than n.
        int[] ks = {64, 37, 17};
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < ks.length; i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(i).append(", ")
                    .append(Reference.sqlArray(ScoreEvents.nonUniformScores(ks[i], ks[i]), "FLOAT")).append(")");
        }
        tEnv.getConfig().set("parallelism.default", "1");
        List<Row> rows =
                drain(tEnv.executeSql("SELECT id, SOFTMAX(s, 0.7), LOG_SOFTMAX(s) FROM (VALUES " + values + ") AS t(id, s)"));
        rows.sort(Comparator.comparing(r -> (Integer) r.getField(0)));
        for (int i = 0; i < ks.length; i++) {
            double[] s = ScoreEvents.nonUniformScores(ks[i], ks[i]);
            double[] p = Reference.softmax(s, 0.7);
            double[] logp = Reference.logSoftmax(s, 1.0);
            Double[] actualP = (Double[]) rows.get(i).getField(1);
            Double[] actualLogp = (Double[]) rows.get(i).getField(2);
            assertThat(actualP).as("K = %s", ks[i]).hasSize(ks[i]);
            for (int j = 0; j < ks[i]; j++) {
                assertThat(actualP[j]).as("K = %s, p[%s]", ks[i], j).isCloseTo(p[j], within(1e-14 * p[j]));
                assertThat(actualLogp[j]).as("K = %s, ln p[%s]", ks[i], j).isCloseTo(logp[j], within(1e-14));
            }
        }
    }
}
