package org.infoprob.jobs;

import org.infoprob.jobs.kafka.OutputFormat;
import org.infoprob.model.DeadLetter;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What a sample job's {@code buildPipeline} returns: its result stream with the format to write
 * it in, and all its rejected records. {@link JobRunner} attaches the encoders and the Kafka
 * sinks; tests attach their own.
 *
 * @param output the results
 * @param format how a result is written to Kafka: value, key, event time
 * @param deadLetters every record rejected anywhere in the pipeline
 */
public record Pipeline<T>(DataStream<T> output, OutputFormat<T> format, DataStream<DeadLetter> deadLetters) {}
