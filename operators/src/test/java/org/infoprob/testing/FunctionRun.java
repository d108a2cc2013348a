package org.infoprob.testing;

import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.infoprob.model.DeadLetter;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * Runs a {@link ProcessFunction} in Flink's {@link OneInputStreamOperatorTestHarness} (a real
 * {@link ProcessOperator}, opened with a runtime context and metric group) over some inputs,
 * and keeps what came out: main output, the {@link DeadLetter#TAG} side output, and the
 * operator's metrics.
 */
// close() of Flink's test harnesses, environments and collect iterators declares InterruptedException; tests let it propagate.
@SuppressWarnings("try")
public final class FunctionRun<OUT> {

    public final List<OUT> outputs;
    public final List<DeadLetter> rejected;
    public final CapturedMetrics metrics;

    private FunctionRun(List<OUT> outputs, List<DeadLetter> rejected, CapturedMetrics metrics) {
        this.outputs = outputs;
        this.rejected = rejected;
        this.metrics = metrics;
    }

    /** Feeds {@code inputs} in order, with timestamps 0, 1, 2, ... */
    @SafeVarargs
    public static <IN, OUT> FunctionRun<OUT> of(ProcessFunction<IN, OUT> function, IN... inputs)
            throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        try (MockEnvironment environment = metrics.environment();
                OneInputStreamOperatorTestHarness<IN, OUT> harness =
                        new OneInputStreamOperatorTestHarness<>(
                                new ProcessOperator<>(function), environment)) {
            harness.open();
            long timestamp = 0;
            for (IN input : inputs) {
                harness.processElement(input, timestamp++);
            }
            return new FunctionRun<>(harness.extractOutputValues(), sideOutput(harness), metrics);
        }
    }

    /** The records sent to {@link DeadLetter#TAG}, in order (empty when there were none). */
    public static List<DeadLetter> sideOutput(OneInputStreamOperatorTestHarness<?, ?> harness) {
        Queue<StreamRecord<DeadLetter>> records = harness.getSideOutput(DeadLetter.TAG);
        List<DeadLetter> values = new ArrayList<>();
        if (records != null) {
            records.forEach(r -> values.add(r.getValue()));
        }
        return values;
    }
}
