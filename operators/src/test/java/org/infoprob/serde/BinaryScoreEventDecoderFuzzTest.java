package org.infoprob.serde;

import org.infoprob.model.BinaryScoreEvent;
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
 * Fuzz tests of {@link BinaryScoreEventDecoder} and {@link DecodeFunction}; the properties and checks
 * are those of {@link DecoderFuzz}. The {@code @FuzzTest} targets run on their seed corpus
 * ({@code src/test/resources/org/infoprob/serde/BinaryScoreEventDecoderFuzzTestInputs}, written by
 * {@link FuzzSeedCorpus}) in {@code mvn verify}, and coverage-guided with
 * {@code scripts/fuzz.sh BinaryScoreEventDecoderFuzzTest#<target> <minutes>}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryScoreEventDecoderFuzzTest {

    private final DecoderFuzz<BinaryScoreEvent> fuzz = new DecoderFuzz<>(
            new BinaryScoreEventDecoder().setClock(HostileCorpus.clock(HostileCorpus.NOW)),
            BinaryScoreEventDecoderFuzzTest::event, InputJson::of);

    BinaryScoreEventDecoderFuzzTest() throws Exception {}

    /** A valid binary score event: the key may be absent, the score is any double but NaN. */
    static BinaryScoreEvent event(Choices c) {
        double score = DecoderFuzz.number(c, -Double.MAX_VALUE, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE);
        BinaryScoreEvent e = BinaryScoreEvent.of(DecoderFuzz.key(c), DecoderFuzz.timestamp(c), score);
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
        fuzz.checkPseudoRandom(20_241_129L, 1000);
    }
}
