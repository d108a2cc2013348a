package org.infoprob.sql;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.infoprob.testing.FlinkMiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlTestSupport.counter;
import static org.infoprob.sql.SqlTestSupport.drain;

/**
 * The class aggregates through the planner on a MiniCluster: prequential OVER windows
 * (unbounded and bounded), GROUP BY windows with two-phase aggregation, NULLs, rejected rows.
 *
 * <p>The events of key {@code u1} are the classes a, a, b, a, c. Expected values are computed by
 * hand from {@code p_x = (c_x + a) / (C + a (V + 1))} with the counts before each row, as
 * written next to each assertion.
 */
class AggregateFunctionsITCase {

    private static final double EPS = 1e-15;

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkMiniCluster.extension(REPORTER);

    private static final TypeInformation<Row> EVENT =
            Types.ROW_NAMED(
                    new String[] {"seq", "k", "cls", "t"}, Types.INT, Types.STRING, Types.STRING, Types.DOUBLE);

    /** seq, key, class, temperature for RARITY(cls, t); key u2 holds NULL, '' and a bad T. */
    private static final Row[] EVENTS = {
        Row.of(1, "u1", "a", 1.0), Row.of(2, "u1", "a", 1.0), Row.of(3, "u2", "x", 1.0),
        Row.of(4, "u1", "b", 1.0), Row.of(5, "u2", null, 1.0), Row.of(6, "u2", "", 1.0),
        Row.of(7, "u1", "a", 1.0), Row.of(8, "u2", "x", 0.0), Row.of(9, "u1", "c", 1.0),
        Row.of(10, "u2", "y", 1.0)
    };

    /**
     * A streaming table environment on the MiniCluster with the functions and the view {@code
     * events(seq, k, cls, t, ts)}, where {@code ts} (millisecond {@code seq}) is the rowtime: the
     * OVER windows order by it, whatever the order in which parallel subtasks deliver the rows.
     */
    private static StreamTableEnvironment streaming(int parallelism) {
        SqlTestSupport.Session session = SqlTestSupport.streaming(parallelism);
        session.eventTimeView("events", EVENT, 0, EVENTS);
        return session.tEnv();
    }

