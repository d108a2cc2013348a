package org.infoprob.jobs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The jobs of {@code infoprob-jobs.jar}, by their command-line name. */
public enum JobName {
    SOFTMAX("scores", "probabilities", "Score records -> softmax class probabilities (top class, top-k, entropy, margin)."),
    SIGMOID("binary-scores", "binary-probabilities", "Binary score records -> sigmoid probability; --multi-label: named classes, one sigmoid each."),
    SURPRISAL("classes", "rarity", "Class events -> per-key running frequencies -> surprisal, score against the most frequent class, rarity probability."),
    WINDOW_SOFTMAX("scores", "window-probabilities", "Score records combined per key and event-time window -> one distribution per window."),
    WINDOW_SURPRISAL("classes", "window-rarity", "Class events counted per key and event-time window -> surprisal and rarity of every class in the window."),
    DEMO(null, null, "Embedded Kafka broker + local Flink with web UI, generated traffic, all jobs, live progress, a chart at the end.");

    /** The jobs that read from and write to Kafka topics. */
    static final Set<JobName> KAFKA_JOBS = EnumSet.range(SOFTMAX, WINDOW_SURPRISAL);

    private final String inputTopic;
    private final String outputTopic;
    private final String description;

    JobName(String inputTopic, String outputTopic, String description) {
        this.inputTopic = inputTopic;
        this.outputTopic = outputTopic;
        this.description = description;
    }

    /** The name on the command line, e.g. {@code window-softmax}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    public String defaultInputTopic() {
        return inputTopic;
    }

    public String defaultOutputTopic() {
        return outputTopic;
    }

    /** The job called {@code name} on the command line, or null. */
    public static JobName fromCli(String name) {
        for (JobName j : values()) {
            if (j.cliName().equals(name)) {
                return j;
            }
        }
        return null;
    }
}
