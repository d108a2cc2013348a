package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * Turns one {@link KafkaRecord} into an event, or says why it cannot.
 *
 * @param <T> the event type
 */
@PublicEvolving
public interface RecordDecoder<T> extends Serializable {

    /**
     * Decodes a record.
     *
     * @throws DecodeException with the {@link org.infoprob.model.Reason} of a bad record
     */
    T decode(KafkaRecord record) throws DecodeException;

    /** The class of the events this decoder produces (for Flink's type information). */
    Class<T> producedType();
}
