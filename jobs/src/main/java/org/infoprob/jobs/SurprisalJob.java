package org.infoprob.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.infoprob.information.InformationFunction;
import org.infoprob.math.Smoothing;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.RarityEvent;
import org.infoprob.serde.ClassEventDecoder;
import org.infoprob.serde.DecodeFunction;
import org.infoprob.serde.KafkaRecord;
import org.infoprob.serde.RarityEventSerializer;

/**
 * {@code surprisal}: class events -> per key running class frequencies -> how surprising each
 * event is (scored first, then counted).
 *
 * <pre>
 *   in  {"key":"user-1","ts":1732752000000,"class":"login_failed"}
 *   out {"key":"user-1","ts":1732752000000,"class":"login_failed","count":0.0,"total":9.0,
 *        "distinct":2,"probability":0.0833,"surprisal":2.4849,"surprisalBits":3.585,
 *        "score":1.7918,"rarity":0.7317,"entropy":0.9184,"oneIn":12.0,"firstSeen":true,"reference":"login"}
 * </pre>
 *
 * Operators: {@code decode-classes} -> {@code event-time} -> keyBy(key) -> {@code information}
 * (keyed state: the key's class counts).
 */
public final class SurprisalJob {

    private SurprisalJob() {}

    public static void main(String[] args) throws Exception {
        InfoprobJobs.exit(InfoprobJobs.run(JobName.SURPRISAL, args));
    }

    /** The pure pipeline: undecoded records in, rarity events and dead letters out. */
    public static Pipeline<RarityEvent> buildPipeline(DataStream<KafkaRecord> records, JobParameters p) {
        SingleOutputStreamOperator<ClassEvent> events =
                records.process(new DecodeFunction<>(new ClassEventDecoder(p.maxRecordBytes()), "decode-classes"))
                        .name("decode-classes")
                        .uid("decode-classes");
        SingleOutputStreamOperator<RarityEvent> rarity =
                events.assignTimestampsAndWatermarks(
                                JobOptions.<ClassEvent>eventTime(p, (e, t) -> e.ts != null ? e.ts : t))
                        .name("event-time")
                        .uid("event-time")
                        .keyBy(ClassEvent.keySelector())
                        .process(information(p))
                        .name("information")
                        .uid("information");
        return new Pipeline<>(
                rarity,
                new RarityEventSerializer(),
                events.getSideOutput(DeadLetter.TAG).union(rarity.getSideOutput(DeadLetter.TAG)));
    }

    static InformationFunction information(JobParameters p) {
        return InformationFunction.builder()
                .setSmoothing(smoothing(p))
                .setAlpha(p.alpha())
                .setTemperature(p.temperature())
                .setHalfLife(p.halfLife())
                .setStateTtl(p.stateTtl())
                .setMaxClassesPerKey(p.maxClasses())
                .setName("information")
                .build();
    }

    static Smoothing smoothing(JobParameters p) {
        return p.smoothing().equals("good-turing") ? Smoothing.GOOD_TURING : Smoothing.ADDITIVE;
    }
}
