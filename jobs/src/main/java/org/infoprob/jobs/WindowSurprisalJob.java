package org.infoprob.jobs;

import org.infoprob.information.ClassCountAggregate;
import org.infoprob.information.ClassEventValidationFunction;
import org.infoprob.jobs.kafka.OutputFormat;
import org.infoprob.jobs.options.EventTimeOptions;
import org.infoprob.jobs.options.InformationOptions;
import org.infoprob.jobs.options.WindowOptions;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.serde.ClassEventDecoder;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code window-surprisal}: class events counted per key and event-time window -> for every
 * class in the window its count, probability, surprisal, score and rarity.
 *
 * <pre>
 *   out {"key":"user-1","ts":59999,"windowStart":0,"windowEnd":60000,"total":10.0,"distinct":3,
 *        "entropy":0.98,"unseenProbability":0.0769,"classes":[{"class":"login","count":6.0,...},...]}
 * </pre>
 *
 * <p>Operators: {@code decode-classes} -> {@code event-time} -> {@code window-time} -> {@code
 * validate-classes} -> keyBy(key) -> {@code window-surprisal-<kind>}, whose late events go
 * through {@code window-surprisal-<kind>-late-events} to the dead-letter topic.
 */
@Command(name = "window-surprisal",
        description = "Class events counted per key and event-time window -> surprisal and rarity of every class in the window.")
public final class WindowSurprisalJob extends KafkaJob {

    @Mixin private WindowOptions window = new WindowOptions();
    @Mixin private EventTimeOptions eventTime = new EventTimeOptions();
    @Mixin private InformationOptions information = new InformationOptions();

    public WindowSurprisalJob() {
        super("classes", "window-rarity");
    }

    @Override
    public void validate(CommandLine cmd) {
        super.validate(cmd);
        window.validate(cmd);
        information.validate(cmd);
    }

    public WindowOptions window() {
        return window;
    }

    public EventTimeOptions eventTime() {
        return eventTime;
    }

    @Override
    public Pipeline<ClassDistribution> buildPipeline(DataStream<KafkaRecord> records) {
        SingleOutputStreamOperator<ClassEvent> events =
                records.process(kafka().decode(new ClassEventDecoder(kafka().maxRecordBytes()), "decode-classes"))
                        .name("decode-classes")
                        .uid("decode-classes");
        SingleOutputStreamOperator<ClassEvent> timed = WindowStages.timed(
                events, eventTime, (e, t) -> e.ts != null ? e.ts : t, window, EventRejection.CLASS_EVENTS,
                kafka().deadLetterLimits());
        SingleOutputStreamOperator<ClassEvent> valid =
                timed.process(new ClassEventValidationFunction(true, "validate-classes", kafka().deadLetterLimits()))
                        .name("validate-classes")
                        .uid("validate-classes");
        String name = "window-surprisal-" + window.kind();
        OutputTag<ClassEvent> late = new OutputTag<>("late-classes", TypeInformation.of(ClassEvent.class));
        SingleOutputStreamOperator<ClassDistribution> windows =
                valid.keyBy(ClassEvent.keySelector())
                        .window(window.assigner())
                        .allowedLateness(window.allowedLateness())
                        .sideOutputLateData(late)
                        .aggregate(new ClassCountAggregate(), information.windowFunction())
                        .name(name)
                        .uid(name);
        SingleOutputStreamOperator<DeadLetter> lateEvents = WindowStages.lateEvents(
                windows, late, name, window, EventRejection.CLASS_EVENTS, kafka().deadLetterLimits());
        DataStream<DeadLetter> rejected =
                events.getSideOutput(DeadLetter.TAG)
                        .union(timed.getSideOutput(DeadLetter.TAG), valid.getSideOutput(DeadLetter.TAG), lateEvents);
        return new Pipeline<>(windows, OutputFormat.classDistributions(), rejected);
    }
}
