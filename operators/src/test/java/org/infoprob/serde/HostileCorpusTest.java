package org.infoprob.serde;

import org.infoprob.internal.DeadLetters;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;
import org.infoprob.testing.FunctionRun;
import org.infoprob.testing.HostileCorpus;
import org.infoprob.testing.HostileCorpus.Entry;
import org.infoprob.testing.HostileCorpus.Format;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of hostile record of {@link HostileCorpus} through a {@link DecodeFunction} with
 * the default decoder settings and a fixed clock: accepted ones come out as events, every other
 * one as exactly one dead letter with its expected reason, its origin, and a payload within the
 * limits whose digest is that of the original bytes.
 */
class HostileCorpusTest {

    private static final List<Entry> CORPUS = HostileCorpus.entries(HostileCorpus.NOW);

    @Test
    void corpusHasAtLeastFortyKindsAndEveryNewReason() {
        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(40);
        Set<Reason> reasons = CORPUS.stream().filter(e -> !e.accepted()).map(Entry::expected).collect(Collectors.toSet());
        assertThat(reasons).containsAll(EnumSet.of(
                Reason.TOMBSTONE, Reason.TIMESTAMP_OUT_OF_RANGE, Reason.DUPLICATE_FIELD, Reason.DUPLICATE_CLASS,
                Reason.INVALID_UNICODE, Reason.INVALID_KEY, Reason.JSON_LIMIT_EXCEEDED, Reason.INVALID_UTF8,
                Reason.INVALID_JSON, Reason.NOT_AN_OBJECT, Reason.RECORD_TOO_LARGE, Reason.OUT_OF_RANGE, Reason.WRONG_TYPE));
    }

    @Test
    void everyEntryGetsItsOutcomeThroughDecodeFunction() throws Exception {
        for (Format format : Format.values()) {
            List<Entry> entries = CORPUS.stream().filter(e -> e.format() == format).collect(Collectors.toList());
            List<KafkaRecord> records = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                records.add(KafkaRecord.of(e.key(), e.value(), format.topic(), 2, i, e.kafkaTimestamp()));
            }
            DecodeFunction<?> fn = new DecodeFunction<>(format.decoder(HostileCorpus.clock(HostileCorpus.NOW)), "decode-" + format.topic());
            FunctionRun<?> run = FunctionRun.of(fn, records.toArray(new KafkaRecord[0]));

            List<DeadLetter> dead = run.rejected;
            int accepted = 0;
            int rejected = 0;
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (e.accepted()) {
                    accepted++;
                    continue;
                }
                DeadLetter d = dead.get(rejected++);
                assertThat(d.offset).as("dead letters in input order, %s", e).isEqualTo((long) i);
                assertThat(d.reason).as("%s: %s", e, d.error).isEqualTo(e.expected().name());
                assertThat(d.rejectedBy).isEqualTo("decode-" + format.topic());
                assertThat(d.topic).isEqualTo(format.topic());
                assertThat(d.partition).isEqualTo(2);
                if (e.value() == null) {
                    assertThat(d.payload).as("a tombstone has no payload").isNull();
                    assertThat(d.originalSize).isNull();
                } else {
                    assertThat(d.originalSize).as("%s", e).isEqualTo(e.value().length);
                    assertThat(d.payloadSha256).as("%s", e).isEqualTo(DeadLetters.sha256Hex(e.value()));
                    assertThat(d.payloadTruncated).as("%s", e).isEqualTo(e.value().length > DeadLetterLimits.DEFAULT_MAX_PAYLOAD_BYTES);
                }
                assertThat(new DeadLetterSerializer().serialize(d).length)
                        .as("%s", e)
                        .isLessThanOrEqualTo(DeadLetterSerializer.maxSerializedBytes(DeadLetterLimits.DEFAULT));
            }
            assertThat(dead).as("one dead letter per rejected entry of %s", format).hasSize(rejected);
            assertThat(run.outputs).as("one event per accepted entry of %s", format).hasSize(accepted);
            assertThat(run.metrics.count("decodedRecords")).isEqualTo(accepted);
            assertThat(run.metrics.count("deadLetters")).isEqualTo(rejected);
        }
    }

    @Test
    void tombstonesAreCountedApartFromInvalidJson() throws Exception {
        FunctionRun<?> run = FunctionRun.of(
                new DecodeFunction<>(new ClassEventDecoder(), "decode"),
                KafkaRecord.of(null, null, "t", 0, 0, -1),
                KafkaRecord.of(null, new byte[0], "t", 0, 1, -1));
        assertThat(run.metrics.count("reason.TOMBSTONE.deadLetters")).isEqualTo(1);
        assertThat(run.metrics.count("reason.INVALID_JSON.deadLetters")).isEqualTo(1);
        assertThat(run.rejected.get(1).error).contains("empty (0 bytes)");
    }
}
