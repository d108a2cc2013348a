package org.infoprob.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.infoprob.scores.SoftmaxFunction;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.serde.DecodeFunction;
import org.infoprob.serde.KafkaRecord;
import org.infoprob.serde.ProbabilityEventSerializer;
import org.infoprob.serde.ScoreEventDecoder;

/**
 * {@code softmax}: score records -> class probabilities.
 *
 * <pre>
 *   in  {"key":"sensor-7","ts":1732752000000,"scores":{"cat":2.0,"dog":1.0,"bird":-0.5}}
 *   out {"key":"sensor-7","ts":1732752000000,"probabilities":{"cat":0.6897,"dog":0.2537,"bird":0.0566},
 *        "top":"cat","topProbability":0.6897,"entropy":0.7742,"margin":0.4360}
 * </pre>
 *
 * Operators: {@code decode-scores} -> {@code softmax}; rejected records of both go to the
 * dead-letter topic.
 */
public final class SoftmaxJob {

    private SoftmaxJob() {}

    public static void main(String[] args) throws Exception {
        InfoprobJobs.exit(InfoprobJobs.run(JobName.SOFTMAX, args));
    }

    /** The pure pipeline: undecoded records in, probabilities and dead letters out. */
    public static Pipeline<ProbabilityEvent> buildPipeline(DataStream<KafkaRecord> records, JobParameters p) {
        SingleOutputStreamOperator<ScoreEvent> scores =
                records.process(
                                new DecodeFunction<>(
                                        new ScoreEventDecoder(p.classes(), p.maxClassesPerRecord(), p.maxRecordBytes(), false),
                                        "decode-scores"))
                        .name("decode-scores")
                        .uid("decode-scores");
        SingleOutputStreamOperator<ProbabilityEvent> probabilities =
                scores.process(
                                JobOptions.probabilityOutput(SoftmaxFunction.builder(), p)
                                        .setClasses(p.classes())
                                        .setMaxClasses(p.maxClassesPerRecord())
                                        .build())
                        .name("softmax")
                        .uid("softmax");
        DataStream<DeadLetter> rejected =
                scores.getSideOutput(DeadLetter.TAG).union(probabilities.getSideOutput(DeadLetter.TAG));
        return new Pipeline<>(probabilities, new ProbabilityEventSerializer(), rejected);
    }
}
