package org.infoprob.jobs;

import org.infoprob.jobs.kafka.BrokerChecks;
import org.infoprob.jobs.kafka.DeadLetterEncoder;
import org.infoprob.jobs.kafka.EncodedRecord;
import org.infoprob.jobs.kafka.KafkaConnectors;
import org.infoprob.jobs.kafka.OutputEncoder;
import org.infoprob.jobs.kafka.SinkLimits;
import org.infoprob.jobs.options.KafkaOptions;
import org.infoprob.jobs.options.RuntimeOptions;
import org.infoprob.model.DeadLetter;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs a sample job against Kafka: the environment (checkpointing with the job's guarantee,
 * parallelism, no Kryo fallback, object reuse, no generated uids), the source, the job's
 * pipeline, and two sinks: results to the output topic, rejected records (counted per reason)
 * to the dead-letter topic. Every record is encoded before its sink and checked against what
 * the producer and the topic take ({@link OutputEncoder}, {@link DeadLetterEncoder}), so the
 * sinks never see a record Kafka refuses. Every operator is named and has a uid, so savepoints
 * stay compatible across versions.
 *
 * <pre>{@code
 * SoftmaxJob job = (SoftmaxJob) InfoprobJobs.parse("softmax", "--bootstrap-servers", "kafka:9092");
 * JobRunner.run(job);
 * }</pre>
 */
public final class JobRunner {

    private JobRunner() {}

    /**
     * Applies checkpointing, guarantee, parallelism, the no-Kryo rule, object reuse and explicit
     * uids to {@code env}, which may be a local or a cluster one. Object reuse is safe here
     * because every function of the sample jobs makes a new output object per record and never
     * changes or keeps its input; without it, Flink deep-copies every record between chained
     * operators (about 7% of the softmax job's time in a profile, see BENCHMARKS.md). Without
     * generated uids ({@code pipeline.auto-generate-uids: false}) an operator that lacks a
     * {@code .uid(...)} fails the job at submission, rather than giving it a uid that changes
     * with the graph and loses its state on the next savepoint restore.
     */
    public static void configure(StreamExecutionEnvironment env, RuntimeOptions runtime) {
        env.enableCheckpointing(runtime.checkpointInterval().toMillis(), runtime.guarantee().checkpointingMode());
        Configuration options = new Configuration();
        options.set(PipelineOptions.GENERIC_TYPES, false);
        options.set(PipelineOptions.OBJECT_REUSE, true);
        options.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        env.configure(options);
        runtime.parallelism().ifPresent(env::setParallelism);
    }

    /**
     * Adds {@code job}'s source, pipeline and sinks to {@code env}, with the sinks' limits from the
     * producer properties alone ({@link SinkLimits#of}: no broker is asked).
     *
     * @throws org.infoprob.jobs.kafka.InvalidSetupException for a setup Kafka would refuse
     */
    public static void addTo(StreamExecutionEnvironment env, KafkaJob job) {
        addTo(env, job, SinkLimits.of(job.kafka()));
    }

    /** Adds {@code job}'s source, pipeline and sinks to {@code env}, the sinks writing records up to {@code limits}. */
    public static void addTo(StreamExecutionEnvironment env, KafkaJob job, SinkLimits limits) {
        addSinks(job.buildPipeline(addSource(env, job)), job, limits);
    }

    /**
     * Adds several jobs to one graph, as the demo runs them. The jobs name their operators' uids
     * without a job prefix ({@code decode-scores}, {@code event-time}, …) so that each job's
     * savepoints stay compatible on its own; side by side those uids would collide, so every uid
     * and name of a job's operators gets the job's label as a prefix ({@code
     * window-softmax/decode-scores}), which also tells them apart in the web UI and the metrics.
     *
     * @param jobs the jobs by label, in the order to add them
     * @param limits the sinks' limits of each job, e.g. {@code job -> SinkLimits.of(job.kafka())}
     */
    public static void addAll(
            StreamExecutionEnvironment env, Map<String, KafkaJob> jobs, Function<KafkaJob, SinkLimits> limits) {
        for (Map.Entry<String, KafkaJob> job : jobs.entrySet()) {
            Set<Transformation<?>> before = reachable(env);
            addTo(env, job.getValue(), limits.apply(job.getValue()));
            String prefix = job.getKey() + "/";
            for (Transformation<?> t : reachable(env)) {
                if (!before.contains(t)) {
                    t.setName(prefix + t.getName());
                    if (t.getUid() != null) {
                        t.setUid(prefix + t.getUid());
                    }
                }
            }
        }
    }

    /** Every transformation added to {@code env} so far, with everything upstream of it. */
    public static Set<Transformation<?>> reachable(StreamExecutionEnvironment env) {
        Set<Transformation<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Transformation<?>> todo = new ArrayDeque<>(env.getTransformations());
        while (!todo.isEmpty()) {
            Transformation<?> t = todo.pop();
            if (seen.add(t)) {
                todo.addAll(t.getInputs());
            }
        }
        return seen;
    }

    /** The job's Kafka source, as undecoded records. */
    public static DataStream<KafkaRecord> addSource(StreamExecutionEnvironment env, KafkaJob job) {
        String prefix = job.name();
        return env.fromSource(KafkaConnectors.source(job.kafka()), WatermarkStrategy.noWatermarks(), prefix + "-source")
                .uid(prefix + "-source");
    }

    /**
     * The job's encoders and Kafka sinks: results encoded ({@code <job>-encode}; one too large
     * for {@code limits.output()} becomes a dead letter) to the output topic, dead letters
     * counted and encoded ({@code <job>-dead-letters}) to theirs.
     */
    public static <T> void addSinks(Pipeline<T> pipeline, KafkaJob job, SinkLimits limits) {
        String prefix = job.name();
        KafkaOptions kafka = job.kafka();
        SingleOutputStreamOperator<EncodedRecord> encoded = pipeline.output()
                .process(new OutputEncoder<>(pipeline.format(), prefix + "-encode", limits.output(), kafka.deadLetterLimits()))
                .name(prefix + "-encode")
                .uid(prefix + "-encode");
        encoded.sinkTo(KafkaConnectors.sink(kafka, kafka.outputTopic(), "output"))
                .name(prefix + "-sink")
                .uid(prefix + "-sink");
        DataStream<DeadLetter> deadLetters = pipeline.deadLetters().union(encoded.getSideOutput(DeadLetter.TAG));
        deadLetters
                .map(new DeadLetterEncoder(kafka.deadLetterLimits()))
                .name(prefix + "-dead-letters")
                .uid(prefix + "-dead-letters")
                .sinkTo(KafkaConnectors.sink(kafka, kafka.deadLetterTopic(), "dead-letters"))
                .name(prefix + "-dead-letter-sink")
                .uid(prefix + "-dead-letter-sink");
    }

    /**
     * Checks the setup on the brokers ({@link BrokerChecks}), then builds and executes {@code
     * job} (blocks until it ends: bounded input, cancel, or failure).
     *
     * @throws org.infoprob.jobs.kafka.InvalidSetupException for a setup Kafka would refuse,
     *     before anything runs
     */
    public static void run(KafkaJob job) throws Exception {
        SinkLimits limits = BrokerChecks.check(job.kafka());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, job.kafka().runtime());
        addTo(env, job, limits);
        env.execute("infoprob " + job.name() + ": " + job.kafka().inputTopic() + " -> " + job.kafka().outputTopic());
    }
}
