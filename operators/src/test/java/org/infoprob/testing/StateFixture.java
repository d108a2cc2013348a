package org.infoprob.testing;

import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.infoprob.information.InformationFunction;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.DeadLetter;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;

/**
 * One committed operator state: an operator in Flink's keyed test harness and a fixed script of
 * inputs, split into the part before the snapshot (the prefix) and the part after it (the
 * continuation). {@link #write} runs the prefix and stores a canonical savepoint of the
 * operator with Flink's {@link OperatorSnapshotUtil}; {@link #restoredRun} restores the
 * committed file into a new operator and runs the continuation; {@link #uninterruptedRun} runs
 * prefix and continuation in one operator, without any snapshot. A release still reads the
 * state and continues identically when both give the same outputs.
 *
 * <pre>{@code
 * StateFixture.Outputs<RarityEvent> restored = StateFixtures.INFORMATION_DEFAULT.restoredRun();
 * }</pre>
 *
 * <p>Outputs are put in a fixed order (the fixture's {@code order}; distributions by time, then
 * key), because timers of different keys with the same time may fire in another order after a
 * restore. The script must not make the operators reject anything: an {@link DeadLetter}
 * side output fails the run.
 */
// close() of Flink's test harnesses declares InterruptedException; callers let it propagate.
@SuppressWarnings("try")
public final class StateFixture<IN, OUT> {

    /** Builds a new operator in its harness, neither set up nor opened. */
    @FunctionalInterface
    public interface HarnessFactory<IN, OUT> {
        KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> create() throws Exception;
    }

    /** One input of a script: an element, a watermark, or a move of the state-TTL clock. */
    @FunctionalInterface
    public interface Step<IN, OUT> {
        void applyTo(KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> harness) throws Exception;
    }

    /** What the continuation produced: the main output and the distributions side output. */
    public record Outputs<OUT>(List<OUT> main, List<ClassDistribution> distributions) {}

    /**
     * Heap fixtures are canonical savepoints, what {@code flink savepoint} writes by default.
     * The RocksDB fixture is a native savepoint (RocksDB's own files): a canonical one from
     * RocksDB holds the same bytes as the heap one.
     */
    private static final SavepointType CANONICAL_SAVEPOINT =
            SavepointType.savepoint(SavepointFormatType.CANONICAL);

    private static final SavepointType NATIVE_SAVEPOINT =
            SavepointType.savepoint(SavepointFormatType.NATIVE);

    private final String file;
    private final HarnessFactory<IN, OUT> factory;
    private final boolean rocksDb;
    private final List<Step<IN, OUT>> prefix;
    private final List<Step<IN, OUT>> continuation;
    private final Comparator<OUT> order;

    /**
     * @param file the file name under the release's state directory
     * @param rocksDb true for the embedded RocksDB state backend, false for the heap backend
     * @param order the order of the main output, null to keep the order of emission
     */
    StateFixture(
            String file,
            HarnessFactory<IN, OUT> factory,
            boolean rocksDb,
            List<Step<IN, OUT>> prefix,
            List<Step<IN, OUT>> continuation,
            Comparator<OUT> order) {
        this.file = file;
        this.factory = factory;
        this.rocksDb = rocksDb;
        this.prefix = List.copyOf(prefix);
        this.continuation = List.copyOf(continuation);
        this.order = order;
    }

    /** An element with its record timestamp. */
    public static <IN, OUT> Step<IN, OUT> element(IN element, long timestamp) {
        return h -> h.processElement(new StreamRecord<>(element, timestamp));
    }

    /** A watermark. */
    public static <IN, OUT> Step<IN, OUT> watermark(long watermark) {
        return h -> h.processWatermark(watermark);
    }

    /** Sets the processing time that state TTL sees from now on. */
    public static <IN, OUT> Step<IN, OUT> ttlTime(long time) {
        return h -> h.setStateTtlProcessingTime(time);
    }

    /** The file name, e.g. {@code information-default-heap.snapshot}. */
    public String file() {
        return file;
    }

    /** The path of the committed file on the test class path. */
    public String resource() {
        return StateFixtures.RESOURCE_DIRECTORY + "/" + file;
    }

