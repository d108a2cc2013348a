package org.infoprob.sql;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.scores.SoftmaxFunction;
import org.infoprob.testing.FlinkMiniCluster;
import org.infoprob.testing.FunctionRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.sql.SqlTestSupport.drain;

/**
 * Ties are broken alike in SQL and in the DataStream operators: the same tied scores, in the
 * same order, through {@link SoftmaxFunction} (Flink's operator test harness) and through the
 * SQL functions give the same top class and the same top-k. The rule is {@link
 * org.infoprob.math.Ranking}'s, which both call: ties go to the first, i.e. the earlier class of
 * the record, the lower array position, the earlier map entry. The class names are not in
 * alphabetical order, so a rule of "the smaller name" would fail here.
 */
class TiesITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = FlinkMiniCluster.extension();

    /** Class names, scores (DOUBLE literals), k. */
    private static final Object[][] CASES = {
        {new String[] {"dog", "cat", "bird"}, new double[] {1, 1, 0}, 2},
        {new String[] {"emu", "dog", "cat", "ant"}, new double[] {0, 2, 2, 2}, 3},
        {new String[] {"z", "y", "x", "w"}, new double[] {5, 5, 5, 5}, 4},
        {new String[] {"b", "d", "c", "a"}, new double[] {3, 1, 1, 1}, 3},
        {new String[] {"m", "k", "l"}, new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0}, 3},
        // e^-2000 and e^-1000 both underflow: the probabilities of p and q tie at 0, the
        // scores do not. The operator ranks probabilities, so only TOP_K(SOFTMAX(..)) matches it.
        {new String[] {"p", "q", "r"}, new double[] {-2000, -1000, 0}, 3},
    };

    /** The case whose probabilities tie where its scores do not. */
    private static final int UNDERFLOW = 5;

    @Test
    void sqlAndTheDataStreamOperatorPickTheSameTopAndTopK() throws Exception {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        InfoprobFunctions.registerAll(tEnv);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < CASES.length; i++) {
            String[] names = (String[]) CASES[i][0];
            double[] scores = (double[]) CASES[i][1];
            values.append(i == 0 ? "" : ", ")
                    .append("(").append(i).append(", ARRAY[")
                    .append(IntStream.range(0, names.length).mapToObj(j -> "'" + names[j] + "'").collect(Collectors.joining(", ")))
                    .append("], ARRAY[")
                    .append(IntStream.range(0, scores.length).mapToObj(j -> literal(scores[j])).collect(Collectors.joining(", ")))
                    .append("], ").append(CASES[i][2]).append(")");
        }
        List<Row> rows =
                drain(tEnv.executeSql(
                        "SELECT id, ARGMAX(MAP_FROM_ARRAYS(names, scores)), TOP_K(MAP_FROM_ARRAYS(names, scores), k),"
                                + " names[ARGMAX(scores)], TOP_K(scores, k),"
                                + " ARGMAX(SOFTMAX(MAP_FROM_ARRAYS(names, scores), 2.0)), TOP_K(SOFTMAX(scores), k)"
                                + " FROM (VALUES " + values + ") AS t(id, names, scores, k)"));
        rows.sort(Comparator.comparing(r -> (Integer) r.getField(0)));
        assertThat(rows).hasSize(CASES.length);

        for (int i = 0; i < CASES.length; i++) {
            String[] names = (String[]) CASES[i][0];
            int k = (Integer) CASES[i][2];
            ProbabilityEvent expected =
                    FunctionRun.of(
                                    SoftmaxFunction.builder().setTopK(k).build(),
                                    ScoreEvent.of("key", 0, names.clone(), ((double[]) CASES[i][1]).clone()))
                            .outputs.get(0);
            Row r = rows.get(i);
            String what = "case " + i + " " + String.join(",", names);
            assertThat(r.getField(1)).as("ARGMAX(map), %s", what).isEqualTo(expected.top);
            assertThat(r.getField(3)).as("names[ARGMAX(array)], %s", what).isEqualTo(expected.top);
            if (i != UNDERFLOW) {
                assertThat((String[]) r.getField(2)).as("TOP_K(map), %s", what).containsExactly(expected.topK);
                assertThat(byPosition(names, (Integer[]) r.getField(4))).as("TOP_K(array), %s", what).containsExactly(expected.topK);
            } else {
                assertThat(expected.topK).as("the operator: p and q tie at probability 0").containsExactly("r", "p", "q");
                assertThat((String[]) r.getField(2)).as("TOP_K of the scores").containsExactly("r", "q", "p");
            }
            assertThat(r.getField(5)).as("ARGMAX(SOFTMAX(map)), %s", what).isEqualTo(expected.top);
            assertThat(byPosition(names, (Integer[]) r.getField(6))).as("TOP_K(SOFTMAX(array)), %s", what).containsExactly(expected.topK);
        }
    }

    private static String[] byPosition(String[] names, Integer[] positions) {
        List<String> out = new ArrayList<>();
        for (Integer p : positions) {
            out.add(names[p - 1]);
        }
        return out.toArray(new String[0]);
    }

    private static String literal(double v) {
        return Double.isInfinite(v) ? "CAST('" + (v > 0 ? "Infinity" : "-Infinity") + "' AS DOUBLE)" : v + "E0";
    }
}
