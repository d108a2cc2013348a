package org.infoprob.benchmarks;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A discarding sink that times a window of its input: the clock starts at record {@code from}
 * (earlier records warm the pipeline up, and job start-up is never timed) and stops at record
 * {@code to}. Runs at parallelism 1 inside this JVM (a local environment), so it hands its
 * result over through a static map.
 */
final class ThroughputSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Double> RESULTS = new ConcurrentHashMap<>();

    private final String id;
    private final long from;
    private final long to;

    ThroughputSink(String id, long from, long to) {
        if (from < 1 || to <= from) {
            throw new IllegalArgumentException(
                    "The timed window must satisfy 1 <= from < to, was " + from + ".." + to);
        }
        this.id = id;
        this.from = from;
        this.to = to;
    }

    /** Records per second of the run {@code id}; removes it. */
    static double take(String id) {
        Double v = RESULTS.remove(id);
        if (v == null) {
            throw new IllegalStateException("Run " + id + " ended before its timed window did");
        }
        return v;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            private long n;
            private long start;

            @Override
            public void write(T element, Context context) {
                n++;
                if (n == from) {
                    start = System.nanoTime();
                } else if (n == to) {
                    RESULTS.put(id, (to - from) / ((System.nanoTime() - start) / 1e9));
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
