package org.infoprob.benchmarks;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Local Flink environments for the in-memory pipelines (P2, P3). */
final class Flink {

    private Flink() {}

    /**
     * Parallelism 1, object reuse on, no Kryo fallback, no checkpoints; {@code extra} adds to
     * or overrides that (e.g. the state backend).
     */
    static StreamExecutionEnvironment local(Configuration extra) {
        Configuration c = new Configuration();
        c.set(PipelineOptions.OBJECT_REUSE, true);
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.addAll(extra);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, c);
        env.setParallelism(1);
        return env;
    }
}
