/**
 * Kafka records to events and events to JSON bytes: {@link org.infoprob.serde.DecodeFunction}
 * runs a {@link org.infoprob.serde.RecordDecoder} ({@code ScoreEventDecoder}, {@code
 * BinaryScoreEventDecoder}, {@code ClassEventDecoder}, {@code LabelEventDecoder}) after the source, so a poison record
 * becomes a dead letter with its original bytes; the {@code ...Serializer} classes are Flink
 * {@link org.apache.flink.api.common.serialization.SerializationSchema}s for the results and the
 * dead letters. The rules every decoder shares for hostile input are in {@link
 * org.infoprob.serde.JsonRecordReader}; the dead-letter JSON and its size bound in {@link
 * org.infoprob.serde.DeadLetterSerializer}.
 *
 * <p>Imports: {@code model}, {@code internal} (the rules and the Jackson factory), Flink,
 * Jackson's streaming API; never an operator family.
 */
package org.infoprob.serde;
