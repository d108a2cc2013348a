package org.infoprob.jobs.demo;

import org.infoprob.jobs.InfoprobJobs;
import org.infoprob.jobs.JobRunner;
import org.infoprob.jobs.KafkaJob;
import org.infoprob.jobs.SigmoidJob;
import org.infoprob.jobs.WindowSurprisalJob;
import org.infoprob.jobs.options.ClientOptions;
import org.infoprob.jobs.options.Guarantee;
import org.infoprob.jobs.options.RuntimeOptions;
import org.infoprob.jobs.options.StartingOffsets;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
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
        DemoCommand demo = (DemoCommand) InfoprobJobs.parse("demo", "--kafka.client.id.prefix", "x");
        Map<DemoJob, KafkaJob> jobs = new EnumMap<>(DemoJob.class);
        for (DemoJob j : DemoJob.values()) {
            jobs.put(j, j.job(demo.client(), demo.runtime(), StartingOffsets.EARLIEST));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        JobRunner.configure(env, demo.runtime());

        DemoFlink.addAll(env, jobs);
        List<String> uids = new ArrayList<>();
        for (Transformation<?> t : JobRunner.reachable(env)) {
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
    void eachPipelineGetsItsOwnTopicsGroupAndTransactionsAndTheDemosConnection() {
        DemoCommand demo = (DemoCommand) InfoprobJobs.parse(
                "demo", "--kafka.security.protocol", "PLAINTEXT", "--delivery-guarantee", "at-least-once", "--rate", "10");
        ClientOptions client = ClientOptions.of("broker:9092", demo.client().properties());
        RuntimeOptions runtime = RuntimeOptions.of(2, Duration.ofSeconds(2), demo.runtime().guarantee());

        SigmoidJob multiLabel = (SigmoidJob) DemoJob.MULTI_LABEL.job(client, runtime, StartingOffsets.COMMITTED);

        assertThat(multiLabel.multiLabel()).as("multi-label").isTrue();
        assertThat(multiLabel.kafka().client().bootstrapServers()).as("bootstrap servers").isEqualTo("broker:9092");
        assertThat(multiLabel.kafka().inputTopic()).as("input topic").isEqualTo("label-scores");
        assertThat(multiLabel.kafka().outputTopic()).as("output topic").isEqualTo("label-probabilities");
        assertThat(multiLabel.kafka().deadLetterTopic()).as("dead-letter topic").isEqualTo("dead-letters");
        assertThat(multiLabel.kafka().groupId()).as("group id").isEqualTo("infoprob-demo-multi-label");
        assertThat(multiLabel.kafka().transactionalIdPrefix()).as("transactional id prefix").isEqualTo("infoprob-demo-multi-label");
        assertThat(multiLabel.kafka().startingOffsets()).as("starting offsets").isEqualTo(StartingOffsets.COMMITTED);
        assertThat(multiLabel.kafka().runtime().checkpointInterval()).as("checkpoint interval").isEqualTo(Duration.ofSeconds(2));
        assertThat(multiLabel.kafka().runtime().guarantee()).as("--delivery-guarantee passed on").isEqualTo(Guarantee.AT_LEAST_ONCE);
        assertThat(multiLabel.kafka().client().properties().getProperty("security.protocol"))
                .as("--kafka.* passed on").isEqualTo("PLAINTEXT");
        WindowSurprisalJob windows = (WindowSurprisalJob) DemoJob.WINDOW_SURPRISAL.job(client, runtime, StartingOffsets.EARLIEST);
        assertThat(windows.window().size()).as("window size of the demo's window pipelines").isEqualTo(Duration.ofSeconds(5));
        assertThat(windows.window().kind()).as("window kind").isEqualTo("tumbling");
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
