package org.infoprob.sql;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.infoprob.information.ClassCountAccumulator;
import org.infoprob.information.ClassCountAggregate;
import org.infoprob.information.InformationFunction;
import org.infoprob.information.InformationWindowFunction;
import org.infoprob.math.Smoothing;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.RarityEvent;
import org.infoprob.testing.FlinkMiniCluster;
import org.infoprob.testing.StateFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.sql.SqlTestSupport.drain;

/**
 * One scorer behind all three paths: the same events through the running DataStream operator
 * ({@link InformationFunction}), the window operator ({@link ClassCountAggregate} + {@link
 * InformationWindowFunction}) and the SQL aggregates ({@code CLASS_SURPRISAL}, {@code
 * CLASS_SCORE}, {@code CLASS_ENTROPY}, {@code RARITY} in an unbounded OVER window) give the same
 * surprisal, score, rarity and entropy to the bit, for additive and Good-Turing smoothing, at T
 * = 1 (the division path of the rarity) and T != 1 (the softmax path).
 *
 * <p>Event k is scored against events 1..k-1 by the running operator and by SQL; the window
 * operator scores the classes of a window holding exactly events 1..k-1 (sliding windows of n
 * ms every 1 ms over events 1 ms apart, so the windows ending at k ms after the first event are
 * the prefixes), where event k's class is either held or the unseen slot.
 *
 * <p>With a half-life ({@code CLASS_SURPRISAL(cls, ts, INTERVAL '1' SECOND, ...)}), on events
 * out of time order, with ties and a jump of 300 half-lives (the landmark moves): a streaming
 * GROUP BY, which sees the rows in arrival order like the operator, gives the running
 * operator's fields to the bit, late rows weighted alike; an event-time OVER window drops the
 * late rows and gives the operator's fields for the other rows (SQL.md, "Late rows"). Ties: the
 * class {@code ARGMAX(CLASS_DISTRIBUTION(cls))} names after row k is the operator's {@code
 * reference} for event k + 1 (the most counted class, the first to arrive among equals).
 */
class OneScorerITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkMiniCluster.extension();

    private static final long T0 = StateFixtures.T0;

    /** One key; repeats, singletons (Good-Turing) and new classes late in the sequence. */
    private static final String[] CLASSES = {"a", "a", "b", "a", "c", "b", "b", "d", "a", "c", "e", "a", "f", "b"};

    private record Settings(Smoothing smoothing, double alpha, double temperature) {}

    private static final List<Settings> SETTINGS =
            List.of(
                    new Settings(Smoothing.ADDITIVE, 1.0, 1.0),
                    new Settings(Smoothing.GOOD_TURING, 1.0, 1.0),
                    new Settings(Smoothing.ADDITIVE, 0.5, 2.5),
                    new Settings(Smoothing.GOOD_TURING, 0.3, 0.7));

    @Test
    void runningWindowAndSqlScoreTheSameEventsToTheSameBits() throws Exception {
        List<Row> sql = sqlRows();
        for (int s = 0; s < SETTINGS.size(); s++) {
            Settings settings = SETTINGS.get(s);
            List<RarityEvent> running = running(settings);
            Map<Long, ClassDistribution> prefixes = windowPrefixes(settings);
            assertThat(running).hasSize(CLASSES.length);
            assertThat(prefixes).hasSize(CLASSES.length - 1);
            for (int k = 0; k < CLASSES.length; k++) {
                RarityEvent r = running.get(k);
                Row q = sql.get(k);
                String at = settings + ", event " + (k + 1) + " (" + CLASSES[k] + "): ";
                assertThat(q.getField(1 + 4 * s)).as(at + "SQL surprisal").isEqualTo(r.surprisal);
                assertThat(q.getField(2 + 4 * s)).as(at + "SQL score").isEqualTo(r.score);
                assertThat(q.getField(3 + 4 * s)).as(at + "SQL entropy").isEqualTo(r.entropy);
                assertThat(q.getField(4 + 4 * s)).as(at + "SQL rarity").isEqualTo(r.rarity);
                if (s == 0 && k + 1 < CLASSES.length) {
                    // additive smoothing: the reference is always the most counted class held
                    assertThat(q.getField(1 + 4 * SETTINGS.size()))
                            .as(at + "SQL top class after the row = the operator's reference for the next event")
                            .isEqualTo(running.get(k + 1).reference);
                }
                if (k == 0) {
                    continue;
                }
                ClassDistribution w = prefixes.get((long) k);
                assertThat(w.total).as(at + "window holds events 1.." + k).isEqualTo(k);
                assertThat(w.entropy).as(at + "window entropy").isEqualTo(r.entropy);
                int j = Arrays.asList(w.classNames).indexOf(CLASSES[k]);
                if (j < 0) {
                    assertThat(r.firstSeen).isTrue();
                    assertThat(w.unseenRarity).as(at + "window unseen rarity").isEqualTo(r.rarity);
                    assertThat(w.unseenProbability).as(at + "window unseen probability").isEqualTo(r.probability);
                } else {
                    assertThat(w.surprisals[j]).as(at + "window surprisal").isEqualTo(r.surprisal);
                    assertThat(w.scores[j]).as(at + "window score").isEqualTo(r.score);
                    assertThat(w.rarities[j]).as(at + "window rarity").isEqualTo(r.rarity);
                    assertThat(w.probabilities[j]).as(at + "window probability").isEqualTo(r.probability);
                }
            }
        }
    }

    /** Half-life of the timed tests: 1 s, {@code INTERVAL '1' SECOND}. */
    private static final long HALF_LIFE = 1000L;

    /**
     * Arrival order: class and event time (ms after T0). Rows 4, 8, 11 and 14 are late (before
     * an earlier row's time); rows 1-2 and 9-10 tie (equal weight, the first is the reference);
     * row 9 comes 300 half-lives after row 8, so the landmark moves; row 14 is 299 half-lives
     * late.
     */
    private static final String[] TIMED_CLASSES = {"a", "b", "c", "b", "a", "a", "b", "c", "d", "e", "e", "d", "f", "a"};

    private static final long[] TIMED_MILLIS = {0, 0, 500, 300, 1000, 1000, 1000, 900, 301_000, 301_000, 300_500, 301_200, 301_300, 2000};

    private static final List<Settings> TIMED_SETTINGS =
            List.of(new Settings(Smoothing.ADDITIVE, 1.0, 1.0), new Settings(Smoothing.GOOD_TURING, 0.5, 2.5));

    @Test
    void withAHalfLifeAGroupByInArrivalOrderGivesTheRunningOperatorsFieldsToTheBit() throws Exception {
        List<Row> sql = timedSqlRows("SELECT MAX(seq)", " FROM events GROUP BY k", "");
        int[] all = IntStream.range(0, TIMED_CLASSES.length).toArray();
        assertThat(sql).as("one update per row").hasSize(all.length);
        assertTimed(sql, all);
    }

    @Test
    void withAHalfLifeAnEventTimeOverWindowDropsLateRowsAndScoresTheOthersAsTheOperator() throws Exception {
        List<Row> sql =
                timedSqlRows(
                        "SELECT seq",
                        " FROM events WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
                        " OVER w");
        // Rows 4, 8, 11, 14 arrive behind the watermark: no output, not counted.
        int[] onTime = {0, 1, 2, 4, 5, 6, 8, 9, 11, 12};
        assertThat(sql).extracting(r -> r.getField(0)).containsExactly(IntStream.of(onTime).map(i -> i + 1).boxed().toArray());
        assertTimed(sql, onTime);
    }

    /** Compares SQL row i with the operator's output for the events {@code events} (indices). */
    private static void assertTimed(List<Row> sql, int[] events) throws Exception {
        for (int s = 0; s < TIMED_SETTINGS.size(); s++) {
            Settings settings = TIMED_SETTINGS.get(s);
            List<RarityEvent> running = running(settings, HALF_LIFE, events);
            assertThat(running).hasSize(events.length);
            for (int i = 0; i < events.length; i++) {
                RarityEvent r = running.get(i);
                Row q = sql.get(i);
                int e = events[i];
                String at = settings + ", row " + (e + 1) + " (" + TIMED_CLASSES[e] + "@" + TIMED_MILLIS[e] + "): ";
                assertThat(q.getField(1 + 4 * s)).as(at + "SQL surprisal").isEqualTo(r.surprisal);
                assertThat(q.getField(2 + 4 * s)).as(at + "SQL score").isEqualTo(r.score);
                assertThat(q.getField(3 + 4 * s)).as(at + "SQL entropy").isEqualTo(r.entropy);
                assertThat(q.getField(4 + 4 * s)).as(at + "SQL rarity").isEqualTo(r.rarity);
                if (s == 0) {
                    assertThat(q.getField(1 + 4 * TIMED_SETTINGS.size()))
                            .as(at + "SQL surprisal / LN(2)")
                            .isEqualTo(r.surprisalBits);
                }
            }
        }
    }

    /** The timed events through {@code head}, four columns per settings, {@code tail}; in output order. */
    private static List<Row> timedSqlRows(String head, String tail, String over) throws Exception {
        SqlTestSupport.Session session = SqlTestSupport.streaming(1);
        Row[] rows = new Row[TIMED_CLASSES.length];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = Row.of(k + 1, "u", TIMED_CLASSES[k], T0 + TIMED_MILLIS[k]);
        }
        session.eventTimeView(
                "events",
                Types.ROW_NAMED(new String[] {"seq", "k", "cls", "millis"}, Types.INT, Types.STRING, Types.STRING, Types.LONG),
                3,
                rows);
        StringBuilder select = new StringBuilder(head);
        for (Settings s : TIMED_SETTINGS) {
            String args = "cls, ts, INTERVAL '1' SECOND";
            String tailArgs = s.alpha + ", '" + s.smoothing.name().toLowerCase().replace('_', '-') + "')" + over;
            select.append(", CLASS_SURPRISAL(").append(args).append(", ").append(tailArgs)
                    .append(", CLASS_SCORE(").append(args).append(", ").append(tailArgs)
                    .append(", CLASS_ENTROPY(").append(args).append(", ").append(tailArgs)
                    .append(", RARITY(").append(args).append(", ").append(s.temperature).append(", ").append(tailArgs);
        }
        // surprisalBits: the operator divides by ln 2 as SQL's LN(2) gives it
        Settings first = TIMED_SETTINGS.get(0);
        select.append(", CLASS_SURPRISAL(cls, ts, INTERVAL '1' SECOND, ").append(first.alpha).append(", '")
                .append(first.smoothing.name().toLowerCase().replace('_', '-')).append("')").append(over).append(" / LN(2)");
        List<Row> all = drain(session.tEnv().executeSql(select.append(tail).toString()));
        // GROUP BY: the changelog retracts the previous value of the group before each update
        all.removeIf(r -> r.getKind() == RowKind.UPDATE_BEFORE);
        return all;
    }


    /** Each settings' four SQL columns, per row in event order: seq, then 4 per settings. */
    private static List<Row> sqlRows() throws Exception {
        SqlTestSupport.Session session = SqlTestSupport.streaming(1);
        Row[] rows = new Row[CLASSES.length];
        for (int k = 0; k < CLASSES.length; k++) {
            rows[k] = Row.of(k + 1, "u", CLASSES[k], T0 + k + 1);
        }
        session.eventTimeView(
                "events",
                Types.ROW_NAMED(new String[] {"seq", "k", "cls", "millis"}, Types.INT, Types.STRING, Types.STRING, Types.LONG),
                3,
                rows);
        StringBuilder select = new StringBuilder("SELECT seq");
        for (Settings s : SETTINGS) {
            String args = s.alpha + ", '" + s.smoothing.name().toLowerCase().replace('_', '-') + "'";
            select.append(", CLASS_SURPRISAL(cls, ").append(args).append(") OVER w")
                    .append(", CLASS_SCORE(cls, ").append(args).append(") OVER w")
                    .append(", CLASS_ENTROPY(cls, ").append(args).append(") OVER w")
                    .append(", RARITY(cls, ").append(s.temperature).append(", ").append(args).append(") OVER w");
        }
        select.append(", ARGMAX(CLASS_DISTRIBUTION(cls) OVER w)");
        select.append(" FROM events WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
        List<Row> all = drain(session.tEnv().executeSql(select.toString()));
        all.sort(Comparator.comparing(r -> (Integer) r.getField(0)));
        return all;
    }

    /** The running operator's outputs for the settings, in event order. */
    private static List<RarityEvent> running(Settings s) throws Exception {
        long[] millis = new long[CLASSES.length];
        Arrays.setAll(millis, k -> k + 1);
        return running(s, 0L, CLASSES, millis, IntStream.range(0, CLASSES.length).toArray());
    }

    /** The running operator's outputs for the timed events {@code events} (indices), in this order. */
    private static List<RarityEvent> running(Settings s, long halfLife, int[] events) throws Exception {
        return running(s, halfLife, TIMED_CLASSES, TIMED_MILLIS, events);
    }

    private static List<RarityEvent> running(
            Settings s, long halfLife, String[] classes, long[] millis, int[] events) throws Exception {
        InformationFunction.Builder b =
                InformationFunction.builder()
                        .setSmoothing(s.smoothing)
                        .setAlpha(s.alpha)
                        .setTemperature(s.temperature);
        if (halfLife > 0) {
            b.setHalfLife(Duration.ofMillis(halfLife));
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(b.build()), ClassEvent.keySelector(), Types.STRING)) {
            h.open();
            for (int k : events) {
                long t = T0 + millis[k];
                h.processElement(new StreamRecord<>(ClassEvent.of("u", t, classes[k], 1.0), t));
            }
            return h.extractOutputValues();
        }
    }

    /**
     * The window operator's distributions of the prefixes: windows of n ms sliding by 1 ms; the
     * one ending at {@code T0 + k + 1} (exclusive) and starting at or before the first event
     * holds events 1..k. Keyed by k.
     */
    private static Map<Long, ClassDistribution> windowPrefixes(Settings s) throws Exception {
        int n = CLASSES.length;
        try (KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, ClassDistribution> h =
                StateFixtures.window(
                        SlidingEventTimeWindows.of(Duration.ofMillis(n), Duration.ofMillis(1)),
                        new ClassCountAggregate(),
                        InformationWindowFunction.builder()
                                .setSmoothing(s.smoothing)
                                .setAlpha(s.alpha)
                                .setTemperature(s.temperature)
                                .build(),
                        TypeInformation.of(ClassEvent.class),
                        ClassEvent.keySelector(),
                        TypeInformation.of(ClassCountAccumulator.class))) {
            h.open();
            for (int k = 0; k < n; k++) {
                h.processElement(new StreamRecord<>(ClassEvent.of("u", T0 + k + 1, CLASSES[k], 1.0), T0 + k + 1));
            }
            h.processWatermark(T0 + 10L * n);
            return h.extractOutputValues().stream()
                    .filter(d -> d.windowStart <= T0 + 1 && d.windowEnd - 1 - T0 < n)
                    .collect(Collectors.toMap(d -> d.windowEnd - 1 - T0, d -> d));
        }
    }
}
