package org.infoprob.sql;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.infoprob.testing.FlinkMiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlTestSupport.counter;
import static org.infoprob.sql.SqlTestSupport.drain;

/**
 * LOG_LOSS, BRIER and ECE through the planner on a MiniCluster, in a TUMBLE window aggregated
 * in two phases (so merge runs), on arrays with 1-based positions and on maps with class names;
 * NULLs and rejected rows. Expected values by hand from the formulas, written next to each.
 */
class CalibrationMetricsITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkMiniCluster.extension(REPORTER);

    private static final TypeInformation<Row> ROW = Types.ROW_NAMED(
            new String[] {"millis", "m", "p", "y", "pm", "cls"},
            Types.LONG, Types.STRING, Types.OBJECT_ARRAY(Types.DOUBLE), Types.INT,
            Types.MAP(Types.STRING, Types.DOUBLE), Types.STRING);

    private static Map<String, Double> map(String a, double pa, String b, double pb) {
        Map<String, Double> m = new HashMap<>();
        m.put(a, pa);
        m.put(b, pb);
        return m;
    }

    private static final Row[] ROWS = {
        // Model a: ([0.5, 0.25, 0.25], 1) and (same, 3).
        Row.of(1L, "a", new Double[] {0.5, 0.25, 0.25}, 1, map("x", 0.5, "y", 0.5), "x"),
        Row.of(2L, "a", new Double[] {0.5, 0.25, 0.25}, 3, map("x", 0.5, "y", 0.5), "y"),
        // Model b: ([0.9, 0.1], 1) and ([0.3, 0.7], 1); maps the same with classes x, y.
        Row.of(3L, "b", new Double[] {0.9, 0.1}, 1, map("x", 0.9, "y", 0.1), "x"),
        Row.of(4L, "b", new Double[] {0.3, 0.7}, 1, map("x", 0.3, "y", 0.7), "x"),
        // Rejected: NaN (NON_FINITE_SCORE), position 0 and 3 of 2 (OUT_OF_RANGE), class z (UNKNOWN_CLASS).
        Row.of(5L, "b", new Double[] {Double.NaN, 1.0}, 1, map("x", 0.5, "y", 0.5), "z"),
        Row.of(6L, "b", new Double[] {0.5, 0.5}, 0, null, null),
        Row.of(7L, "b", new Double[] {0.5, 0.5}, 3, null, "x"),
        // Ignored, not counted: NULL arguments.
        Row.of(8L, "b", null, 1, map("x", 0.5, "y", 0.5), null),
        Row.of(9L, "b", new Double[] {0.5, null}, null, null, null),
    };

    @Test
    void metricsOfArraysAndMapsInATumbleWindowAggregatedInTwoPhases() throws Exception {
        SqlTestSupport.Session session = SqlTestSupport.streaming(2);
        session.tEnv().getConfig().set("table.optimizer.agg-phase-strategy", "TWO_PHASE");
        session.eventTimeView("labelled", ROW, 0, ROWS);
        StreamTableEnvironment tEnv = session.tEnv();
        TableResult result = tEnv.executeSql(
                "SELECT m, LOG_LOSS(p, y), BRIER(p, y), ECE(p, y), ECE(p, y, 1), LOG_LOSS(pm, cls), BRIER(pm, cls), COUNT(*)"
                        + " FROM TABLE(TUMBLE(TABLE labelled, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                        + " GROUP BY m, window_start, window_end");
        List<Row> rows = drain(result);
        Map<String, Row> byModel = new HashMap<>();
        rows.forEach(r -> byModel.put((String) r.getField(0), r));
        assertThat(byModel).containsOnlyKeys("a", "b");

        Row a = byModel.get("a");
        // LOG_LOSS (-ln 0.5 - ln 0.25) / 2; BRIER (0.375 + 0.875) / 2 = 0.625
        // ECE: both confidences 0.5 fall in one bin, accuracy 1/2, confidence 1/2: 0.
        assertThat((Double) a.getField(1)).isCloseTo((Math.log(2) + Math.log(4)) / 2, within(1e-15));
        assertThat((Double) a.getField(2)).isCloseTo(0.625, within(1e-15));
        assertThat((Double) a.getField(3)).isCloseTo(0.0, within(1e-15));
        // Maps {x: 0.5, y: 0.5} with classes x and y: -ln 0.5 each; Brier 0.25 + 0.25 each.
        assertThat((Double) a.getField(5)).isCloseTo(Math.log(2), within(1e-15));
        assertThat((Double) a.getField(6)).isCloseTo(0.5, within(1e-15));

        Row b = byModel.get("b");
        // LOG_LOSS (-ln 0.9 - ln 0.3) / 2; BRIER ((0.01 + 0.01) + (0.49 + 0.49)) / 2 = 0.5
        // ECE, 15 bins: one row per bin, (|1 - 0.9| + |0 - 0.7|) / 2 = 0.4;
        // ECE, 1 bin: |accuracy 1/2 - confidence 0.8| = 0.3.
        assertThat((Double) b.getField(1)).isCloseTo((-Math.log(0.9) - Math.log(0.3)) / 2, within(1e-15));
        assertThat((Double) b.getField(2)).isCloseTo(0.5, within(1e-15));
        assertThat((Double) b.getField(3)).isCloseTo(0.4, within(1e-15));
        assertThat((Double) b.getField(4)).isCloseTo(0.3, within(1e-15));
        assertThat((Double) b.getField(5)).as("maps of rows 3, 4 (row 5's class z is unknown)")
                .isCloseTo((-Math.log(0.9) - Math.log(0.3)) / 2, within(1e-15));
        assertThat(b.getField(7)).isEqualTo(7L);

        assertThat(counter(REPORTER, result, "\\.LOG_LOSS\\.reason\\.NON_FINITE_SCORE\\.deadLetters")).isEqualTo(1);
        assertThat(counter(REPORTER, result, "\\.LOG_LOSS\\.reason\\.OUT_OF_RANGE\\.deadLetters")).isEqualTo(2);
        assertThat(counter(REPORTER, result, "\\.LOG_LOSS\\.reason\\.UNKNOWN_CLASS\\.deadLetters")).isEqualTo(1);
        assertThat(counter(REPORTER, result, "\\.LOG_LOSS\\.deadLetters")).as("rows with a NULL argument are not counted").isEqualTo(4);
        assertThat(counter(REPORTER, result, "\\.ECE\\.deadLetters")).as("3 rejected rows for each of the two ECE calls").isEqualTo(6);
    }

    @Test
    void aGroupWithoutRowsIsNull() throws Exception {
        SqlTestSupport.Session session = SqlTestSupport.streaming(1);
        session.eventTimeView("labelled", ROW, 0, ROWS[5]);
        List<Row> rows = drain(session.tEnv().executeSql(
                "SELECT LOG_LOSS(p, y), BRIER(p, y), ECE(p, y) FROM TABLE(TUMBLE(TABLE labelled, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                        + " GROUP BY window_start, window_end"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getField(0)).isNull();
        assertThat(rows.get(0).getField(1)).isNull();
        assertThat(rows.get(0).getField(2)).isNull();
    }
}
