package org.infoprob.jobs.demo;

import org.infoprob.jobs.JobRunner;
import org.infoprob.jobs.KafkaJob;
import org.infoprob.jobs.kafka.SinkLimits;
import org.infoprob.jobs.options.RuntimeOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's Flink side: a local environment, with the web UI when a port is free, running
 * every {@link DemoJob} in one job graph.
 *
 * <p>The sample jobs name their operators' uids without a job prefix ({@code decode-scores},
 * {@code event-time}, …), so that each job's savepoints stay compatible on its own. Side by side
 * in one graph those uids would collide, so the demo prefixes every uid and name of a pipeline
 * with its label ({@code window-softmax/decode-scores}, {@link JobRunner#addAll}).
 */
final class DemoFlink {

    /** Ports tried for the web UI: the one asked for and the next ones. */
    static final int PORTS_TRIED = 10;

    private DemoFlink() {}

    /**
     * The first free port on localhost of {@code wanted, wanted + 1, …} ({@value #PORTS_TRIED}
     * tried), or -1 if all are taken. Another process may take it before Flink binds it; {@link
     * #start} then runs without the web UI.
     */
    static int freePort(int wanted) {
        for (int port = wanted; port < wanted + PORTS_TRIED && port <= 65535; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        return -1;
    }

    /**
     * Builds the graph of all {@code jobs} and starts it.
     *
     * @param webUiPort the web UI's port on localhost, or 0 for none
     * @param parallelism the parallelism of every operator
     * @param runtime checkpointing and guarantee, the same for every pipeline
     */
    static JobClient start(Map<DemoJob, KafkaJob> jobs, RuntimeOptions runtime, int webUiPort, int parallelism)
            throws Exception {
        StreamExecutionEnvironment env = environment(webUiPort, parallelism);
        JobRunner.configure(env, runtime);
        env.setParallelism(parallelism);
        addAll(env, jobs);
        return env.executeAsync("infoprob demo: " + jobs.size() + " pipelines");
    }

    /** Adds every job's source, pipeline and sinks to {@code env}, uids and names prefixed with the job's label. */
    static void addAll(StreamExecutionEnvironment env, Map<DemoJob, KafkaJob> jobs) {
        Map<String, KafkaJob> labelled = new LinkedHashMap<>();
        jobs.forEach((demoJob, job) -> labelled.put(demoJob.label(), job));
        JobRunner.addAll(env, labelled, job -> SinkLimits.of(job.kafka()));
    }

    private static StreamExecutionEnvironment environment(int webUiPort, int parallelism) {
        Configuration conf = new Configuration();
        if (webUiPort > 0) {
            conf.set(RestOptions.PORT, webUiPort);
            conf.set(RestOptions.BIND_ADDRESS, "localhost");
            conf.set(RestOptions.ADDRESS, "localhost");
            return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        }
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }
}
