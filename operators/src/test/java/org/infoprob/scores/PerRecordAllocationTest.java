package org.infoprob.scores;

import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.window.ScoreAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What operators/README.md promises: "Per record the map operators allocate only the output
 * event and its arrays; scratch buffers are reused", and the validation stage forwards a valid
 * event "same object, no allocation". Measured with the JVM's per-thread allocation counter over
 * {@value #RECORDS} records after a warm-up, for every option that adds an output array
 * (log-probabilities, top-k) and every map operator.
 *
 * <p>The bound is exact, not an estimate of object sizes: the documented output (a {@link
 * ProbabilityEvent} and exactly the arrays its javadoc lists, of their lengths) is allocated in
 * a loop of its own and measured with the same counter, so the JVM's real layout (compressed
 * references or not) is used. An operator may allocate no byte more per record; the smallest
 * object there is (16 bytes) above the bound fails the test.
 */
class PerRecordAllocationTest {

    private static final int K = 50;
    private static final int TOP_K = 5;
    /**
     * Enough for C2 to compile the hot path. The Vector API kernel (surefire execution
     * vector-kernel) needs it: until C2 compiles it, every vector is a heap object (~2 KB per
     * event here after 20,000 events; 0 after 300,000, ~1 s).
     */
    private static final int WARM_UP = 300_000;
    private static final int RECORDS = 100_000;

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
        assertOnlyTheOutput("softmax", SoftmaxFunction.builder().build(), event(), K, false, 0);
    }

    @Test
    void softmaxWithLogProbabilitiesAllocatesOnlyTheOutputPerRecord() throws Exception {
        assertOnlyTheOutput(
                "softmax, log-probabilities",
                SoftmaxFunction.builder().setLogProbabilities(true).build(), event(), K, true, 0);
    }

    @Test
    void softmaxWithTopKAndLogProbabilitiesAllocatesOnlyTheOutputPerRecord() throws Exception {
        assertOnlyTheOutput(
                "softmax, top-k",
                SoftmaxFunction.builder().setTopK(TOP_K).build(), event(), K, false, TOP_K);
        assertOnlyTheOutput(
                "softmax, top-k and log-probabilities",
                SoftmaxFunction.builder().setTopK(TOP_K).setLogProbabilities(true).setTemperature(0.5).build(),
                event(), K, true, TOP_K);
    }

    @Test
    void multiLabelSigmoidAllocatesOnlyTheOutputPerRecord() throws Exception {
        assertOnlyTheOutput("multi-label", MultiLabelSigmoidFunction.builder().build(), event(), K, false, 0);
        assertOnlyTheOutput(
                "multi-label, top-k and log-probabilities",
                MultiLabelSigmoidFunction.builder().setTopK(TOP_K).setLogProbabilities(true).build(),
                event(), K, true, TOP_K);
    }

    @Test
    void sigmoidAllocatesOnlyTheOutputPerRecord() throws Exception {
        BinaryScoreEvent e = BinaryScoreEvent.of("k", 0, 1.25);
        assertOnlyTheOutput("sigmoid", SigmoidFunction.builder().build(), e, 2, false, 0);
        assertOnlyTheOutput(
                "sigmoid, top-k and log-probabilities",
                SigmoidFunction.builder().setTopK(1).setLogProbabilities(true).build(), e, 2, true, 1);
    }

    @Test
    void validationForwardsAValidEventAsTheSameObjectWithoutAllocating() throws Exception {
        ScoreEvent e = event();
        ScoreValidationFunction validation = ScoreValidationFunction.builder().build();
        LastOutput<ScoreEvent> sink = new LastOutput<>();
        validation.processElement(e, new NoSideOutputs<>(validation), sink);
        assertThat(sink.last).as("forwarded record").isSameAs(e);

        long perRecord = bytesPerRecord(validation, e);

        assertThat(perRecord).as("validation stage: bytes per record").isZero();
    }

    @Test
    void windowAggregateAllocatesNothingPerEventOnceTheClassesAreKnown() {
        ScoreEvent e = event();
        for (CombineStrategy strategy : CombineStrategy.values()) {
            for (Normalization normalization : Normalization.values()) {
                ScoreAggregateFunction f =
                        ScoreAggregateFunction.builder().setStrategy(strategy).setNormalization(normalization).build();
                ScoreAccumulator acc = f.createAccumulator();
                long perEvent = bytesPerIteration(() -> f.add(e, acc));

                assertThat(perEvent).as("%s, %s: bytes per event", strategy, normalization).isZero();
            }
        }
    }

    /**
     * Asserts that {@code function} allocates per record no more than the documented output: a
     * {@link ProbabilityEvent} with {@code n} probabilities and class names, {@code n}
     * log-probabilities when {@code logs}, and {@code topK} names and probabilities.
     */
    private static <IN> void assertOnlyTheOutput(
            String what, ProcessFunction<IN, ProbabilityEvent> function, IN e, int n, boolean logs, int topK)
            throws Exception {
        ProbabilityEvent[] sink = new ProbabilityEvent[1];
        long output = bytesPerIteration(() -> {
            ProbabilityEvent out = new ProbabilityEvent();
            out.probabilities = new double[n];
            out.classes = new String[n];
            out.logProbabilities = logs ? new double[n] : null;
            if (topK > 0) {
                out.topK = new String[topK];
                out.topKProbabilities = new double[topK];
            }
            sink[0] = out;
        });
        // A sanity check of the measurement itself: at least the probability array's payload.
        assertThat(output).as("%s: measured size of the documented output", what).isGreaterThanOrEqualTo(8L * n);

        long perRecord = bytesPerRecord(function, e);

        assertThat(perRecord)
                .as("%s: bytes per record, the documented output alone being %s", what, output)
                .isLessThanOrEqualTo(output);
    }

    private static <IN, OUT> long bytesPerRecord(ProcessFunction<IN, OUT> function, IN e) throws Exception {
        Collector<OUT> sink = new LastOutput<>();
        ProcessFunction<IN, OUT>.Context context = new NoSideOutputs<>(function);
        return bytesPerIteration(() -> {
            try {
                function.processElement(e, context, sink);
            } catch (Exception failure) {
                throw new IllegalStateException(failure);
            }
        });
    }

    /** Bytes this thread allocates per run of {@code step}, over {@value #RECORDS} runs after a warm-up. */
    private static long bytesPerIteration(Runnable step) {
        for (int i = 0; i < WARM_UP; i++) {
            step.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < RECORDS; i++) {
            step.run();
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
    private static final class NoSideOutputs<IN, OUT> extends ProcessFunction<IN, OUT>.Context {
        NoSideOutputs(ProcessFunction<IN, OUT> function) {
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
