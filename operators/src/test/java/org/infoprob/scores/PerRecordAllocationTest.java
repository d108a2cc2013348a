package org.infoprob.scores;

import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.window.ScoreAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hot paths allocate only the output: measured with the JVM's per-thread allocation counter
 * over many records after a warm-up. The bound for one output is its size with 16-byte headers
 * and 8-byte references (no compressed oops), an upper bound of what the JVM really uses; a
 * per-record scratch array of K doubles would exceed it.
 */
class PerRecordAllocationTest {

    private static final int K = 50;
    /**
     * Enough for C2 to compile the hot path. The Vector API kernel (surefire execution
     * vector-kernel) needs it: until C2 compiles it, every vector is a heap object (~2 KB per
     * event here after 20,000 events; 0 after 300,000, ~1 s).
     */
    private static final int WARM_UP = 300_000;
    private static final int RECORDS = 100_000;

    /** ProbabilityEvent (14 fields) + double[K] probabilities + String[K] class-name copy. */
    private static final long OUTPUT_BYTES = (16 + 14 * 8) + (16 + 8L * K) + (16 + 8L * K);

    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void allocationCounter() {
        assumeTrue(
                ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "JVM without per-thread allocation counters");
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counters");
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    @Test
    void softmaxAllocatesOnlyTheOutputPerRecord() throws Exception {
        SoftmaxFunction softmax = SoftmaxFunction.builder().build();

        long perRecord = bytesPerRecord(softmax, event());

        assertThat(perRecord).as("bytes per record, bound %s", OUTPUT_BYTES).isLessThanOrEqualTo(OUTPUT_BYTES);
    }

    @Test
    void multiLabelSigmoidAllocatesOnlyTheOutputPerRecord() throws Exception {
        MultiLabelSigmoidFunction sigmoid = MultiLabelSigmoidFunction.builder().build();

        long perRecord = bytesPerRecord(sigmoid, event());

        assertThat(perRecord).as("bytes per record, bound %s", OUTPUT_BYTES).isLessThanOrEqualTo(OUTPUT_BYTES);
    }

    @Test
    void windowAggregateAllocatesNothingPerEventOnceTheClassesAreKnown() {
        ScoreEvent e = event();
        for (CombineStrategy strategy : CombineStrategy.values()) {
            ScoreAggregateFunction f = ScoreAggregateFunction.builder().setStrategy(strategy).build();
            ScoreAccumulator acc = f.createAccumulator();
            for (int i = 0; i < WARM_UP; i++) {
                f.add(e, acc);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < RECORDS; i++) {
                f.add(e, acc);
            }
            long perEvent = (threads.getCurrentThreadAllocatedBytes() - before) / RECORDS;

            assertThat(perEvent).as("%s: bytes per event", strategy).isZero();
        }
    }

    private static <OUT> long bytesPerRecord(ProcessFunction<ScoreEvent, OUT> function, ScoreEvent e)
            throws Exception {
        Collector<OUT> sink = new LastOutput<>();
        ProcessFunction<ScoreEvent, OUT>.Context context = new NoSideOutputs<>(function);
        for (int i = 0; i < WARM_UP; i++) {
            function.processElement(e, context, sink);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < RECORDS; i++) {
            function.processElement(e, context, sink);
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / RECORDS;
    }

    private static ScoreEvent event() {
        String[] classes = new String[K];
        double[] scores = new double[K];
        for (int i = 0; i < K; i++) {
            classes[i] = "class-" + i;
            scores[i] = Math.sin(i);
        }
        return ScoreEvent.of("k", 0, classes, scores);
    }

    /** Keeps the last output so it cannot be optimized away. */
    private static final class LastOutput<T> implements Collector<T> {
        private T last;

        @Override
        public void collect(T record) {
            last = record;
        }

        @Override
        public void close() {
            last = null;
        }
    }

    /** A context for valid records only: they use neither timers nor side outputs. */
    private static final class NoSideOutputs<OUT> extends ProcessFunction<ScoreEvent, OUT>.Context {
        NoSideOutputs(ProcessFunction<ScoreEvent, OUT> function) {
            function.super();
        }

        @Override
        public Long timestamp() {
            return null;
        }

        @Override
        public TimerService timerService() {
            throw new UnsupportedOperationException("no timers on this path");
        }

        @Override
        public <X> void output(OutputTag<X> outputTag, X value) {
            throw new AssertionError("unexpected side output " + value);
        }
    }
}
