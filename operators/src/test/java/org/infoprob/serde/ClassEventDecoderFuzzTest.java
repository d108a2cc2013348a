package org.infoprob.serde;

import org.infoprob.model.ClassEvent;
import org.infoprob.testing.Choices;
import org.infoprob.testing.DecoderFuzz;
import org.infoprob.testing.HostileCorpus;
import org.infoprob.testing.InputJson;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fuzz tests of {@link ClassEventDecoder} and {@link DecodeFunction}; the properties and checks
 * are those of {@link DecoderFuzz}. The {@code @FuzzTest} targets run on their seed corpus
 * ({@code src/test/resources/org/infoprob/serde/ClassEventDecoderFuzzTestInputs}, written by
 * {@link FuzzSeedCorpus}) in {@code mvn verify}, and coverage-guided with
 * {@code scripts/fuzz.sh ClassEventDecoderFuzzTest#<target> <minutes>}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassEventDecoderFuzzTest {

    private final DecoderFuzz<ClassEvent> fuzz = new DecoderFuzz<>(
            new ClassEventDecoder().setClock(HostileCorpus.clock(HostileCorpus.NOW)),
            ClassEventDecoderFuzzTest::event, InputJson::of);

    ClassEventDecoderFuzzTest() throws Exception {}

    /** A valid class event: key and ts may be absent, weight in [0, 1e100] or -0.0. */
    static ClassEvent event(Choices c) {
        String key = DecoderFuzz.key(c);
        Long ts = c.nextInt(5) == 0 ? null : DecoderFuzz.timestamp(c);
        double weight = DecoderFuzz.number(c, 0, 1e100, -0.0, 0.0, 1e100, Double.MIN_VALUE);
        ClassEvent e = ClassEvent.of(key, ts, DecoderFuzz.name(c), weight);
        e.topic = "fuzz";
        e.partition = 0;
        e.offset = 1L;
        return e;
    }

    @AfterAll
    void close() throws Exception {
        fuzz.close();
    }

    @FuzzTest
    void validEventsDecodeToWhatTheJsonSaid(FuzzedDataProvider data) throws Exception {
        fuzz.checkValidEvent(Choices.of(data));
    }

    @FuzzTest
    void arbitraryRecordsNeverEscape(FuzzedDataProvider data) throws Exception {
        fuzz.checkArbitraryRecord(Choices.of(data));
    }

    @FuzzTest
    void mutatedEventsNeverEscape(FuzzedDataProvider data) throws Exception {
        fuzz.checkMutatedEvent(Choices.of(data));
    }

    @Test
    void pseudoRandomInputsFromAFixedSeed() {
        fuzz.checkPseudoRandom(20_241_128L, 1000);
    }
}
