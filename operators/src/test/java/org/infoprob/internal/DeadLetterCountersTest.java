package org.infoprob.internal;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** One total counter and one counter per reason in the key-value group {@code reason}, created on first use. */
class DeadLetterCountersTest {

    @Test
    void countsTheTotalAndEachReasonApart() {
        Map<String, Counter> registered = new TreeMap<>();
        DeadLetterCounters counters = new DeadLetterCounters(new Recording(registered, ""));
        counters.count(Reason.TOMBSTONE);
        counters.count(Reason.INVALID_JSON);
        counters.count(Reason.TOMBSTONE);
        assertThat(counters.total()).isEqualTo(3);
        assertThat(registered.keySet())
                .as("only the reasons that happened get a counter")
                .containsExactly("deadLetters", "reason.INVALID_JSON.deadLetters", "reason.TOMBSTONE.deadLetters");
        assertThat(registered.get("deadLetters").getCount()).isEqualTo(3);
        assertThat(registered.get("reason.TOMBSTONE.deadLetters").getCount()).isEqualTo(2);
        assertThat(registered.get("reason.INVALID_JSON.deadLetters").getCount()).isEqualTo(1);
    }

    /** A metric group that remembers its counters by dotted name. */
    private static final class Recording extends UnregisteredMetricsGroup {
        private final Map<String, Counter> counters;
        private final String prefix;

        Recording(Map<String, Counter> counters, String prefix) {
            this.counters = counters;
            this.prefix = prefix;
        }

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(prefix + name, k -> new SimpleCounter());
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new Recording(counters, prefix + key + "." + value + ".");
        }
    }
}
