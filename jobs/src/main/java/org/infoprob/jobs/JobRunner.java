package org.infoprob.jobs;

import org.infoprob.jobs.kafka.KafkaConnectors;
import org.infoprob.jobs.options.KafkaOptions;
import org.infoprob.jobs.options.RuntimeOptions;
import org.infoprob.serde.DeadLetterSerializer;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a sample job against Kafka: the environment (checkpointing with the job's guarantee,
 * parallelism, no Kryo fallback, object reuse), the source, the job's pipeline, and two sinks:
 * results to the output topic, rejected records (counted per reason) to the dead-letter topic.
 * Every operator is named and has a uid, so savepoints stay compatible across versions.
 *
 * <pre>{@code
 * SoftmaxJob job = (SoftmaxJob) InfoprobJobs.parse("softmax", "--bootstrap-servers", "kafka:9092");
 * JobRunner.run(job);
 * }</pre>
 */
public final class JobRunner {

    private JobRunner() {}

    /**
     * Applies checkpointing, guarantee, parallelism, the no-Kryo rule and object reuse to {@code
     * env}, which may be a local or a cluster one. Object reuse is safe here because every
     * function of the sample jobs makes a new output object per record and never changes or
     * keeps its input; without it, Flink deep-copies every record between chained operators
     * (about 7% of the softmax job's time in a profile, see BENCHMARKS.md).
     */
    public static void configure(StreamExecutionEnvironment env, RuntimeOptions runtime) {
        env.enableCheckpointing(runtime.checkpointInterval().toMillis(), runtime.guarantee().checkpointingMode());
        Configuration options = new Configuration();
        options.set(PipelineOptions.GENERIC_TYPES, false);
        options.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(options);
        runtime.parallelism().ifPresent(env::setParallelism);
    }

    /** Adds {@code job}'s source, pipeline and sinks to {@code env}. */
    public static void addTo(StreamExecutionEnvironment env, KafkaJob job) {
        addSinks(job.buildPipeline(addSource(env, job)), job);
    }

    /** The job's Kafka source, as undecoded records. */
    public static DataStream<KafkaRecord> addSource(StreamExecutionEnvironment env, KafkaJob job) {
        String prefix = job.name();
        return env.fromSource(KafkaConnectors.source(job.kafka()), WatermarkStrategy.noWatermarks(), prefix + "-source")
                .uid(prefix + "-source");
    }

    /** The job's two Kafka sinks: results to the output topic, dead letters (counted) to theirs. */
    public static <T> void addSinks(Pipeline<T> pipeline, KafkaJob job) {
        String prefix = job.name();
        KafkaOptions kafka = job.kafka();
        pipeline.output()
                .sinkTo(KafkaConnectors.sink(kafka, kafka.outputTopic(), pipeline.serializer(), "output"))
                .name(prefix + "-sink")
                .uid(prefix + "-sink");
        pipeline.deadLetters()
                .map(new DeadLetterMetrics())
                .name(prefix + "-dead-letters")
                .uid(prefix + "-dead-letters")
                .sinkTo(KafkaConnectors.sink(kafka, kafka.deadLetterTopic(), new DeadLetterSerializer(), "dead-letters"))
                .name(prefix + "-dead-letter-sink")
                .uid(prefix + "-dead-letter-sink");
    }

    /** Builds and executes {@code job} (blocks until it ends: bounded input, cancel, or failure). */
    public static void run(KafkaJob job) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, job.kafka().runtime());
        addTo(env, job);
        env.execute("infoprob " + job.name() + ": " + job.kafka().inputTopic() + " -> " + job.kafka().outputTopic());
    }
}
