package org.infoprob.jobs;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.serde.DecodeFunction;
import org.infoprob.serde.KafkaRecord;
import org.infoprob.serde.ProbabilityEventSerializer;
import org.infoprob.serde.ScoreEventDecoder;
import org.infoprob.scores.CombineStrategy;
import org.infoprob.scores.ScoreAggregateFunction;
import org.infoprob.scores.ScoreWindowFunction;

/**
 * {@code window-softmax}: score records of a key combined per event-time window (tumbling,
 * sliding or session) with a strategy (MEAN_LOGITS, MEAN_PROBABILITIES, PRODUCT_OF_EXPERTS) ->
 * one distribution per key and window, with {@code windowStart}, {@code windowEnd}, {@code count}.
 *
 * <p>Operators: {@code decode-scores} -> {@code event-time} -> {@code validate-scores} ->
 * keyBy(key) -> {@code window-softmax-<kind>}.
 */
public final class WindowSoftmaxJob {

    private WindowSoftmaxJob() {}

    public static void main(String[] args) throws Exception {
        InfoprobJobs.exit(InfoprobJobs.run(JobName.WINDOW_SOFTMAX, args));
    }

    /** The pure pipeline: undecoded records in, window distributions and dead letters out. */
    public static Pipeline<ProbabilityEvent> buildPipeline(DataStream<KafkaRecord> records, JobParameters p) {
        ScoreAggregateFunction aggregate =
                JobOptions.probabilityOutput(ScoreAggregateFunction.builder(), p)
                        .setStrategy(CombineStrategy.valueOf(p.strategy()))
                        .setClasses(p.classes())
                        .setMaxClasses(p.maxClassesPerRecord())
                        .build();
        SingleOutputStreamOperator<ScoreEvent> scores =
                records.process(
                                new DecodeFunction<>(
                                        new ScoreEventDecoder(p.classes(), p.maxClassesPerRecord(), p.maxRecordBytes(), false),
                                        "decode-scores"))
                        .name("decode-scores")
                        .uid("decode-scores");
        SingleOutputStreamOperator<ScoreEvent> valid =
                scores.assignTimestampsAndWatermarks(JobOptions.<ScoreEvent>eventTime(p, (e, t) -> e.ts))
                        .name("event-time")
                        .uid("event-time")
                        .process(aggregate.validationFunction())
                        .name("validate-scores")
                        .uid("validate-scores");
        String name = "window-softmax-" + JobOptions.windowName(p);
        SingleOutputStreamOperator<ProbabilityEvent> windows =
                valid.keyBy(e -> e.key, Types.STRING)
                        .window(JobOptions.windows(p))
                        .aggregate(aggregate, new ScoreWindowFunction())
                        .name(name)
                        .uid(name);
        DataStream<DeadLetter> rejected =
                scores.getSideOutput(DeadLetter.TAG)
                        .union(valid.getSideOutput(DeadLetter.TAG), windows.getSideOutput(DeadLetter.TAG));
        return new Pipeline<>(windows, new ProbabilityEventSerializer(), rejected);
    }
}