    @Test
    void unboundedOverWindowScoresEachRowBeforeCountingIt() throws Exception {
        TableResult result =
                streaming(2)
                        .executeSql(
                                "SELECT seq, CLASS_SURPRISAL(cls) OVER w, CLASS_SURPRISAL(cls, 0.5) OVER w,"
                                        + " RARITY(cls, t) OVER w, RARITY(cls, 0.5) OVER w, CLASS_DISTRIBUTION(cls) OVER w"
                                        + " FROM events WINDOW w AS (PARTITION BY k ORDER BY ts"
                                        + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
        Map<Integer, Row> rows = bySeq(drain(result));
        assertThat(rows).hasSize(10);

        // CLASS_SURPRISAL, a = 1, u1 = a, a, b, a, c:
        //   a: nothing seen, p = 1/1          -> 0
        //   a: C=1 V=1 c=1, p = 2/3           -> ln 3/2
        //   b: C=2 V=1 c=0, p = 1/4           -> ln 4
        //   a: C=3 V=2 c=2, p = 3/6           -> ln 2
        //   c: C=4 V=2 c=0, p = 1/7           -> ln 7
        assertColumn(rows, 1, new int[] {1, 2, 4, 7, 9}, 0.0, Math.log(1.5), Math.log(4), Math.log(2), Math.log(7));
        // a = 0.5: p = 0.5/0.5, 1.5/2, 0.5/3, 2.5/4.5, 0.5/5.5
        assertColumn(rows, 2, new int[] {1, 2, 4, 7, 9}, 0.0, Math.log(4.0 / 3), Math.log(6), Math.log(9.0 / 5), Math.log(11));
        // RARITY at T = 1 is proportional to 1/p, so to 1/q with q = c + a, over the classes seen
        // and the unseen slot (q = a = 1), which a new class takes:
        //   a: nothing seen                      -> 0
        //   a: q_a = 2, unseen 1                 -> (1/2) / (3/2) = 1/3
        //   b: q_a = 3, unseen 1                 -> 1 / (4/3) = 3/4
        //   a: q_a = 3, q_b = 2, unseen 1        -> (1/3) / (11/6) = 2/11
        //   c: q_a = 4, q_b = 2, unseen 1        -> 1 / (7/4) = 4/7
        assertColumn(rows, 3, new int[] {1, 2, 4, 7, 9}, 0.0, 1.0 / 3, 0.75, 2.0 / 11, 4.0 / 7);
        // T = 0.5 squares the weights: a: (1/4) / (5/4) = 1/5; b: 1 / (10/9) = 9/10;
        // a: (1/9) / (1/9 + 1/4 + 1) = 4/49; c: 1 / (1/16 + 1/4 + 1) = 16/21
        assertColumn(rows, 4, new int[] {1, 2, 4, 7, 9}, 0.0, 0.2, 0.9, 4.0 / 49, 16.0 / 21);
        assertThat(rows.get(9).getField(5)).as("CLASS_DISTRIBUTION after a, a, b, a, c")
                .isEqualTo(Map.of("a", 0.6, "b", 0.2, "c", 0.2));
        assertThat(rows.get(4).getField(5)).as("CLASS_DISTRIBUTION after a, a, b")
                .isEqualTo(Map.of("a", 2.0 / 3, "b", 1.0 / 3));

        // u2 = x, NULL, '', x (T = 0), y:
        //   x first: 0; NULL: NULL, not counted; '': NULL, rejected, not counted;
        //   x with T = 0: surprisal C=1 V=1 c=1 -> ln 3/2, rarity NULL (rejected) but x is counted;
        //   y: C=2 V=1 -> p_y = 1/4, ln 4; rarity 4 / (4 + 4/3) = 3/4 (it would be 2/3 had the
        //   second x not been counted)
        assertThat(rows.get(3).getField(1)).isEqualTo(0.0);
        for (int seq : new int[] {5, 6}) {
            for (int field = 1; field <= 4; field++) {
                assertThat(rows.get(seq).getField(field)).as("field %s of seq %s", field, seq).isNull();
            }
        }
        assertThat((Double) rows.get(8).getField(1)).isCloseTo(Math.log(1.5), within(EPS));
        assertThat(rows.get(8).getField(3)).as("RARITY with T = 0").isNull();
        assertThat((Double) rows.get(10).getField(1)).isCloseTo(Math.log(4), within(EPS));
        assertThat((Double) rows.get(10).getField(3)).isCloseTo(0.75, within(EPS));
        assertThat(rows.get(10).getField(5)).isEqualTo(Map.of("x", 2.0 / 3, "y", 1.0 / 3));

        assertThat(counter(REPORTER, result, "\\.RARITY\\.reason\\.OUT_OF_RANGE\\.deadLetters")).as("RARITY with T = 0").isEqualTo(1);
        // Both RARITY calls share one function instance in the operator, and its counters:
        // the '' row is counted by each call.
        assertThat(counter(REPORTER, result, "\\.RARITY\\.reason\\.EMPTY_CLASS_NAME\\.deadLetters")).isEqualTo(2);
        assertThat(counter(REPORTER, result, "\\.RARITY\\.deadLetters")).isEqualTo(3);
        assertThat(counter(REPORTER, result, "\\.CLASS_DISTRIBUTION\\.reason\\.EMPTY_CLASS_NAME\\.deadLetters")).isEqualTo(1);
        assertThat(counter(REPORTER, result, "\\.CLASS_DISTRIBUTION\\.deadLetters")).isEqualTo(1);
    }

    @Test
    void boundedOverWindowRetractsTheOldestRowAndHonoursTheClassLimit() throws Exception {
        StreamTableEnvironment tEnv = streaming(2);
        tEnv.createTemporarySystemFunction("CLASS_SURPRISAL_MAX2", new ClassSurprisalAggregateFunction(2));
        TableResult result =
                tEnv.executeSql(
                        "SELECT seq, CLASS_SURPRISAL_MAX2(cls) OVER w, RARITY(cls) OVER w"
                                + " FROM events WHERE k = 'u1' WINDOW w AS (PARTITION BY k ORDER BY ts"
                                + " ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)");
        Map<Integer, Row> rows = bySeq(drain(result));
        // Scored against the two rows before, a = 1:
        //   a: {} -> 0;  a: {a} -> p = 2/3;  b: {a, a} -> p = 1/4;
        //   a: {a, b} C=2 V=2 c=1 -> p = 2/5 (unbounded: 1/2);
        //   c: {b, a}, a third class over the limit of 2 -> NULL
        assertColumn(rows, 1, new int[] {1, 2, 4, 7}, 0.0, Math.log(1.5), Math.log(4), Math.log(2.5));
        assertThat(rows.get(9).getField(1)).as("class over the limit").isNull();
        // RARITY of c (unseen) against {b, a}: q = 2, 2 and 1 for the unseen slot -> 1 / 2
        assertThat((Double) rows.get(9).getField(2)).isCloseTo(0.5, within(EPS));
        assertThat(counter(REPORTER, result, "\\.CLASS_SURPRISAL\\.reason\\.TOO_MANY_CLASSES\\.deadLetters")).isEqualTo(1);
    }

    @Test
    void boundedOverWindowWithAHalfLifeTakesBackEachRowsOwnWeight() throws Exception {
        // The half-life example of SQL.md (h = 1 minute; a@0, a@1, b@3, b@4, a@4, minutes)
        // in a frame of the two rows before, a = 1, q = c + 1, unseen slot 1:
        //   a@0: {} -> 0;   a@1: {a@0}: a = 1/2 -> p_a = (3/2) / (5/2) = 3/5;
        //   b@3: {a@0, a@1}: a = 3/8 -> p_u = 1 / (19/8) = 8/19;
        //   b@4: {a@1, b@3}: a = 1/8, b = 1/2 -> p_b = (3/2) / (5/8 + 3) = 12/29 (unbounded: 24/59);
        //   a@4: {b@3, b@4}: a has left, b = 3/2 -> p_u = 1 / (3/2 + 2) = 2/7
        SqlTestSupport.Session session = SqlTestSupport.streaming(1);
        long minute = 60_000L;
        // not at epoch 0: Flink's bounded OVER operators take a row at time <= 0 as late
        long t0 = 1_732_752_000_000L;
        session.eventTimeView(
                "minutes",
                Types.ROW_NAMED(new String[] {"seq", "k", "cls", "millis"}, Types.INT, Types.STRING, Types.STRING, Types.LONG),
                3,
                Row.of(1, "u", "a", t0), Row.of(2, "u", "a", t0 + minute), Row.of(3, "u", "b", t0 + 3 * minute),
                Row.of(4, "u", "b", t0 + 4 * minute), Row.of(5, "u", "a", t0 + 4 * minute));
        Map<Integer, Row> rows =
                bySeq(drain(session.tEnv().executeSql(
                        "SELECT seq, CLASS_SURPRISAL(cls, ts, INTERVAL '1' MINUTE) OVER w,"
                                // a TIMESTAMP time and the half-life in seconds: the same minutes
                                + " CLASS_SURPRISAL(cls, CAST(ts AS TIMESTAMP(3)), INTERVAL '60' SECOND) OVER w"
                                + " FROM minutes"
                                + " WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)")));
        for (int field = 1; field <= 2; field++) {
            assertColumn(
                    rows, field, new int[] {1, 2, 3, 4, 5},
                    0.0, Math.log(5.0 / 3), Math.log(19.0 / 8), Math.log(29.0 / 12), Math.log(7.0 / 2));
        }
        // A number where the half-life goes is refused when the query is planned.
        assertThatThrownBy(() -> session.tEnv().sqlQuery(
                        "SELECT CLASS_SURPRISAL(cls, ts, 60) OVER (PARTITION BY k ORDER BY ts) FROM minutes"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "CLASS_SURPRISAL(class <CHARACTER_STRING>, time TIMESTAMP_LTZ | TIMESTAMP, half_life INTERVAL DAY TO SECOND)");
    }

    @Test
    void numericParametersAndCharacterClassesOfAnyTypeAreTakenAsTheyAre() throws Exception {
        // a = 1 as INT, T = 2 as DECIMAL, a = 0.5 as FLOAT; the class as CHAR(1) and VARCHAR(3)
        TableResult result =
                streaming(2)
                        .executeSql(
                                "SELECT seq, CLASS_SURPRISAL(cls, 1) OVER w, RARITY(cls, 2.0) OVER w,"
                                        + " RARITY(cls, 2, CAST(0.5 AS FLOAT)) OVER w, CLASS_SURPRISAL('a') OVER w,"
                                        + " CLASS_DISTRIBUTION(CAST(cls AS VARCHAR(3))) OVER w"
                                        + " FROM events WHERE k = 'u1' WINDOW w AS (PARTITION BY k ORDER BY ts"
                                        + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
        Map<Integer, Row> rows = bySeq(drain(result));
        // as the unbounded OVER test: a = 1 gives 0, ln 3/2, ln 4, ln 2, ln 7
        assertColumn(rows, 1, new int[] {1, 2, 4, 7, 9}, 0.0, Math.log(1.5), Math.log(4), Math.log(2), Math.log(7));
        // T = 2 takes square roots of the weights 1/q (q = c + 1, unseen slot 1):
        // a: sqrt 1/2 / (sqrt 1/2 + 1); b: 1 / (sqrt 1/3 + 1); a: sqrt 1/3 / (sqrt 1/3 + sqrt 1/2 + 1);
        // c: 1 / (sqrt 1/4 + sqrt 1/2 + 1)
        double ra1 = Math.sqrt(0.5) / (Math.sqrt(0.5) + 1);
        double rb = 1 / (Math.sqrt(1.0 / 3) + 1);
        double ra = Math.sqrt(1.0 / 3) / (Math.sqrt(1.0 / 3) + Math.sqrt(0.5) + 1);
        double rc = 1 / (Math.sqrt(0.25) + Math.sqrt(0.5) + 1);
        assertColumn(rows, 2, new int[] {1, 2, 4, 7, 9}, 0.0, ra1, rb, ra, rc);
        // T = 2, a = 0.5, for b (unseen) after a, a: q_a = 2.5, unseen 0.5: sqrt 2 / (sqrt 0.4 + sqrt 2)
        assertThat((Double) rows.get(4).getField(3)).isCloseTo(Math.sqrt(2) / (Math.sqrt(0.4) + Math.sqrt(2)), within(EPS));
        // a constant class: 0, then ln 3/2, ln 4/3, ln 5/4, ln 6/5 (p = (C + 1)/(C + 2))
        assertColumn(rows, 4, new int[] {1, 2, 4, 7, 9}, 0.0, Math.log(1.5), Math.log(4.0 / 3), Math.log(1.25), Math.log(1.2));
        assertThat(rows.get(9).getField(5)).isEqualTo(Map.of("a", 0.6, "b", 0.2, "c", 0.2));
    }

    @Test
    void overWindowsDropRowsBehindTheWatermark() throws Exception {
        // What SQL.md says under "Late rows": seq is the time in ms, and the source emits a
        // watermark of ts - 1 after each row, so c at 3 ms, after b at 5 ms, is late.
        SqlTestSupport.Session session = SqlTestSupport.streaming(2);
        session.eventTimeView(
                "late_events",
                EVENT,
                0,
                Row.of(1, "u1", "a", 1.0), Row.of(2, "u1", "a", 1.0), Row.of(5, "u1", "b", 1.0),
                Row.of(3, "u1", "c", 1.0), Row.of(6, "u1", "a", 1.0));
        TableResult result =
                session.tEnv()
                        .executeSql(
                                "SELECT seq, CLASS_SURPRISAL(cls) OVER w, CLASS_DISTRIBUTION(cls) OVER w FROM late_events"
                                        + " WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
        Map<Integer, Row> rows = bySeq(drain(result));
        assertThat(rows.keySet()).as("the late row has no output row").containsExactlyInAnyOrder(1, 2, 5, 6);
        // and was not counted: a at 6 ms against a, a, b: C=3 V=2 c=2 -> p = 3/6
        assertThat((Double) rows.get(6).getField(1)).isCloseTo(Math.log(2), within(EPS));
        assertThat(rows.get(6).getField(2)).isEqualTo(Map.of("a", 0.75, "b", 0.25));
        assertThat(counter(REPORTER, result, "\\.numLateRecordsDropped")).as("Flink's count of dropped rows").isEqualTo(1);
        assertThat(counter(REPORTER, result, "\\.CLASS_SURPRISAL\\.deadLetters")).as("not an infoprob rejection").isZero();
    }

    @Test
    void groupByGivesTheValueOfTheLastRowAsAChangelog() throws Exception {
        // A GROUP BY sees rows in arrival order, which is the data order only with one channel.
        List<Row> rows =
                drain(streaming(1).executeSql("SELECT k, CLASS_SURPRISAL(cls) FROM events WHERE k = 'u1' GROUP BY k"));
        List<Double> inserted = new ArrayList<>();
        for (Row row : rows) {
            if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
                inserted.add((Double) row.getField(1));
            }
        }
        // the same prequential series as the unbounded OVER window: 0, ln 3/2, ln 4, ln 2, ln 7
        assertThat(inserted).hasSize(5);
        double[] expected = {0.0, Math.log(1.5), Math.log(4), Math.log(2), Math.log(7)};
        for (int i = 0; i < expected.length; i++) {
            assertThat(inserted.get(i)).as("update %s", i).isCloseTo(expected[i], within(EPS));
        }
    }

    @Test
    void tumblingWindowDistributionMergesPartialGroups() throws Exception {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "2");
        // Local and global aggregation: the global phase merges the local accumulators.
        tEnv.getConfig().set("table.optimizer.agg-phase-strategy", "TWO_PHASE");
        InfoprobFunctions.registerAll(tEnv);
        tEnv.executeSql(
                "CREATE TEMPORARY VIEW timed AS SELECT k, cls, TIMESTAMP '2026-01-01 00:00:00' + m * INTERVAL '1' MINUTE AS ts"
                        + " FROM (VALUES ('u1', 'a', 0), ('u1', 'a', 0), ('u1', 'b', 0), ('u1', 'a', 0), ('u1', 'c', 0),"
                        + " ('u1', 'c', 1), ('u1', CAST(NULL AS STRING), 1), ('u2', 'x', 0)) AS v(k, cls, m)");
        String query =
                "SELECT k, window_start, CLASS_DISTRIBUTION(cls), ENTROPY(CLASS_DISTRIBUTION(cls))"
                        + " FROM TABLE(TUMBLE(TABLE timed, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                        + " GROUP BY k, window_start, window_end";
        // The plan has the two phases: partial accumulators merged by the final aggregate.
        String plan = tEnv.explainSql(query);
        assertThat(plan).as("plan").contains("LocalSortAggregate", "Partial_CLASS_DISTRIBUTION", "isMerge=[true]", "Final_CLASS_DISTRIBUTION");
        List<Row> rows = drain(tEnv.executeSql(query));
        rows.sort(Comparator.comparing((Row r) -> (String) r.getField(0)).thenComparing(r -> r.getField(1).toString()));
        assertThat(rows).hasSize(3);
        // u1, first minute: a, a, b, a, c -> {a: 3/5, b: 1/5, c: 1/5}, H = -(0.6 ln 0.6 + 2 * 0.2 ln 0.2)
        assertThat(rows.get(0).getField(2)).isEqualTo(Map.of("a", 0.6, "b", 0.2, "c", 0.2));
        assertThat((Double) rows.get(0).getField(3))
                .isCloseTo(-(0.6 * Math.log(0.6) + 0.4 * Math.log(0.2)), within(EPS));
        // u1, second minute: c and a NULL class, which is ignored
        assertThat(rows.get(1).getField(2)).isEqualTo(Map.of("c", 1.0));
        assertThat(rows.get(1).getField(3)).isEqualTo(0.0);
        assertThat(rows.get(2).getField(2)).isEqualTo(Map.of("x", 1.0));
    }

    @Test
    void streamingWindowsAggregateTheDistributionInTwoPhasesAndTheSurprisalInOne() {
        // SQL.md: CLASS_DISTRIBUTION merges, so the planner may split a window aggregate into a
        // local and a global phase; CLASS_SURPRISAL and RARITY do not merge and stay in one.
        StreamTableEnvironment tEnv = streaming(2);
        tEnv.getConfig().set("table.optimizer.agg-phase-strategy", "TWO_PHASE");
        String window = " FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY k, window_start, window_end";
        String distribution = tEnv.explainSql("SELECT k, window_start, CLASS_DISTRIBUTION(cls)" + window);
        assertThat(distribution).as("plan of CLASS_DISTRIBUTION").contains("LocalWindowAggregate", "GlobalWindowAggregate");
        String surprisal = tEnv.explainSql("SELECT k, window_start, CLASS_SURPRISAL(cls), RARITY(cls)" + window);
        assertThat(surprisal).as("plan of CLASS_SURPRISAL, RARITY").contains("WindowAggregate")
                .doesNotContain("LocalWindowAggregate", "GlobalWindowAggregate");
    }

    private static void assertColumn(Map<Integer, Row> rows, int field, int[] seqs, double... expected) {
        for (int i = 0; i < seqs.length; i++) {
            Row row = rows.get(seqs[i]);
            assertThat((Double) row.getField(field)).as("field %s of seq %s", field, seqs[i])
                    .isCloseTo(expected[i], within(EPS));
        }
    }


    /** The rows by their {@code seq}, the first field. */
    private static Map<Integer, Row> bySeq(List<Row> rows) {
        Map<Integer, Row> bySeq = new HashMap<>();
        for (Row row : rows) {
            assertThat(bySeq.put((Integer) row.getField(0), row)).as("seq of %s is unique", row).isNull();
        }
        return bySeq;
    }

}
