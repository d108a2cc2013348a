package org.infoprob.sql;

import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The MiniCluster, result collection and metric look-ups of the SQL ITCases. */
final class SqlTestSupport {

    private SqlTestSupport() {}

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
}
