package org.infoprob.jobs.options;

import org.infoprob.information.InformationFunction;
import org.infoprob.information.InformationWindowFunction;
import org.infoprob.math.Smoothing;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How the surprisal jobs turn class counts into probabilities: {@code --alpha}, {@code
 * --smoothing}, and the {@code --temperature} of the rarity softmax.
 */
public final class InformationOptions {

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1.0",
            description = "additive smoothing a > 0 (default: ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--smoothing", paramLabel = "KIND", defaultValue = "additive",
            description = "the unseen classes' mass: additive or good-turing (default: ${DEFAULT-VALUE})")
    private Smoothing smoothing;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "temperature T > 0 of the rarity softmax (default: ${DEFAULT-VALUE})")
    private double temperature;

    /** The information operator's builder checks each value. */
    public void validate(CommandLine cmd) {
        Flags.check(cmd, "--alpha", () -> InformationFunction.builder().setAlpha(alpha).build());
        Flags.check(cmd, "--temperature", () -> InformationFunction.builder().setTemperature(temperature).build());
    }

    /** {@code builder} with these settings. */
    public InformationFunction.Builder applyTo(InformationFunction.Builder builder) {
        return builder.setSmoothing(smoothing).setAlpha(alpha).setTemperature(temperature);
    }

    /** The per-window operator with these settings. */
    public InformationWindowFunction windowFunction() {
        return InformationWindowFunction.builder().setSmoothing(smoothing).setAlpha(alpha).setTemperature(temperature).build();
    }
}
