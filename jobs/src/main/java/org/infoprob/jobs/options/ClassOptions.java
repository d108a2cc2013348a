package org.infoprob.jobs.options;

import org.infoprob.scores.ClassScoresBuilder;
import org.infoprob.scores.SoftmaxFunction;
import org.infoprob.serde.ScoreEventDecoder;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.List;

/** Which classes a score job accepts: {@code --classes} and {@code --max-classes-per-record}. */
public final class ClassOptions {

    @Option(names = "--classes", paramLabel = "NAME[,NAME...]", split = ",", hideParamSyntax = true,
            description = "fixed class list; records with other classes are rejected as UNKNOWN_CLASS (default: any class)")
    private List<String> classes;

    @Option(names = "--max-classes-per-record", paramLabel = "N", defaultValue = "10000",
            description = "score records with more classes go to the dead-letter topic as TOO_MANY_CLASSES (default: ${DEFAULT-VALUE})")
    private int maxClasses;

    /** The class settings' builder checks the limit alone, then the list against it. */
    public void validate(CommandLine cmd) {
        Flags.check(cmd, "--max-classes-per-record", () -> SoftmaxFunction.builder().setMaxClasses(maxClasses).build());
        Flags.check(cmd, "--classes", () -> applyTo(SoftmaxFunction.builder()).build());
    }

    /** {@code builder} with these settings. */
    public <B extends ClassScoresBuilder<B>> B applyTo(B builder) {
        return builder.setClasses(classes()).setMaxClasses(maxClasses);
    }

    /**
     * The decoder of score records with these settings.
     *
     * @param independentClasses true for multi-label records, whose classes need not sum to one
     */
    public ScoreEventDecoder decoder(int maxRecordBytes, boolean independentClasses) {
        return new ScoreEventDecoder(classes(), maxClasses, maxRecordBytes, independentClasses);
    }

    /** The fixed class list, or null when any class is accepted. */
    private String[] classes() {
        return classes == null ? null : classes.stream().map(String::trim).toArray(String[]::new);
    }
}
