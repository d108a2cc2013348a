package org.infoprob.jobs.demo;

import org.infoprob.jobs.KafkaJob;
import org.infoprob.jobs.SigmoidJob;
import org.infoprob.jobs.SoftmaxJob;
import org.infoprob.jobs.SurprisalJob;
import org.infoprob.jobs.WindowSoftmaxJob;
import org.infoprob.jobs.WindowSurprisalJob;
import org.infoprob.jobs.options.Cli;
import org.infoprob.jobs.options.ClientOptions;
import org.infoprob.jobs.options.RuntimeOptions;
import org.infoprob.jobs.options.StartingOffsets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The pipelines the demo runs, side by side in one Flink job: the five sample jobs plus the
 * multi-label variant of the sigmoid job, each with its own topics, consumer group and
 * transactional id prefix. The window jobs use 5 s tumbling windows and 1 s of allowed
 * out-of-orderness, so that a one-minute demo shows a dozen windows. Each pipeline is the job's
 * own options object, at its defaults but for what is set here in code.
 */
enum DemoJob {
    SOFTMAX("softmax", TrafficGenerator.SCORES, "probabilities", false, () -> Cli.withDefaults(new SoftmaxJob())),
    WINDOW_SOFTMAX("window-softmax", TrafficGenerator.SCORES, "window-probabilities", true, DemoJob::windowSoftmax),
    SIGMOID("sigmoid", TrafficGenerator.BINARY_SCORES, "binary-probabilities", false, () -> Cli.withDefaults(new SigmoidJob())),
    MULTI_LABEL("multi-label", TrafficGenerator.LABEL_SCORES, "label-probabilities", false,
            () -> Cli.withDefaults(new SigmoidJob()).setMultiLabel(true)),
    SURPRISAL("surprisal", TrafficGenerator.CLASSES, "rarity", false, () -> Cli.withDefaults(new SurprisalJob())),
    WINDOW_SURPRISAL("window-surprisal", TrafficGenerator.CLASSES, "window-rarity", true, DemoJob::windowSurprisal);

    /** The one dead-letter topic all pipelines write to. */
    static final String DEAD_LETTERS = "dead-letters";

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(1);

    private final String label;
    private final String inputTopic;
    private final String outputTopic;
    private final boolean windowed;
    private final Supplier<KafkaJob> job;

    DemoJob(String label, String inputTopic, String outputTopic, boolean windowed, Supplier<KafkaJob> job) {
        this.label = label;
        this.inputTopic = inputTopic;
        this.outputTopic = outputTopic;
        this.windowed = windowed;
        this.job = job;
    }

    /** The name in progress lines and in uids, e.g. {@code multi-label}. */
    String label() {
        return label;
    }

    String inputTopic() {
        return inputTopic;
    }

    String outputTopic() {
        return outputTopic;
    }

    /** True for the jobs that write one record per valid input record. */
    boolean oneToOne() {
        return !windowed;
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
     * This pipeline's job inside the demo.
     *
     * @param client the demo's Kafka and client properties
     * @param runtime the demo's checkpoint interval and delivery guarantee
     * @param startingOffsets {@code earliest} on the demo's own broker, {@code committed} on an
     *     existing Kafka, so that a second run does not read the first run's records again
     */
    KafkaJob job(ClientOptions client, RuntimeOptions runtime, StartingOffsets startingOffsets) {
        KafkaJob j = job.get();
        String id = "infoprob-demo-" + label;
        j.kafka().setConnection(client, runtime).setTopics(inputTopic, outputTopic, DEAD_LETTERS).setIdentity(id, id, startingOffsets);
        return j;
    }

    private static KafkaJob windowSoftmax() {
        WindowSoftmaxJob j = Cli.withDefaults(new WindowSoftmaxJob());
        j.window().setSize(WINDOW);
        j.eventTime().setOutOfOrderness(OUT_OF_ORDERNESS);
        return j;
    }

    private static KafkaJob windowSurprisal() {
        WindowSurprisalJob j = Cli.withDefaults(new WindowSurprisalJob());
        j.window().setSize(WINDOW);
        j.eventTime().setOutOfOrderness(OUT_OF_ORDERNESS);
        return j;
    }
}
