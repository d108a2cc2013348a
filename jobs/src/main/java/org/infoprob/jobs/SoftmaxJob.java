package org.infoprob.jobs;

import org.infoprob.scores.SoftmaxFunction;
import org.infoprob.jobs.kafka.OutputFormat;
import org.infoprob.jobs.options.ClassOptions;
import org.infoprob.jobs.options.ProbabilityOptions;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code softmax}: score records -> class probabilities.
 *
 * <pre>
 *   in  {"key":"sensor-7","ts":1732752000000,"scores":{"cat":2.0,"dog":1.0,"bird":-0.5}}
 *   out {"key":"sensor-7","ts":1732752000000,
 *        "probabilities":{"cat":0.6896720861245036,"dog":0.25371618163502524,"bird":0.05661173224047129},
 *        "top":"cat","topProbability":0.6896720861245036,"entropy":0.7667845440888864,"margin":0.43595590448947835}
 * </pre>
 *
 * Operators: {@code decode-scores} -> {@code softmax}; rejected records of both go to the
 * dead-letter topic.
 */
@Command(name = "softmax", description = "Score records -> softmax class probabilities (top class, top-k, entropy, margin).")
public final class SoftmaxJob extends KafkaJob {

    @Mixin private ProbabilityOptions output = new ProbabilityOptions();
    @Mixin private ClassOptions classes = new ClassOptions();

    public SoftmaxJob() {
        super("scores", "probabilities");
    }

    @Override
    public void validate(CommandLine cmd) {
        super.validate(cmd);
        output.validate(cmd);
        classes.validate(cmd);
    }

    @Override
    public Pipeline<ProbabilityEvent> buildPipeline(DataStream<KafkaRecord> records) {
        SingleOutputStreamOperator<ScoreEvent> scores =
                records.process(kafka().decode(classes.decoder(kafka().maxRecordBytes(), false), "decode-scores"))
                        .name("decode-scores")
                        .uid("decode-scores");
        SingleOutputStreamOperator<ProbabilityEvent> probabilities =
                scores.process(named(classes.applyTo(output.applyTo(SoftmaxFunction.builder())), "softmax").build())
                        .name("softmax")
                        .uid("softmax");
        DataStream<DeadLetter> rejected =
                scores.getSideOutput(DeadLetter.TAG).union(probabilities.getSideOutput(DeadLetter.TAG));
        return new Pipeline<>(probabilities, OutputFormat.probabilities(), rejected);
    }
}
