package org.infoprob.jobs;

import org.infoprob.jobs.kafka.InvalidSetupException;
import org.infoprob.jobs.kafka.SinkLimits;
import org.infoprob.jobs.options.Cli;
import org.infoprob.jobs.options.Flags;
import org.infoprob.jobs.options.HelpOption;
import org.infoprob.jobs.options.KafkaOptions;
import org.infoprob.scores.ProbabilityOutputBuilder;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.streaming.api.datastream.DataStream;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A sample Kafka job as a subcommand of {@link InfoprobJobs}: its name and description (in its
 * {@link Command} annotation), its options (the shared {@link KafkaOptions} plus its own), and
 * the pipeline they configure. {@link JobRunner} adds the Kafka source and sinks around the
 * pipeline.
 *
 * <pre>{@code
 * @Command(name = "softmax", description = "...")
 * public final class SoftmaxJob extends KafkaJob {
 *     @Mixin private ProbabilityOptions output = new ProbabilityOptions();
 *     public SoftmaxJob() { super("scores", "probabilities"); }
 *     public Pipeline<ProbabilityEvent> buildPipeline(DataStream<KafkaRecord> records) { ... }
 * }
 * }</pre>
 *
 * <p>A subclass checks its own values in {@link #validate} (calling {@code super}), each with
 * the builder that takes it; then a bad value is a usage error before anything runs. So is a
 * Kafka setup that would fail once the job runs ({@link SinkLimits#of} here, the brokers'
 * limits in {@link #call}): exit status 2 with a message naming the values.
 *
 * <p>Every operator's dead letters name it by its uid ({@code rejectedBy}): the decoder's
 * through {@link KafkaOptions#decode}, an operator built by a builder through {@link #named}.
 */
@Command(sortOptions = false, abbreviateSynopsis = true, optionListHeading = "%nFlags:%n")
public abstract class KafkaJob implements Callable<Integer>, Cli.Defaults, Cli.Validated {

    @Mixin private HelpOption help;
    @Mixin private KafkaOptions kafka = new KafkaOptions();
    @Spec private CommandSpec spec;

    private final String defaultInputTopic;
    private final String defaultOutputTopic;

    protected KafkaJob(String defaultInputTopic, String defaultOutputTopic) {
        this.defaultInputTopic = defaultInputTopic;
        this.defaultOutputTopic = defaultOutputTopic;
    }

    /** The pure pipeline: undecoded records in, results and dead letters out. */
    public abstract Pipeline<?> buildPipeline(DataStream<KafkaRecord> records);

    /** The name on the command line, e.g. {@code window-softmax}; also the prefix of the source's and sinks' uids. */
    public final String name() {
        return getClass().getAnnotation(Command.class).name();
    }

    public final KafkaOptions kafka() {
        return kafka;
    }

    @Override
    public void validate(CommandLine cmd) {
        kafka.validate(cmd);
        try {
            SinkLimits.of(kafka);
        } catch (InvalidSetupException e) {
            throw Flags.invalid(cmd, e.flag(), e.getMessage());
        }
    }

    /** {@code builder} writing {@code uid} as {@code rejectedBy}, with the job's dead-letter limits. */
    protected <B extends ProbabilityOutputBuilder<B>> B named(B builder, String uid) {
        return builder.setName(uid).setDeadLetterLimits(kafka.deadLetterLimits());
    }

    @Override
    public String defaultValue(String option) {
        switch (option) {
            case "--input-topic":
                return defaultInputTopic;
            case "--output-topic":
                return defaultOutputTopic;
            case "--group-id":
            case "--transactional-id-prefix":
                return "infoprob-" + name();
            default:
                return null;
        }
    }

    /**
     * Runs the job until it ends: bounded input, cancel, or failure. A setup the brokers would
     * refuse ({@link org.infoprob.jobs.kafka.BrokerChecks}) is a usage error, status 2.
     */
    @Override
    public Integer call() throws Exception {
        try {
            JobRunner.run(this);
        } catch (InvalidSetupException e) {
            throw Flags.invalid(spec.commandLine(), e.flag(), e.getMessage());
        }
        return 0;
    }
}
