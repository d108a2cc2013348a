package org.infoprob.testing;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An identity map that makes a job fail exactly once, mid-stream, after a checkpoint has
 * completed, so that recovery really restores from that checkpoint. Put it in front of the
 * operators under test; afterwards ask it whether it failed and which checkpoint the job
 * restored from.
 *
 * <pre>{@code
 * FailOnceAfterCheckpoint<String> failure = FailOnceAfterCheckpoint.after(100);
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "in").map(failure) ...;
 * env.execute();
 * assertThat(failure.failed()).isTrue();
 * assertThat(failure.restoredCheckpointId()).isPresent();
 * }</pre>
 *
 * <p>How: in its first attempt each subtask sleeps {@link #THROTTLE_MILLIS} per record, so a
 * small bounded input is not consumed before the first checkpoint. Once a checkpoint has
 * completed on a subtask (and its sink transactions are committed), that subtask passes {@code
 * recordsAfterCheckpoint} more records, still throttled so they reach the sink and the broker,
 * then throws. Only the first subtask to get there throws; the throttle ends for every subtask
 * once the failure has happened.
 *
 * <p>The outcome is shared through a static registry keyed by a unique id, which works because
 * a MiniCluster runs the tasks in the test's JVM with the test's class loader. The function
 * keeps its per-subtask record count in operator state, so the restored attempt really reads
 * the checkpoint.
 */
public final class FailOnceAfterCheckpoint<T> extends RichMapFunction<T, T>
        implements CheckpointListener, CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    /** Per-record sleep in the first attempt, until the failure. */
    public static final long THROTTLE_MILLIS = 2;

    private static final ConcurrentHashMap<String, Outcome> OUTCOMES = new ConcurrentHashMap<>();

    private final String id;
    private final int recordsAfterCheckpoint;

    private transient ListState<Long> seenState;
    private transient long seen;
    private transient long completedCheckpoint;
    private transient long seenSinceCheckpoint;

    private FailOnceAfterCheckpoint(String id, int recordsAfterCheckpoint) {
        this.id = id;
        this.recordsAfterCheckpoint = recordsAfterCheckpoint;
    }

    /**
     * A map that fails once, {@code recordsAfterCheckpoint} records after the first completed
     * checkpoint of one of its subtasks.
     *
     * @throws IllegalArgumentException if {@code recordsAfterCheckpoint < 1}
     */
    public static <T> FailOnceAfterCheckpoint<T> after(int recordsAfterCheckpoint) {
        if (recordsAfterCheckpoint < 1) {
            throw new IllegalArgumentException(
                    "recordsAfterCheckpoint must be >= 1, was " + recordsAfterCheckpoint);
        }
        String id = UUID.randomUUID().toString();
        OUTCOMES.put(id, new Outcome());
        return new FailOnceAfterCheckpoint<>(id, recordsAfterCheckpoint);
    }

    /** Whether the injected failure has happened. */
    public boolean failed() {
        return outcome().failed.get();
    }

    /** The checkpoint that had completed on the failing subtask when it threw. */
    public OptionalLong failedAfterCheckpoint() {
        long checkpoint = outcome().failedAfterCheckpoint;
        return checkpoint < 0 ? OptionalLong.empty() : OptionalLong.of(checkpoint);
    }

    /** The checkpoint a restarted subtask restored from; empty if none was restored. */
    public OptionalLong restoredCheckpointId() {
        long checkpoint = outcome().restoredCheckpoint;
        return checkpoint < 0 ? OptionalLong.empty() : OptionalLong.of(checkpoint);
    }

    private Outcome outcome() {
        return OUTCOMES.get(id);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        seenState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("seen", Types.LONG));
        seen = 0;
        for (Long n : seenState.get()) {
            seen += n;
        }
        completedCheckpoint = -1;
        if (context.isRestored()) {
            outcome().restoredCheckpoint = context.getRestoredCheckpointId().orElse(-1);
        }
    }

    @Override
    public T map(T value) throws Exception {
        seen++;
        Outcome outcome = outcome();
        if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0 || outcome.failed.get()) {
            return value;
        }
        Thread.sleep(THROTTLE_MILLIS);
        if (completedCheckpoint >= 0
                && ++seenSinceCheckpoint >= recordsAfterCheckpoint
                && outcome.failed.compareAndSet(false, true)) {
            outcome.failedAfterCheckpoint = completedCheckpoint;
            throw new IllegalStateException(
                    "Injected failure after checkpoint "
                            + completedCheckpoint
                            + " and "
                            + seenSinceCheckpoint
                            + " more records (FailOnceAfterCheckpoint, expected by the test)");
        }
        return value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        seenState.update(List.of(seen));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (completedCheckpoint < 0) {
            completedCheckpoint = checkpointId;
        }
    }

    private static final class Outcome {
        final AtomicBoolean failed = new AtomicBoolean();
        volatile long failedAfterCheckpoint = -1;
        volatile long restoredCheckpoint = -1;
    }
}
