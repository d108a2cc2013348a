package org.infoprob.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.infoprob.scores.MultiLabelSigmoidFunction;
import org.infoprob.scores.SigmoidFunction;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.serde.BinaryScoreEventDecoder;
import org.infoprob.serde.DecodeFunction;
import org.infoprob.serde.KafkaRecord;
import org.infoprob.serde.ProbabilityEventSerializer;
import org.infoprob.serde.ScoreEventDecoder;

/**
 * {@code sigmoid}: binary scores -> probability of the positive class; with {@code
 * --multi-label}, named scores -> an independent sigmoid per class.
 *
 * <pre>
 *   in  {"key":"sensor-7","ts":1732752000000,"score":1.3}
 *   out {"key":"sensor-7","ts":1732752000000,"probabilities":{"negative":0.2142,"positive":0.7858},
 *        "top":"positive","topProbability":0.7858,...}
 *   multi-label in  {"key":"doc-1","scores":{"sports":2.0,"politics":-1.0}}
 *   multi-label out {"key":"doc-1",...,"probabilities":{"sports":0.8808,"politics":0.2689},...}
 * </pre>
 */
public final class SigmoidJob {

    private SigmoidJob() {}

    public static void main(String[] args) throws Exception {
        InfoprobJobs.exit(InfoprobJobs.run(JobName.SIGMOID, args));
    }

    /** The pure pipeline: undecoded records in, probabilities and dead letters out. */
    public static Pipeline<ProbabilityEvent> buildPipeline(DataStream<KafkaRecord> records, JobParameters p) {
        if (p.multiLabel()) {
            SingleOutputStreamOperator<ScoreEvent> scores =
                    records.process(
                                    new DecodeFunction<>(
                                            new ScoreEventDecoder(p.classes(), p.maxClassesPerRecord(), p.maxRecordBytes(), true),
                                            "decode-scores"))
                            .name("decode-scores")
                            .uid("decode-scores");
            SingleOutputStreamOperator<ProbabilityEvent> probabilities =
                    scores.process(
                                    JobOptions.probabilityOutput(MultiLabelSigmoidFunction.builder(), p)
                                            .setClasses(p.classes())
                                            .setMaxClasses(p.maxClassesPerRecord())
                                            .build())
                            .name("multi-label-sigmoid")
                            .uid("multi-label-sigmoid");
            return new Pipeline<>(
                    probabilities,
                    new ProbabilityEventSerializer(),
                    scores.getSideOutput(DeadLetter.TAG).union(probabilities.getSideOutput(DeadLetter.TAG)));
        }
        SingleOutputStreamOperator<BinaryScoreEvent> scores =
                records.process(new DecodeFunction<>(new BinaryScoreEventDecoder(p.maxRecordBytes()), "decode-binary-scores"))
                        .name("decode-binary-scores")
                        .uid("decode-binary-scores");
        SingleOutputStreamOperator<ProbabilityEvent> probabilities =
                scores.process(JobOptions.probabilityOutput(SigmoidFunction.builder(), p).build())
                        .name("sigmoid")
                        .uid("sigmoid");
        return new Pipeline<>(
                probabilities,
                new ProbabilityEventSerializer(),
                scores.getSideOutput(DeadLetter.TAG).union(probabilities.getSideOutput(DeadLetter.TAG)));
    }
}
