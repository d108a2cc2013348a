package org.infoprob.serde;

import org.infoprob.model.ScoreEvent;
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

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Property tests of {@link ScoreEventDecoder} and {@link DecodeFunction}; the checks are those of {@link DecoderFuzz}. */
class ScoreEventDecoderFuzzTest {

    private final ScoreEventDecoder decoder =
            (ScoreEventDecoder) new ScoreEventDecoder(null, 20, 1 << 20, false).setClock(HostileCorpus.clock(HostileCorpus.NOW));
    private final DecoderFuzz<ScoreEvent> fuzz = new DecoderFuzz<>(decoder, InputJson::of);

    ScoreEventDecoderFuzzTest() throws Exception {}

    @AfterProperty
    void close() throws Exception {
        fuzz.close();
    }

    @Property
    void validEventsDecodeToWhatTheJsonSaid(@ForAll("events") ScoreEvent e) throws Exception {
        ScoreEvent decoded = decoder.decode(DecoderFuzz.recordOf(InputJson.of(e)));
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
    Arbitrary<ScoreEvent> events() {
        Arbitrary<List<String>> classes = DecoderFuzz.names().list().ofMinSize(1).ofMaxSize(20).uniqueElements();
        return classes.flatMap(names -> Combinators.combine(
                        DecoderFuzz.names().injectNull(0.2),
                        DecoderFuzz.timestamps(),
                        scores().array(double[].class).ofSize(names.size())
                                .filter(s -> Arrays.stream(s).anyMatch(x -> x > Double.NEGATIVE_INFINITY)))
                .as((key, ts, scores) -> ScoreEvent.of(key, ts, names.toArray(new String[0]), scores)));
    }

    private static net.jqwik.api.arbitraries.DoubleArbitrary scores() {
        return Arbitraries.doubles()
                .between(-1e300, 1e300)
                .withSpecialValue(Double.POSITIVE_INFINITY)
                .withSpecialValue(Double.NEGATIVE_INFINITY)
                .withSpecialValue(-0.0)
                .withSpecialValue(Double.MIN_VALUE);
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