    /** Runs the prefix in a new operator and writes its savepoint to {@code directory/file}. */
    public void write(Path directory) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> h = harness(rocksDb)) {
            h.open();
            run(h, prefix);
            OperatorSubtaskState state =
                    h.snapshotWithLocalState(1L, 1L, rocksDb ? NATIVE_SAVEPOINT : CANONICAL_SAVEPOINT)
                            .getJobManagerOwnedState();
            OperatorSnapshotUtil.writeStateHandle(state, directory.resolve(file).toString());
        }
    }

    /** Restores the committed file into a new operator and runs the continuation. */
    public Outputs<OUT> restoredRun() throws Exception {
        return restoredRun(rocksDb);
    }

    /**
     * Restores the committed file (a canonical savepoint of the heap backend) into a new
     * operator on the RocksDB backend, as after a change of backend, and runs the continuation.
     * RocksDB keeps the restored values as bytes and deserializes each when it is read, with
     * the current serializer; the heap backend deserializes everything at restore.
     */
    public Outputs<OUT> restoredRunOnRocksDb() throws Exception {
        return restoredRun(true);
    }

    private Outputs<OUT> restoredRun(boolean onRocksDb) throws Exception {
        OperatorSubtaskState state = read(resourcePath());
        try (KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> h = harness(onRocksDb)) {
            h.initializeState(state);
            h.open();
            run(h, continuation);
            return outputs(h);
        }
    }

    /** Runs prefix and continuation in one operator, no snapshot: the continuation's outputs. */
    public Outputs<OUT> uninterruptedRun() throws Exception {
        return uninterruptedRun(rocksDb);
    }

    /** {@link #uninterruptedRun()} on the RocksDB backend. */
    public Outputs<OUT> uninterruptedRunOnRocksDb() throws Exception {
        return uninterruptedRun(true);
    }

    private Outputs<OUT> uninterruptedRun(boolean onRocksDb) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> h = harness(onRocksDb)) {
            h.open();
            run(h, prefix);
            h.getOutput().clear();
            Queue<?> distributions = h.getSideOutput(InformationFunction.DISTRIBUTIONS);
            if (distributions != null) {
                distributions.clear();
            }
            run(h, continuation);
            return outputs(h);
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> harness(boolean onRocksDb) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> h = factory.create();
        if (onRocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        return h;
    }

    private void run(KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> h, List<Step<IN, OUT>> steps)
            throws Exception {
        for (Step<IN, OUT> step : steps) {
            step.applyTo(h);
        }
        Queue<StreamRecord<DeadLetter>> rejected = h.getSideOutput(DeadLetter.TAG);
        if (rejected != null && !rejected.isEmpty()) {
            throw new IllegalStateException(file + ": the script made the operator reject " + rejected);
        }
    }

    private Outputs<OUT> outputs(KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> h) {
        List<OUT> main = new ArrayList<>(h.extractOutputValues());
        if (order != null) {
            main.sort(order);
        }
        List<ClassDistribution> distributions = new ArrayList<>();
        Queue<StreamRecord<ClassDistribution>> side = h.getSideOutput(InformationFunction.DISTRIBUTIONS);
        if (side != null) {
            side.forEach(r -> distributions.add(r.getValue()));
        }
        distributions.sort(
                Comparator.comparing((ClassDistribution d) -> d.ts).thenComparing(d -> d.key));
        return new Outputs<>(main, distributions);
    }

    /** The committed file on the test class path (OperatorSnapshotUtil's lookup keeps %20 in paths). */
    private String resourcePath() throws IOException {
        URL url = StateFixture.class.getClassLoader().getResource(resource());
        if (url == null) {
            throw new IOException("No " + resource() + " on the class path: write it with StateFixtures");
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IOException("Cannot read " + url, e);
        }
    }

    private static OperatorSubtaskState read(String path) throws IOException {
        try {
            return OperatorSnapshotUtil.readStateHandle(path);
        } catch (ClassNotFoundException e) {
            throw new IOException("Cannot read the state handles in " + path, e);
        }
    }
}
