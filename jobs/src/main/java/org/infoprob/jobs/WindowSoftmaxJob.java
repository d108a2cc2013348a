package org.infoprob.jobs;

import org.infoprob.jobs.kafka.OutputFormat;
import org.infoprob.jobs.options.ClassOptions;
import org.infoprob.jobs.options.EventTimeOptions;
import org.infoprob.jobs.options.ProbabilityOptions;
import org.infoprob.jobs.options.WindowOptions;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.serde.KafkaRecord;
import org.infoprob.scores.CombineStrategy;
import org.infoprob.scores.ScoreAggregateFunction;
import org.infoprob.scores.ScoreWindowFunction;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code window-softmax}: score records of a key combined per event-time window (tumbling,
 * sliding or session) with a strategy (MEAN_LOGITS, MEAN_PROBABILITIES, PRODUCT_OF_EXPERTS) ->
 * one distribution per key and window, with {@code windowStart}, {@code windowEnd}, {@code count}.
 *
 * <p>Operators: {@code decode-scores} -> {@code event-time} -> {@code window-time} -> {@code
 * validate-scores} -> keyBy(key) -> {@code window-softmax-<kind>}, whose late events go through
 * {@code window-softmax-<kind>-late-events} to the dead-letter topic.
 */
@Command(name = "window-softmax",
        description = "Score records combined per key and event-time window -> one distribution per window.")
public final class WindowSoftmaxJob extends KafkaJob {

    @Mixin private WindowOptions window = new WindowOptions();

    @Option(names = "--strategy", paramLabel = "STRATEGY", defaultValue = "MEAN_LOGITS",
            description = "how the events of a window are combined: MEAN_LOGITS, MEAN_PROBABILITIES or"
                    + " PRODUCT_OF_EXPERTS (default: ${DEFAULT-VALUE})")
    private CombineStrategy strategy;

    @Mixin private EventTimeOptions eventTime = new EventTimeOptions();
    @Mixin private ProbabilityOptions output = new ProbabilityOptions();
    @Mixin private ClassOptions classes = new ClassOptions();

    public WindowSoftmaxJob() {
        super("scores", "window-probabilities");
    }

    @Override
    public void validate(CommandLine cmd) {
        super.validate(cmd);
        window.validate(cmd);
        output.validate(cmd);
        classes.validate(cmd);
    }

    public WindowOptions window() {
        return window;
    }

    public EventTimeOptions eventTime() {
        return eventTime;
    }

    @Override
    public Pipeline<ProbabilityEvent> buildPipeline(DataStream<KafkaRecord> records) {
        ScoreAggregateFunction aggregate =
                named(classes.applyTo(output.applyTo(ScoreAggregateFunction.builder())), "validate-scores")
                        .setStrategy(strategy)
                        .build();
        SingleOutputStreamOperator<ScoreEvent> scores =
                records.process(kafka().decode(classes.decoder(kafka().maxRecordBytes(), false), "decode-scores"))
                        .name("decode-scores")
                        .uid("decode-scores");
        SingleOutputStreamOperator<ScoreEvent> timed = WindowStages.timed(
                scores, eventTime, (e, t) -> e.ts, window, EventRejection.SCORE_EVENTS, kafka().deadLetterLimits());
        SingleOutputStreamOperator<ScoreEvent> valid =
                timed.process(aggregate.validationFunction())
                        .name("validate-scores")
                        .uid("validate-scores");
        String name = "window-softmax-" + window.kind();
        OutputTag<ScoreEvent> late = new OutputTag<>("late-scores", TypeInformation.of(ScoreEvent.class));
        SingleOutputStreamOperator<ProbabilityEvent> windows =
                valid.keyBy(e -> e.key, Types.STRING)
                        .window(window.assigner())
                        .allowedLateness(window.allowedLateness())
                        .sideOutputLateData(late)
                        .aggregate(aggregate, new ScoreWindowFunction(name, kafka().deadLetterLimits()))
                        .name(name)
                        .uid(name);
        SingleOutputStreamOperator<DeadLetter> lateEvents = WindowStages.lateEvents(
                windows, late, name, window, EventRejection.SCORE_EVENTS, kafka().deadLetterLimits());
        DataStream<DeadLetter> rejected =
                scores.getSideOutput(DeadLetter.TAG)
                        .union(timed.getSideOutput(DeadLetter.TAG),
                                valid.getSideOutput(DeadLetter.TAG),
                                windows.getSideOutput(DeadLetter.TAG),
                                lateEvents);
        return new Pipeline<>(windows, OutputFormat.probabilities(), rejected);
    }
}
