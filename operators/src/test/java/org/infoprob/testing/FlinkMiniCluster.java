package org.infoprob.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The Flink MiniCluster every ITCase of both modules uses (the jobs module gets it from this
 * module's test jar): one task manager with {@link #PARALLELISM} slots, started once per test
 * class.
 *
 * <pre>{@code
 * @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
 *
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
 * }</pre>
 *
 * <p>While the extension runs, {@code StreamExecutionEnvironment.getExecutionEnvironment()}
 * returns an environment that submits to this MiniCluster with parallelism {@link #PARALLELISM}.
 * Tasks run in the test JVM, so a job may share static state with the test.
 */
public final class FlinkMiniCluster {

    /** Slots of the MiniCluster and default parallelism of its jobs. */
    public static final int PARALLELISM = 2;

    private FlinkMiniCluster() {}

    /** A new extension; register it in a static field. */
    public static MiniClusterExtension extension() {
        return extension(new Configuration());
    }

    /** A new extension whose metrics all go to {@code reporter}, for tests that read them. */
    public static MiniClusterExtension extension(InMemoryReporter reporter) {
        return extension(reporter.addToConfiguration(new Configuration()));
    }

    private static MiniClusterExtension extension(Configuration configuration) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(PARALLELISM)
                        .setConfiguration(configuration)
                        .build());
    }
}
