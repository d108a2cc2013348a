package org.infoprob.serde;

import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.Choices;
import org.infoprob.testing.DecoderFuzz;
import org.infoprob.testing.HostileCorpus;
import org.infoprob.testing.InputJson;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Fuzz tests of {@link ScoreEventDecoder} and {@link DecodeFunction}; the properties and checks
 * are those of {@link DecoderFuzz}. The {@code @FuzzTest} targets run on their seed corpus
 * ({@code src/test/resources/org/infoprob/serde/ScoreEventDecoderFuzzTestInputs}, written by
 * {@link FuzzSeedCorpus}) in {@code mvn verify}, and coverage-guided with
 * {@code scripts/fuzz.sh ScoreEventDecoderFuzzTest#<target> <minutes>}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoreEventDecoderFuzzTest {

    private final DecoderFuzz<ScoreEvent> fuzz = new DecoderFuzz<>(
            new ScoreEventDecoder(null, 20, 1 << 20, false).setClock(HostileCorpus.clock(HostileCorpus.NOW)),
            ScoreEventDecoderFuzzTest::event, InputJson::of);

    ScoreEventDecoderFuzzTest() throws Exception {}

    /**
     * A valid score event: the key may be absent; 1 to 20 distinct classes (the decoder's limit
     * here), scores in [-1e300, 1e300] or infinite, at least one above -infinity.
     */
    static ScoreEvent event(Choices c) {
        String key = DecoderFuzz.key(c);
        long ts = DecoderFuzz.timestamp(c);
        Set<String> names = new LinkedHashSet<>();
        for (int n = 1 + c.nextInt(20); n > 0; n--) {
            names.add(DecoderFuzz.name(c));
        }
        double[] scores = new double[names.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = DecoderFuzz.number(c, -1e300, 1e300,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, -1e300, 1e300);
        }
        if (Arrays.stream(scores).allMatch(x -> x == Double.NEGATIVE_INFINITY)) {
            scores[0] = 0.0;
        }
        ScoreEvent e = ScoreEvent.of(key, ts, names.toArray(new String[0]), scores);
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
        fuzz.checkPseudoRandom(20_241_130L, 1000);
    }
}
