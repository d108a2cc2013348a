package org.infoprob.testing;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The Flink MiniCluster every ITCase uses: one task manager with {@link #PARALLELISM} slots,
 * started once per test class.
 *
 * <pre>{@code
 * @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
 *
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
 * }</pre>
 *
 * <p>While the extension runs, {@code StreamExecutionEnvironment.getExecutionEnvironment()}
 * returns an environment that submits to this MiniCluster with parallelism {@link #PARALLELISM}.
 * Tasks run in the test JVM, so a job may share static state with the test (see {@link
 * FailOnceAfterCheckpoint}).
 */
public final class FlinkMiniCluster {

    /** Slots of the MiniCluster and default parallelism of its jobs. */
    public static final int PARALLELISM = 2;

    private FlinkMiniCluster() {}

    /** A new extension; register it in a static field. */
    public static MiniClusterExtension extension() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(PARALLELISM)
                        .build());
    }
}
