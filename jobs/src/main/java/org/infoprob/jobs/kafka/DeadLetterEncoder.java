package org.infoprob.jobs.kafka;

import org.infoprob.internal.DeadLetterCounters;
import org.infoprob.internal.DeadLetters;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;
import org.infoprob.serde.DeadLetterSerializer;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The last step before the dead-letter sink: counts every dead letter of a job, per reason (one
 * place for a dashboard to query: metrics {@code deadLetters} and {@code
 * reason.<REASON>.deadLetters}), and turns it into its Kafka record. The value is the
 * dead-letter JSON cut to the {@link DeadLetterLimits}; the key is the original key's bytes
 * (base64-decoded when the dead letter holds them as base64; the first {@code maxKeyBytes} of a
 * longer key), so a dead letter lands on the partition its record's key would. Every such record
 * fits under the sink's {@link RecordSizeLimit}: the job checks on start that the largest one
 * does ({@link ProducerSettings#checkDeadLetters}).
 *
 * <pre>{@code
 * deadLetters.map(new DeadLetterEncoder(DeadLetterLimits.DEFAULT)).name("softmax-dead-letters").uid("softmax-dead-letters");
 * }</pre>
 */
public final class DeadLetterEncoder extends RichMapFunction<DeadLetter, EncodedRecord>
        implements ResultTypeQueryable<EncodedRecord> {

    private static final long serialVersionUID = 1L;

    private final DeadLetterLimits limits;
    private final DeadLetterSerializer serializer;

    private transient DeadLetterCounters counters;

    /** @throws IllegalArgumentException if {@code limits} is null */
    public DeadLetterEncoder(DeadLetterLimits limits) {
        this.serializer = new DeadLetterSerializer(limits);
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public EncodedRecord map(DeadLetter d) {
        counters.count(Reason.valueOf(d.reason));
        DeadLetter capped = DeadLetters.capped(d, limits);
        return EncodedRecord.of(key(capped), serializer.serialize(capped));
    }

    /** The bytes {@code d.key} stands for; null when there is no key. */
    static byte[] key(DeadLetter d) {
        if (d.key == null) {
            return null;
        }
        if (d.keyBase64) {
            try {
                return Base64.getDecoder().decode(d.key);
            } catch (IllegalArgumentException notBase64) {
                // Not what the flag says (a dead letter built by hand): the text is the key.
            }
        }
        return d.key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<EncodedRecord> getProducedType() {
        return TypeInformation.of(EncodedRecord.class);
    }
}
