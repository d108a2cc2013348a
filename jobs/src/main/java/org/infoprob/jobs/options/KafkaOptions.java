package org.infoprob.jobs.options;

import org.infoprob.model.DeadLetterLimits;
import org.infoprob.serde.ClassEventDecoder;
import org.infoprob.serde.DecodeFunction;
import org.infoprob.serde.JsonRecordReader;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The Kafka side of a sample job: the client and runtime settings, the topics, the consumer
 * group, where to start, and the transactional ids of the exactly-once sinks. The defaults of
 * {@code --input-topic}, {@code --output-topic}, {@code --group-id} and {@code
 * --transactional-id-prefix} depend on the job ({@link Cli.Defaults}).
 */
public final class KafkaOptions {

    @Mixin private ClientOptions client = new ClientOptions();

    @Option(names = "--input-topic", paramLabel = "TOPIC", description = "topic to read (default: ${DEFAULT-VALUE})")
    private String inputTopic;

    @Option(names = "--output-topic", paramLabel = "TOPIC", description = "topic to write results to (default: ${DEFAULT-VALUE})")
    private String outputTopic;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC", defaultValue = "dead-letters",
            description = "topic for rejected records: reason, origin, payload (default: ${DEFAULT-VALUE})")
    private String deadLetterTopic;

    @Option(names = "--group-id", paramLabel = "ID", description = "Kafka consumer group id (default: ${DEFAULT-VALUE})")
    private String groupId;

    @Option(names = "--starting-offsets", paramLabel = "WHERE", defaultValue = "committed",
            description = "where to start without a checkpoint: earliest, latest, or committed (falls back to"
                    + " earliest) (default: ${DEFAULT-VALUE})")
    private StartingOffsets startingOffsets;

    @Option(names = "--bounded", arity = "0..1", paramLabel = "BOOLEAN", defaultValue = "false",
            description = "stop at the end offsets found on start, a batch-style run (default: ${DEFAULT-VALUE})")
    private boolean bounded;

    @Mixin private RuntimeOptions runtime = new RuntimeOptions();

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX",
            description = "prefix of the sinks' Kafka transactional ids; unique per job on a cluster (default: ${DEFAULT-VALUE})")
    private String transactionalIdPrefix;

    @Option(names = "--max-record-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "larger records go to the dead-letter topic as RECORD_TOO_LARGE (default: ${DEFAULT-VALUE})")
    private int maxRecordBytes;

    @Option(names = "--max-future-skew", paramLabel = "DURATION", defaultValue = "1 h",
            description = "how far ahead of the clock an event time may be; later ones go to the dead-letter topic as"
                    + " TIMESTAMP_OUT_OF_RANGE (default: ${DEFAULT-VALUE})")
    private Duration maxFutureSkew;

    @Option(names = "--max-dead-letter-payload-bytes", paramLabel = "BYTES", defaultValue = "65536",
            description = "how much of a rejected record its dead letter keeps; every dead letter must fit the"
                    + " producer's max.request.size (default: ${DEFAULT-VALUE})")
    private int maxDeadLetterPayloadBytes;

    /** Checks every value with the code that takes it; a rejected one is a usage error naming its flag. */
    public void validate(CommandLine cmd) {
        client.validate(cmd);
        runtime.validate(cmd);
        Flags.check(cmd, "--max-record-bytes", () -> new ClassEventDecoder(maxRecordBytes));
        Flags.check(cmd, "--max-future-skew", () -> new ClassEventDecoder().setMaxFutureSkew(maxFutureSkew));
        Flags.check(cmd, "--max-dead-letter-payload-bytes", this::deadLetterLimits);
    }

    /**
     * The decoding step with these settings: {@code decoder} with {@code --max-future-skew},
     * dead letters named {@code uid} (the operator's uid) with {@link #deadLetterLimits}.
     */
    public <T> DecodeFunction<T> decode(JsonRecordReader<T> decoder, String uid) {
        return new DecodeFunction<>(decoder.setMaxFutureSkew(maxFutureSkew), uid, deadLetterLimits());
    }

    /** How much of a rejected record its dead letter keeps: {@code --max-dead-letter-payload-bytes}. */
    public DeadLetterLimits deadLetterLimits() {
        return DeadLetterLimits.DEFAULT.withMaxPayloadBytes(maxDeadLetterPayloadBytes);
    }

    public ClientOptions client() {
        return client;
    }

    public RuntimeOptions runtime() {
        return runtime;
    }

    public String inputTopic() {
        return inputTopic;
    }

    public String outputTopic() {
        return outputTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public String groupId() {
        return groupId;
    }

    public StartingOffsets startingOffsets() {
        return startingOffsets;
    }

    public boolean bounded() {
        return bounded;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** Another Kafka and another Flink setup, e.g. the demo's for one of its pipelines. */
    public KafkaOptions setConnection(ClientOptions client, RuntimeOptions runtime) {
        this.client = client;
        this.runtime = runtime;
        return this;
    }

    public KafkaOptions setTopics(String input, String output, String deadLetters) {
        this.inputTopic = input;
        this.outputTopic = output;
        this.deadLetterTopic = deadLetters;
        return this;
    }

    /** The consumer group and transactional id prefix, and where to start without a checkpoint. */
    public KafkaOptions setIdentity(String groupId, String transactionalIdPrefix, StartingOffsets startingOffsets) {
        this.groupId = groupId;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.startingOffsets = startingOffsets;
        return this;
    }
}
