package org.infoprob.jobs;

import org.infoprob.scores.MultiLabelSigmoidFunction;
import org.infoprob.scores.SigmoidFunction;
import org.infoprob.jobs.kafka.OutputFormat;
import org.infoprob.jobs.options.ClassOptions;
import org.infoprob.jobs.options.ProbabilityOptions;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.serde.BinaryScoreEventDecoder;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
@Command(name = "sigmoid",
        description = "Binary score records -> sigmoid probability; --multi-label: named classes, one sigmoid each.")
public final class SigmoidJob extends KafkaJob {

    @Mixin private ProbabilityOptions output = new ProbabilityOptions();

    @Option(names = "--multi-label", arity = "0..1", paramLabel = "BOOLEAN", defaultValue = "false",
            description = "score records with named classes, an independent sigmoid per class (default: ${DEFAULT-VALUE})")
    private boolean multiLabel;

    @Mixin private ClassOptions classes = new ClassOptions();

    public SigmoidJob() {
        super("binary-scores", "binary-probabilities");
    }

    @Override
    public void validate(CommandLine cmd) {
        super.validate(cmd);
        output.validate(cmd);
        classes.validate(cmd);
    }

    public boolean multiLabel() {
        return multiLabel;
    }

    public SigmoidJob setMultiLabel(boolean multiLabel) {
        this.multiLabel = multiLabel;
        return this;
    }

    @Override
    public Pipeline<ProbabilityEvent> buildPipeline(DataStream<KafkaRecord> records) {
        if (multiLabel) {
            SingleOutputStreamOperator<ScoreEvent> scores =
                    records.process(kafka().decode(classes.decoder(kafka().maxRecordBytes(), true), "decode-scores"))
                            .name("decode-scores")
                            .uid("decode-scores");
            SingleOutputStreamOperator<ProbabilityEvent> probabilities =
                    scores.process(named(classes.applyTo(output.applyTo(MultiLabelSigmoidFunction.builder())), "multi-label-sigmoid").build())
                            .name("multi-label-sigmoid")
                            .uid("multi-label-sigmoid");
            return new Pipeline<>(
                    probabilities,
                    OutputFormat.probabilities(),
                    scores.getSideOutput(DeadLetter.TAG).union(probabilities.getSideOutput(DeadLetter.TAG)));
        }
        SingleOutputStreamOperator<BinaryScoreEvent> scores =
                records.process(kafka().decode(new BinaryScoreEventDecoder(kafka().maxRecordBytes()), "decode-binary-scores"))
                        .name("decode-binary-scores")
                        .uid("decode-binary-scores");
        SingleOutputStreamOperator<ProbabilityEvent> probabilities =
                scores.process(named(output.applyTo(SigmoidFunction.builder()), "sigmoid").build())
                        .name("sigmoid")
                        .uid("sigmoid");
        return new Pipeline<>(
                probabilities,
                OutputFormat.probabilities(),
                scores.getSideOutput(DeadLetter.TAG).union(probabilities.getSideOutput(DeadLetter.TAG)));
    }
}
