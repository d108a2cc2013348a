package org.infoprob.jobs.demo;

import org.infoprob.jobs.JobName;
import org.infoprob.jobs.JobParameters;
import org.infoprob.jobs.JobRunner;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's Flink side without running it: one job graph of every pipeline, and the web UI port. */
class DemoFlinkTest {

    @Test
    void allPipelinesFitInOneJobGraphWithUniqueUids() {
        JobParameters demo = JobParameters.parse(JobName.DEMO, new String[] {"--kafka.client.id.prefix", "x"});
        Map<DemoJob, JobParameters> jobs = new EnumMap<>(DemoJob.class);
        for (DemoJob j : DemoJob.values()) {
            jobs.put(j, j.parameters(demo, "localhost:9092", "1 s", "earliest"));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        JobRunner.configure(env, jobs.get(DemoJob.SOFTMAX));

        DemoFlink.addAll(env, jobs);
        List<String> uids = new ArrayList<>();
        for (Transformation<?> t : DemoFlink.reachable(env)) {
            if (t.getUid() != null) {
                uids.add(t.getUid());
            }
        }
        // Without the prefixes both score pipelines would use "decode-scores", which Flink
        // rejects as a hash collision when it builds the job graph.
        JobGraph graph = env.getStreamGraph().getJobGraph();

        assertThat(uids).as("uids").doesNotHaveDuplicates()
                .contains("softmax/decode-scores", "window-softmax/decode-scores", "multi-label/multi-label-sigmoid",
                        "surprisal/information", "window-surprisal/event-time");
        assertThat(uids.stream().map(u -> u.substring(0, u.indexOf('/'))).collect(Collectors.toSet()))
                .as("uid prefixes").containsExactlyInAnyOrder("softmax", "window-softmax", "sigmoid", "multi-label", "surprisal", "window-surprisal");
        assertThat(graph.getNumberOfVertices()).as("vertices of the one job graph").isGreaterThanOrEqualTo(DemoJob.values().length);
    }

    @Test
    void jobParametersGiveEachPipelineItsOwnTopicsGroupAndTransactions() {
        JobParameters demo = JobParameters.parse(
                JobName.DEMO, new String[] {"--kafka.security.protocol", "PLAINTEXT", "--delivery-guarantee", "at-least-once", "--rate", "10"});

        JobParameters multiLabel = DemoJob.MULTI_LABEL.parameters(demo, "broker:9092", "2 s", "committed");

        assertThat(multiLabel.multiLabel()).as("multi-label").isTrue();
        assertThat(multiLabel.inputTopic()).as("input topic").isEqualTo("label-scores");
        assertThat(multiLabel.outputTopic()).as("output topic").isEqualTo("label-probabilities");
        assertThat(multiLabel.deadLetterTopic()).as("dead-letter topic").isEqualTo("dead-letters");
        assertThat(multiLabel.groupId()).as("group id").isEqualTo("infoprob-demo-multi-label");
        assertThat(multiLabel.transactionalIdPrefix()).as("transactional id prefix").isEqualTo("infoprob-demo-multi-label");
        assertThat(multiLabel.startingOffsets()).as("starting offsets").isEqualTo("committed");
        assertThat(multiLabel.checkpointInterval().toMillis()).as("checkpoint interval").isEqualTo(2000);
        assertThat(multiLabel.exactlyOnce()).as("--delivery-guarantee passed on").isFalse();
        assertThat(multiLabel.kafkaProperties().getProperty("security.protocol")).as("--kafka.* passed on").isEqualTo("PLAINTEXT");
        assertThat(DemoJob.WINDOW_SURPRISAL.parameters(demo, "broker:9092", "2 s", "earliest").windowSize().toSeconds())
                .as("window size of the demo's window pipelines").isEqualTo(5);
        assertThat(DemoJob.readers("scores")).as("pipelines reading scores").containsExactly(DemoJob.SOFTMAX, DemoJob.WINDOW_SOFTMAX);
    }

    @Test
    void aTakenPortIsSkippedForTheWebUi() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            int chosen = DemoFlink.freePort(port);

            assertThat(chosen).as("port chosen when %d is taken", port).isNotEqualTo(port).isBetween(port + 1, port + DemoFlink.PORTS_TRIED - 1);
        }
    }
}
