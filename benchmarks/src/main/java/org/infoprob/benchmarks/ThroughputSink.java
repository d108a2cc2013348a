package org.infoprob.benchmarks;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A discarding sink that measures its input rate over a time window: after {@code warmup}
 * from its first records (job start-up is never timed, the JIT has compiled the pipeline), it
 * counts records for {@code measure} and publishes records per second. The clock is read once
 * per 1024 records only, so timing costs the measured pipeline next to nothing. Runs at
 * parallelism 1 inside this JVM (a local environment) and hands its result over through a
 * static map; {@link #run} then cancels the (endless) job.
 */
final class ThroughputSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Double> RESULTS = new ConcurrentHashMap<>();
    private static final int CHECK_MASK = 1023;

    private final String id;
    private final long warmupNanos;
    private final long measureNanos;

    ThroughputSink(String id, Duration warmup, Duration measure) {
        this.id = id;
        this.warmupNanos = warmup.toNanos();
        this.measureNanos = measure.toNanos();
    }

    /**
     * Executes {@code env}, whose pipeline ends in a sink of run {@code id}, until that sink
     * has its figure; cancels the job and returns the records per second.
     */
    static double run(StreamExecutionEnvironment env, String id, Duration timeout) throws Exception {
        JobClient job = env.executeAsync(id);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Double v = RESULTS.remove(id);
                if (v != null) {
                    return v;
                }
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    job.getJobExecutionResult().get();
                    throw new IllegalStateException("Run " + id + " ended before its timed window did");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Run " + id + " did not finish its window within " + timeout);
                }
                Thread.sleep(20);
            }
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            private long n;
            private long start;
            private long windowStart;
            private long windowFrom = -1;
            private boolean done;

            @Override
            public void write(T element, Context context) {
                n++;
                if ((n & CHECK_MASK) != 0 || done) {
                    return;
                }
                long now = System.nanoTime();
                if (start == 0) {
                    start = now;
                } else if (windowFrom < 0) {
                    if (now - start >= warmupNanos) {
                        windowStart = now;
                        windowFrom = n;
                    }
                } else if (now - windowStart >= measureNanos) {
                    RESULTS.put(id, (n - windowFrom) / ((now - windowStart) / 1e9));
                    done = true;
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
