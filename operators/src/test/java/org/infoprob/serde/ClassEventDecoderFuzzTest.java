package org.infoprob.serde;

import org.infoprob.model.ClassEvent;
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

/** Property tests of {@link ClassEventDecoder} and {@link DecodeFunction}; the checks are those of {@link DecoderFuzz}. */
class ClassEventDecoderFuzzTest {

    private final ClassEventDecoder decoder = (ClassEventDecoder) new ClassEventDecoder().setClock(HostileCorpus.clock(HostileCorpus.NOW));
    private final DecoderFuzz<ClassEvent> fuzz = new DecoderFuzz<>(decoder, InputJson::of);

    ClassEventDecoderFuzzTest() throws Exception {}

    @AfterProperty
    void close() throws Exception {
        fuzz.close();
    }

    @Property
    void validEventsDecodeToWhatTheJsonSaid(@ForAll("events") ClassEvent e) throws Exception {
        ClassEvent decoded = decoder.decode(DecoderFuzz.recordOf(InputJson.of(e)));
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
    Arbitrary<ClassEvent> events() {
        return Combinators.combine(
                        DecoderFuzz.names().injectNull(0.2),
                        DecoderFuzz.timestamps().injectNull(0.2),
                        DecoderFuzz.names(),
                        Arbitraries.doubles().between(0, 1e100).withSpecialValue(-0.0))
                .as(ClassEvent::of);
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
