package org.infoprob.jobs;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.infoprob.jobs.kafka.KafkaConnectors;
import org.infoprob.serde.DeadLetterSerializer;
import org.infoprob.serde.KafkaRecord;

import java.time.Duration;
import java.util.function.BiFunction;

/**
 * Runs a sample job against Kafka: the environment (checkpointing with the job's guarantee,
 * parallelism, no Kryo fallback, object reuse), the source, the job's pipeline, and two sinks: results to
 * the output topic, rejected records (counted per reason) to the dead-letter topic. Every
 * operator is named and has a uid, so savepoints stay compatible across versions.
 */
public final class JobRunner {

    /** How long a source partition may stay silent before it stops holding back watermarks. */
    public static final Duration SOURCE_IDLENESS = Duration.ofSeconds(10);

    private JobRunner() {}

    /** A configured environment for {@code p}; {@code env} may be a local or a cluster one. */
    public static StreamExecutionEnvironment environment(JobParameters p) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, p);
        return env;
    }

    /**
     * Applies checkpointing, guarantee, parallelism, the no-Kryo rule and object reuse to {@code
     * env}. Object reuse is safe here because every function of the sample jobs makes a new
     * output object per record and never changes or keeps its input; without it, Flink
     * deep-copies every record between chained operators (about 7% of the softmax job's time in
     * a profile, see BENCHMARKS.md).
     */
    public static void configure(StreamExecutionEnvironment env, JobParameters p) {
        env.enableCheckpointing(
                p.checkpointInterval().toMillis(),
                p.exactlyOnce() ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        Configuration options = new Configuration();
        options.set(PipelineOptions.GENERIC_TYPES, false);
        options.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(options);
        if (p.parallelism() > 0) {
            env.setParallelism(p.parallelism());
        }
    }

    /** Adds {@code job}'s source, pipeline and sinks to {@code env}. */
    public static void addTo(
            StreamExecutionEnvironment env,
            JobParameters p,
            BiFunction<DataStream<KafkaRecord>, JobParameters, ? extends Pipeline<?>> job) {
        addSinks(job.apply(addSource(env, p), p), p);
    }

    /** The job's Kafka source, as undecoded records. */
    public static DataStream<KafkaRecord> addSource(StreamExecutionEnvironment env, JobParameters p) {
        String prefix = p.job().cliName();
        return env.fromSource(KafkaConnectors.source(p), WatermarkStrategy.noWatermarks(), prefix + "-source")
                .uid(prefix + "-source");
    }

    /** The job's two Kafka sinks: results to the output topic, dead letters (counted) to theirs. */
    public static <T> void addSinks(Pipeline<T> pipeline, JobParameters p) {
        String prefix = p.job().cliName();
        pipeline.output()
                .sinkTo(KafkaConnectors.sink(p, p.outputTopic(), pipeline.serializer(), "output"))
                .name(prefix + "-sink")
                .uid(prefix + "-sink");
        pipeline.deadLetters()
                .map(new DeadLetterMetrics())
                .name(prefix + "-dead-letters")
                .uid(prefix + "-dead-letters")
                .sinkTo(KafkaConnectors.sink(p, p.deadLetterTopic(), new DeadLetterSerializer(), "dead-letters"))
                .name(prefix + "-dead-letter-sink")
                .uid(prefix + "-dead-letter-sink");
    }

    /** Builds and executes {@code job} (blocks until it ends: bounded input, cancel, or failure). */
    public static void run(
            JobParameters p, BiFunction<DataStream<KafkaRecord>, JobParameters, ? extends Pipeline<?>> job)
            throws Exception {
        StreamExecutionEnvironment env = environment(p);
        addTo(env, p, job);
        env.execute("infoprob " + p.job().cliName() + ": " + p.inputTopic() + " -> " + p.outputTopic());
    }
}
