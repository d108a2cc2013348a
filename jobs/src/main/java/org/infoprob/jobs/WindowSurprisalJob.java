package org.infoprob.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.infoprob.information.ClassCountAggregate;
import org.infoprob.information.ClassEventValidationFunction;
import org.infoprob.information.InformationWindowFunction;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.serde.ClassDistributionSerializer;
import org.infoprob.serde.ClassEventDecoder;
import org.infoprob.serde.DecodeFunction;
import org.infoprob.serde.KafkaRecord;

/**
 * {@code window-surprisal}: class events counted per key and event-time window -> for every
 * class in the window its count, probability, surprisal, score and rarity.
 *
 * <pre>
 *   out {"key":"user-1","ts":59999,"windowStart":0,"windowEnd":60000,"total":10.0,"distinct":3,
 *        "entropy":0.98,"unseenProbability":0.0769,"classes":[{"class":"login","count":6.0,...},...]}
 * </pre>
 *
 * <p>Operators: {@code decode-classes} -> {@code event-time} -> {@code validate-classes} ->
 * keyBy(key) -> {@code window-surprisal-<kind>}.
 */
public final class WindowSurprisalJob {

    private WindowSurprisalJob() {}

    public static void main(String[] args) throws Exception {
        InfoprobJobs.exit(InfoprobJobs.run(JobName.WINDOW_SURPRISAL, args));
    }

    /** The pure pipeline: undecoded records in, window distributions and dead letters out. */
    public static Pipeline<ClassDistribution> buildPipeline(DataStream<KafkaRecord> records, JobParameters p) {
        SingleOutputStreamOperator<ClassEvent> events =
                records.process(new DecodeFunction<>(new ClassEventDecoder(p.maxRecordBytes()), "decode-classes"))
                        .name("decode-classes")
                        .uid("decode-classes");
        SingleOutputStreamOperator<ClassEvent> valid =
                events.assignTimestampsAndWatermarks(
                                JobOptions.<ClassEvent>eventTime(p, (e, t) -> e.ts != null ? e.ts : t))
                        .name("event-time")
                        .uid("event-time")
                        .process(new ClassEventValidationFunction(true))
                        .name("validate-classes")
                        .uid("validate-classes");
        String name = "window-surprisal-" + JobOptions.windowName(p);
        SingleOutputStreamOperator<ClassDistribution> windows =
                valid.keyBy(ClassEvent.keySelector())
                        .window(JobOptions.windows(p))
                        .aggregate(
                                new ClassCountAggregate(),
                                InformationWindowFunction.builder()
                                        .setSmoothing(SurprisalJob.smoothing(p))
                                        .setAlpha(p.alpha())
                                        .setTemperature(p.temperature())
                                        .build())
                        .name(name)
                        .uid(name);
        DataStream<DeadLetter> rejected =
                events.getSideOutput(DeadLetter.TAG).union(valid.getSideOutput(DeadLetter.TAG));
        return new Pipeline<>(windows, new ClassDistributionSerializer(), rejected);
    }
}
