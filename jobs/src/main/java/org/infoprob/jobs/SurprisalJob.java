package org.infoprob.jobs;

import org.infoprob.information.InformationFunction;
import org.infoprob.jobs.kafka.OutputFormat;
import org.infoprob.jobs.options.EventTimeOptions;
import org.infoprob.jobs.options.Flags;
import org.infoprob.jobs.options.InformationOptions;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.RarityEvent;
import org.infoprob.serde.ClassEventDecoder;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code surprisal}: class events -> per key running class frequencies -> how surprising each
 * event is (scored first, then counted).
 *
 * <pre>
 *   in  {"key":"user-1","ts":1732752000000,"class":"login_failed"}
 *   out {"key":"user-1","ts":1732752000000,"class":"login_failed","count":0.0,"countError":0.0,"total":9.0,
 *        "distinct":2,"probability":0.0833,"surprisal":2.4849,"surprisalBits":3.585,
 *        "score":1.7918,"rarity":0.7317,"entropy":0.9184,"oneIn":12.0,"firstSeen":true,"reference":"login",
 *        "warmingUp":false}
 * </pre>
 *
 * Operators: {@code decode-classes} -> {@code event-time} -> keyBy(key) -> {@code information}
 * (keyed state: the key's class counts).
 */
@Command(name = "surprisal",
        description = "Class events -> per-key running frequencies -> surprisal, score against the most frequent class, rarity probability.")
public final class SurprisalJob extends KafkaJob {

    @Mixin private InformationOptions information = new InformationOptions();

    @Option(names = "--half-life", paramLabel = "DURATION", defaultValue = "0",
            description = "event-time half-life of the counts, e.g. 1 h; 0: no decay (default: ${DEFAULT-VALUE})")
    private Duration halfLife;

    @Option(names = "--max-classes", paramLabel = "N", defaultValue = "10000",
            description = "classes counted per key; beyond, a new class takes the least-weighted counter (Space-Saving, error in countError) (default: ${DEFAULT-VALUE})")
    private int maxClasses;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "0",
            description = "event time: drop a key's counts once the watermark is this far past its last event, e.g. 30 d; 0: never (default: ${DEFAULT-VALUE})")
    private Duration idleTimeout;

    @Option(names = "--state-ttl", paramLabel = "DURATION", defaultValue = "0",
            description = "processing time: drop a key's counts after this long without events, e.g. 7 d; 0: never (default: ${DEFAULT-VALUE})")
    private Duration stateTtl;

    @Option(names = "--warm-up", paramLabel = "TOTAL", defaultValue = "0",
            description = "mark events warmingUp while their key's total before them is below this, e.g. 20; 0: never (default: ${DEFAULT-VALUE})")
    private double warmUp;

    @Mixin private EventTimeOptions eventTime = new EventTimeOptions();

    public SurprisalJob() {
        super("classes", "rarity");
    }

    @Override
    public void validate(CommandLine cmd) {
        super.validate(cmd);
        information.validate(cmd);
        Flags.check(cmd, "--half-life", () -> InformationFunction.builder().setHalfLife(halfLife).build());
        Flags.check(cmd, "--max-classes", () -> InformationFunction.builder().setMaxClassesPerKey(maxClasses).build());
        Flags.check(cmd, "--idle-timeout", () -> InformationFunction.builder().setIdleTimeout(idleTimeout).build());
        Flags.check(cmd, "--state-ttl", () -> InformationFunction.builder().setStateTtl(stateTtl).build());
        Flags.check(cmd, "--warm-up", () -> InformationFunction.builder().setWarmUp(warmUp).build());
    }

    @Override
    public Pipeline<RarityEvent> buildPipeline(DataStream<KafkaRecord> records) {
        SingleOutputStreamOperator<ClassEvent> events =
                records.process(kafka().decode(new ClassEventDecoder(kafka().maxRecordBytes()), "decode-classes"))
                        .name("decode-classes")
                        .uid("decode-classes");
        SingleOutputStreamOperator<RarityEvent> rarity =
                events.assignTimestampsAndWatermarks(eventTime.<ClassEvent>watermarks((e, t) -> e.ts != null ? e.ts : t))
                        .name("event-time")
                        .uid("event-time")
                        .keyBy(ClassEvent.keySelector())
                        .process(information.applyTo(InformationFunction.builder())
                                .setHalfLife(halfLife)
                                .setIdleTimeout(idleTimeout)
                                .setStateTtl(stateTtl)
                                .setMaxClassesPerKey(maxClasses)
                                .setWarmUp(warmUp)
                                .setName("information")
                                .setDeadLetterLimits(kafka().deadLetterLimits())
                                .build())
                        .name("information")
                        .uid("information");
        return new Pipeline<>(
                rarity,
                OutputFormat.rarity(),
                events.getSideOutput(DeadLetter.TAG).union(rarity.getSideOutput(DeadLetter.TAG)));
    }
}
