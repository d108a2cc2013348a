package org.infoprob.sql;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.infoprob.testing.FlinkMiniCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlTestSupport.drain;

/**
 * SQL never returns a wrong number: a rejected row is NULL, and so is every element, value,
 * field and size a query reads from it. Every function's result type is nullable all the way
 * down (an element type declared NOT NULL would make {@code x[1]} of a NULL array read the
 * primitive default: -1.0, -1, ''), checked on the resolved types and by executing the
 * accesses on a MiniCluster.
 */
class NullResultsITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = FlinkMiniCluster.extension();

    /** Row 1 is valid; rows 2 and 3 are rejected (a NaN score; a NULL array entry and a NaN map value). */
    private static final String ROWS =
            " FROM (VALUES"
                    + " (1, CAST(ARRAY[1.0E0, 2.0E0, 3.0E0] AS ARRAY<FLOAT>), CAST(MAP['a', 1.0, 'b', 2.0] AS MAP<STRING, FLOAT>)),"
                    + " (2, CAST(ARRAY[1.0E0, CAST('NaN' AS DOUBLE), 3.0E0] AS ARRAY<FLOAT>), CAST(MAP['a', CAST('NaN' AS DOUBLE)] AS MAP<STRING, FLOAT>)),"
                    + " (3, CAST(ARRAY[1.0E0, NULL] AS ARRAY<FLOAT>), CAST(MAP['a', CAST(NULL AS FLOAT)] AS MAP<STRING, FLOAT>))"
                    + ") AS t(id, s, m)";

    /** Every read of a result a user can write: index, map value, CARDINALITY, comparisons. */
    private static final String[] ACCESSES = {
        "SOFTMAX(s)[1]", "SOFTMAX(s, 2.0)[1]", "LOG_SOFTMAX(s)[1]", "LOG_SOFTMAX(s, 2)[3]",
        "TOP_K(s, 3)[1]", "TOP_K(m, 1)[1]", "SOFTMAX(m)['a']", "LOG_SOFTMAX(m, 2.0)['a']",
        "CARDINALITY(SOFTMAX(s))", "CARDINALITY(SOFTMAX(m))", "CARDINALITY(TOP_K(s, 2))", "CARDINALITY(TOP_K(m, 2))",
        "ARGMAX(s)", "ARGMAX(m)", "ENTROPY(SOFTMAX(s))", "ENTROPY(SOFTMAX(m))", "ENTROPY(ARRAY[s[2] / 4, 0.5])",
        "SOFTMAX(s)[ARGMAX(s)]", "SIGMOID(s[2])", "LOG_SIGMOID(s[2], 2)", "LOGIT(s[2] / 4)",
        "SURPRISAL(s[2], 4, 2)", "SOFTMAX(s)[1] > 0.5", "TOP_K(s, 1)[1] = 3",
    };

    private TableEnvironment tEnv;

    @BeforeEach
    void registerFunctions() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "2");
        InfoprobFunctions.registerAll(tEnv);
    }

    @Test
    void everyResultTypeIsNullableAllTheWayDown() {
        ResolvedSchema schema =
                tEnv.sqlQuery(
                                "SELECT SOFTMAX(s), SOFTMAX(m), LOG_SOFTMAX(s), LOG_SOFTMAX(m), ARGMAX(s), ARGMAX(m),"
                                        + " TOP_K(s, 2), TOP_K(m, 2), ENTROPY(s), ENTROPY(m), SIGMOID(1), LOG_SIGMOID(1),"
                                        + " LOGIT(0.5), SURPRISAL(1, 4, 2)" + ROWS)
                        .getResolvedSchema();
        assertThat(schema.getColumnDataTypes())
                .as("the types of SQL.md's reference")
                .containsExactly(
                        DataTypes.ARRAY(DataTypes.DOUBLE()),
                        DataTypes.MAP(DataTypes.STRING(), DataTypes.DOUBLE()),
                        DataTypes.ARRAY(DataTypes.DOUBLE()),
                        DataTypes.MAP(DataTypes.STRING(), DataTypes.DOUBLE()),
                        DataTypes.INT(),
                        DataTypes.STRING(),
                        DataTypes.ARRAY(DataTypes.INT()),
                        DataTypes.ARRAY(DataTypes.STRING()),
                        DataTypes.DOUBLE(),
                        DataTypes.DOUBLE(),
                        DataTypes.DOUBLE(),
                        DataTypes.DOUBLE(),
                        DataTypes.DOUBLE(),
                        DataTypes.DOUBLE());
        for (DataType type : schema.getColumnDataTypes()) {
            assertNullableAllTheWayDown(type.getLogicalType(), type.toString());
        }
        ResolvedSchema aggregates =
                tEnv.sqlQuery("SELECT CLASS_SURPRISAL(c), RARITY(c), CLASS_DISTRIBUTION(c) FROM (VALUES ('a')) AS t(c)")
                        .getResolvedSchema();
        assertThat(aggregates.getColumnDataTypes())
                .containsExactly(DataTypes.DOUBLE(), DataTypes.DOUBLE(), DataTypes.MAP(DataTypes.STRING(), DataTypes.DOUBLE()));
        for (DataType type : aggregates.getColumnDataTypes()) {
            assertNullableAllTheWayDown(type.getLogicalType(), type.toString());
        }
    }

    @Test
    void everyReadOfARejectedRowIsNull() throws Exception {
        String select = "SELECT id, " + String.join(", ", ACCESSES) + ROWS;
        List<Row> rows = drain(tEnv.executeSql(select));
        rows.sort(Comparator.comparing(r -> (Integer) r.getField(0)));
        assertThat(rows).hasSize(3);
        for (int a = 0; a < ACCESSES.length; a++) {
            assertThat(rows.get(0).getField(a + 1)).as("%s of the valid row", ACCESSES[a]).isNotNull();
        }
        // the valid row reads real values: softmax of {1, 2, 3} at T = 1 puts 1/(1 + e + e^2) on 1
        assertThat((Double) rows.get(0).getField(1)).isCloseTo(1 / (1 + Math.E + Math.exp(2)), within(1e-15));
        assertThat(rows.get(0).getField(5)).isEqualTo(3);
        assertThat(rows.get(0).getField(6)).isEqualTo("b");
        // s[2] is NaN in row 2 (rejected by the scalar functions too) and NULL in row 3
        for (int id = 2; id <= 3; id++) {
            for (int a = 0; a < ACCESSES.length; a++) {
                assertThat(rows.get(id - 1).getField(a + 1)).as("%s of rejected row %s", ACCESSES[a], id).isNull();
            }
        }
    }

    @Test
    void aDistributionWithoutClassesReadsNull() throws Exception {
        List<Row> rows =
                drain(tEnv.executeSql(
                        "SELECT k, CLASS_DISTRIBUTION(c)['a'], CARDINALITY(CLASS_DISTRIBUTION(c)), ENTROPY(CLASS_DISTRIBUTION(c)),"
                                + " CLASS_SURPRISAL(c), RARITY(c, 2.0)"
                                + " FROM (VALUES ('u', CAST(NULL AS STRING)), ('u', '')) AS t(k, c) GROUP BY k"));
        Row last = rows.get(rows.size() - 1);
        for (int field = 1; field <= 5; field++) {
            assertThat(last.getField(field)).as("field %s of a group of a NULL and an empty class", field).isNull();
        }
    }

    private static void assertNullableAllTheWayDown(LogicalType type, String what) {
        assertThat(type.isNullable()).as("%s: %s is nullable", what, type).isTrue();
        for (LogicalType child : type.getChildren()) {
            assertNullableAllTheWayDown(child, what);
        }
    }
}
