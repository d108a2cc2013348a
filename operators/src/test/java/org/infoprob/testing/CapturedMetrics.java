package org.infoprob.testing;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MockEnvironment} whose operator metric group remembers every metric registered on
 * it, including those in sub-groups, by dotted name ({@code "deadLetters"}, {@code
 * "reason.NON_FINITE_SCORE.deadLetters"} for the key-value group {@code reason}), so harness
 * tests can read the counters an operator increments.
 */
public final class CapturedMetrics {

    private final Map<String, Metric> metrics = new ConcurrentHashMap<>();

    /** An environment for one operator test harness; close it after the harness. */
    public MockEnvironment environment() {
        InternalOperatorMetricGroup operatorGroup = new OperatorGroup();
        return new MockEnvironmentBuilder()
                .setMetricGroup(
                        new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                            @Override
                            public InternalOperatorMetricGroup getOrAddOperator(
                                    OperatorID id, String name, Map<String, String> variables) {
                                return operatorGroup;
                            }
                        })
                .build();
    }

    /** The count of the counter registered under {@code name}, or 0 if none was. */
    public long count(String name) {
        Metric metric = metrics.get(name);
        return metric == null ? 0 : ((Counter) metric).getCount();
    }

    private final class OperatorGroup extends InterceptingOperatorMetricGroup {
        @Override
        protected void addMetric(String name, Metric metric) {
            metrics.put(name, metric);
        }

        @Override
        public MetricGroup addGroup(String name) {
            return new SubGroup(name);
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new SubGroup(key + "." + value);
        }
    }

    private final class SubGroup extends UnregisteredMetricsGroup {
        private final String prefix;

        SubGroup(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new SimpleCounter());
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            metrics.put(prefix + "." + name, counter);
            return counter;
        }

        @Override
        public MetricGroup addGroup(String name) {
            return new SubGroup(prefix + "." + name);
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new SubGroup(prefix + "." + key + "." + value);
        }
    }
}
