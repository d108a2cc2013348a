package org.infoprob.jobs;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.infoprob.model.DeadLetter;

/**
 * What a sample job's {@code buildPipeline} returns: its result stream with the format to write
 * it in, and all its rejected records. {@link JobRunner} attaches the Kafka sinks; tests attach
 * their own.
 *
 * @param output the results
 * @param serializer how a result is written to Kafka
 * @param deadLetters every record rejected anywhere in the pipeline
 */
public record Pipeline<T>(
        DataStream<T> output, SerializationSchema<T> serializer, DataStream<DeadLetter> deadLetters) {}
