package org.infoprob.serde;

import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.testing.DecoderFuzz;
import org.infoprob.testing.HostileCorpus;
import org.infoprob.testing.InputJson;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

import static org.assertj.core.api.Assertions.assertThat;

/** Property tests of {@link BinaryScoreEventDecoder} and {@link DecodeFunction}; the checks are those of {@link DecoderFuzz}. */
class BinaryScoreEventDecoderFuzzTest {

    private final BinaryScoreEventDecoder decoder =
            (BinaryScoreEventDecoder) new BinaryScoreEventDecoder().setClock(HostileCorpus.clock(HostileCorpus.NOW));
    private final DecoderFuzz<BinaryScoreEvent> fuzz = new DecoderFuzz<>(decoder, InputJson::of);

    BinaryScoreEventDecoderFuzzTest() throws Exception {}

    @AfterProperty
    void close() throws Exception {
        fuzz.close();
    }

    @Property
    void validEventsDecodeToWhatTheJsonSaid(@ForAll("events") BinaryScoreEvent e) throws Exception {
        BinaryScoreEvent decoded = decoder.decode(DecoderFuzz.recordOf(InputJson.of(e)));
        e.topic = "fuzz";
        e.partition = 0;
        e.offset = 1L;
        assertThat(decoded).isEqualTo(e);
    }

    @Property
    void arbitraryBytesNeverEscape(@ForAll("arbitrary") KafkaRecord r) throws Exception {
        fuzz.check(r);
    }

    @Property
    void mutatedEventsNeverEscape(@ForAll("mutated") KafkaRecord r) throws Exception {
        fuzz.check(r);
    }

    @Provide
    Arbitrary<BinaryScoreEvent> events() {
        return Combinators.combine(
                        DecoderFuzz.names().injectNull(0.2),
                        DecoderFuzz.timestamps(),
                        Arbitraries.doubles()
                                .withSpecialValue(Double.POSITIVE_INFINITY)
                                .withSpecialValue(Double.NEGATIVE_INFINITY)
                                .withSpecialValue(-0.0))
                .as(BinaryScoreEvent::of);
    }

    @Provide
    Arbitrary<KafkaRecord> arbitrary() {
        return DecoderFuzz.arbitraryRecords();
    }

    @Provide
    Arbitrary<KafkaRecord> mutated() {
        return DecoderFuzz.mutated(events().map(InputJson::of));
    }
}
