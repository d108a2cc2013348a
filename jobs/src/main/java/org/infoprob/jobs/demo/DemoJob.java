package org.infoprob.jobs.demo;

import org.infoprob.jobs.JobName;
import org.infoprob.jobs.JobParameters;
import org.infoprob.jobs.Pipeline;
import org.infoprob.jobs.SigmoidJob;
import org.infoprob.jobs.SoftmaxJob;
import org.infoprob.jobs.SurprisalJob;
import org.infoprob.jobs.WindowSoftmaxJob;
import org.infoprob.jobs.WindowSurprisalJob;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The pipelines the demo runs, side by side in one Flink job: the five sample jobs plus the
 * multi-label variant of the sigmoid job, each with its own topics, consumer group and
 * transactional id prefix. The window jobs use 5 s tumbling windows and 1 s of allowed
 * out-of-orderness, so that a one-minute demo shows a dozen windows.
 */
enum DemoJob {
    SOFTMAX("softmax", JobName.SOFTMAX, TrafficGenerator.SCORES, SoftmaxJob::buildPipeline),
    WINDOW_SOFTMAX(
            "window-softmax", JobName.WINDOW_SOFTMAX, TrafficGenerator.SCORES, WindowSoftmaxJob::buildPipeline,
            "--window-size", "5 s", "--out-of-orderness", "1 s"),
    SIGMOID("sigmoid", JobName.SIGMOID, TrafficGenerator.BINARY_SCORES, SigmoidJob::buildPipeline),
    MULTI_LABEL(
            "multi-label", JobName.SIGMOID, TrafficGenerator.LABEL_SCORES, SigmoidJob::buildPipeline,
            "--multi-label", "--output-topic", "label-probabilities"),
    SURPRISAL("surprisal", JobName.SURPRISAL, TrafficGenerator.CLASSES, SurprisalJob::buildPipeline),
    WINDOW_SURPRISAL(
            "window-surprisal", JobName.WINDOW_SURPRISAL, TrafficGenerator.CLASSES, WindowSurprisalJob::buildPipeline,
            "--window-size", "5 s", "--out-of-orderness", "1 s");

    /** The one dead-letter topic all pipelines write to. */
    static final String DEAD_LETTERS = "dead-letters";

    /** Flags of the demo that every job gets as they are (and every {@code --kafka.*}). */
    private static final List<String> PASSED_ON = List.of("delivery-guarantee", "properties-file");

    private final String label;
    private final JobName job;
    private final String inputTopic;
    private final BiFunction<DataStream<KafkaRecord>, JobParameters, ? extends Pipeline<?>> pipeline;
    private final String[] flags;

    DemoJob(
            String label,
            JobName job,
            String inputTopic,
            BiFunction<DataStream<KafkaRecord>, JobParameters, ? extends Pipeline<?>> pipeline,
            String... flags) {
        this.label = label;
        this.job = job;
        this.inputTopic = inputTopic;
        this.pipeline = pipeline;
        this.flags = flags;
    }

    /** The name in progress lines and in uids, e.g. {@code multi-label}. */
    String label() {
        return label;
    }

    String inputTopic() {
        return inputTopic;
    }

    String outputTopic() {
        for (int i = 0; i < flags.length - 1; i++) {
            if (flags[i].equals("--output-topic")) {
                return flags[i + 1];
            }
        }
        return job.defaultOutputTopic();
    }

    BiFunction<DataStream<KafkaRecord>, JobParameters, ? extends Pipeline<?>> pipeline() {
        return pipeline;
    }

    /** True for the jobs that write one record per valid input record. */
    boolean oneToOne() {
        return job != JobName.WINDOW_SOFTMAX && job != JobName.WINDOW_SURPRISAL;
    }

    /** The jobs that read {@code topic}. */
    static List<DemoJob> readers(String topic) {
        List<DemoJob> readers = new ArrayList<>();
        for (DemoJob j : values()) {
            if (j.inputTopic.equals(topic)) {
                readers.add(j);
            }
        }
        return readers;
    }

    /**
     * This job's parameters inside the demo.
     *
     * @param demo the demo's own parameters; {@code --kafka.*}, {@code --properties-file} and
     *     {@code --delivery-guarantee} are passed on
     * @param checkpointInterval the checkpoint interval, e.g. {@code "1 s"}
     * @param startingOffsets {@code earliest} on the demo's own broker, {@code committed} on an
     *     existing Kafka, so that a second run does not read the first run's records again
     */
    JobParameters parameters(JobParameters demo, String bootstrapServers, String checkpointInterval, String startingOffsets) {
        List<String> args = new ArrayList<>(Arrays.asList(
                "--bootstrap-servers", bootstrapServers,
                "--input-topic", inputTopic,
                "--dead-letter-topic", DEAD_LETTERS,
                "--group-id", "infoprob-demo-" + label,
                "--transactional-id-prefix", "infoprob-demo-" + label,
                "--starting-offsets", startingOffsets,
                "--checkpoint-interval", checkpointInterval));
        args.addAll(Arrays.asList(flags));
        for (Map.Entry<String, String> given : demo.given().entrySet()) {
            String name = given.getKey();
            if (name.startsWith("kafka.") || PASSED_ON.contains(name)) {
                args.add("--" + name);
                args.add(given.getValue());
            }
        }
        return JobParameters.parse(job, args.toArray(new String[0]));
    }
}
