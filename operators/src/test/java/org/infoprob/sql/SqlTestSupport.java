package org.infoprob.sql;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The table environments, event-time views, result collection and metric look-ups of the SQL ITCases. */
final class SqlTestSupport {

    private SqlTestSupport() {}

    /**
     * A streaming table environment on the MiniCluster with the functions registered. Make it
     * per test: the extension installs the MiniCluster as the context environment per test.
     */
    static Session streaming(int parallelism) {
        Session session = plainStreaming();
        session.env().setParallelism(parallelism);
        InfoprobFunctions.registerAll(session.tEnv());
        return session;
    }

    /** A streaming table environment on the MiniCluster without the functions. */
    static Session plainStreaming() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        return new Session(env, StreamTableEnvironment.create(env));
    }

    /** A stream environment and the table environment on it. */
    record Session(StreamExecutionEnvironment env, StreamTableEnvironment tEnv) {

        /**
         * Registers {@code rows} (fields as {@code type}, in this order, from one source
         * subtask) as the view {@code name} with the rowtime column {@code ts}, the epoch
         * milliseconds of field {@code millisField}. The source emits a watermark of {@code ts -
         * 1} after each row, so which rows are late is decided by the row order alone: a row
         * whose time is before an earlier row's is behind the watermark.
         */
        void eventTimeView(String name, TypeInformation<Row> type, int millisField, Row... rows) {
            DataStream<Row> stream =
                    env.fromData(type, rows)
                            .assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<Row>forGenerator(context -> new WatermarkPerRow())
                                            .withTimestampAssigner(
                                                    (row, previous) -> ((Number) row.getField(millisField)).longValue()))
                            // chained to the source: one ordered channel of rows and watermarks
                            .setParallelism(1);
            tEnv.createTemporaryView(
                    name,
                    stream,
                    Schema.newBuilder()
                            .columnByMetadata("ts", DataTypes.TIMESTAMP_LTZ(3), "rowtime")
                            .watermark("ts", "SOURCE_WATERMARK()")
                            .build());
        }
    }

    /** All rows of a bounded query; the job has finished when this returns. */
    static List<Row> drain(TableResult result) throws Exception {
        List<Row> rows = new ArrayList<>();
        CloseableIterator<Row> it = result.collect();
        try {
            it.forEachRemaining(rows::add);
        } finally {
            it.close();
        }
        return rows;
    }

    /**
     * Sum over subtasks of the counters of {@code result}'s job whose identifier ends with
     * {@code pattern} (a regex); fails if there is none, so that 0 means "registered and never
     * incremented".
     */
    static long counter(InMemoryReporter reporter, TableResult result, String pattern) {
        JobID job = result.getJobClient().orElseThrow().getJobID();
        Map<String, Metric> metrics = reporter.findMetrics(job, pattern + "$");
        assertThat(metrics).as("counters matching %s", pattern).isNotEmpty();
        long sum = 0;
        for (Metric m : metrics.values()) {
            sum += ((Counter) m).getCount();
        }
        return sum;
    }

    /** Asserts that {@code actual}, an {@code ARRAY<DOUBLE>} result, holds {@code expected} within {@code eps}. */
    static void assertDoubles(Object actual, String what, double eps, double... expected) {
        assertThat(actual).as(what).isInstanceOf(Double[].class);
        Double[] values = (Double[]) actual;
        assertThat(values).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(values[i]).as("%s [%s]", what, i).isCloseTo(expected[i], within(eps));
        }
    }

    /** A watermark of the row's time minus 1 ms right after each row. */
    private static final class WatermarkPerRow implements WatermarkGenerator<Row> {
        @Override
        public void onEvent(Row row, long timestamp, WatermarkOutput output) {
            output.emitWatermark(new Watermark(timestamp - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
