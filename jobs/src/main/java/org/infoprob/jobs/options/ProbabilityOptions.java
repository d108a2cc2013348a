package org.infoprob.jobs.options;

import org.infoprob.scores.ProbabilityOutputBuilder;
import org.infoprob.scores.SigmoidFunction;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What a probability job writes: {@code --temperature}, {@code --log-probabilities}, {@code --top-k}. */
public final class ProbabilityOptions {

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "temperature T > 0 dividing the scores (default: ${DEFAULT-VALUE})")
    private double temperature;

    @Option(names = "--log-probabilities", arity = "0..1", paramLabel = "BOOLEAN", defaultValue = "false",
            description = "also write log-probabilities (default: ${DEFAULT-VALUE})")
    private boolean logProbabilities;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
            description = "also write the k most probable classes; 0: off (default: ${DEFAULT-VALUE})")
    private int topK;

    /** The output settings' builder checks each value; the rule is the same for every probability operator. */
    public void validate(CommandLine cmd) {
        Flags.check(cmd, "--temperature", () -> SigmoidFunction.builder().setTemperature(temperature).build());
        Flags.check(cmd, "--top-k", () -> SigmoidFunction.builder().setTopK(topK).build());
    }

    /** {@code builder} with these settings. */
    public <B extends ProbabilityOutputBuilder<B>> B applyTo(B builder) {
        return builder.setTemperature(temperature).setLogProbabilities(logProbabilities).setTopK(topK);
    }
}
