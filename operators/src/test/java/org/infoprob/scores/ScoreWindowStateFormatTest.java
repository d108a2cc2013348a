package org.infoprob.scores;

import org.infoprob.model.ProbabilityEvent;
import org.infoprob.testing.StateFixture;
import org.infoprob.testing.StateFixtures;
import org.infoprob.window.ScoreAccumulator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.testing.ExpectedOutputs.assertProbabilityEvents;
import static org.infoprob.testing.ExpectedOutputs.names;
import static org.infoprob.testing.ExpectedOutputs.probabilities;
import static org.infoprob.testing.ExpectedOutputs.values;

/**
 * The window state of {@link ScoreAggregateFunction} ({@link ScoreAccumulator}, a Flink POJO
 * stored under its class name {@code org.infoprob.window.ScoreAccumulator}) under {@link
 * ScoreWindowFunction} written by release 0.1 ({@code src/test/resources/state/0.1}, scripts
 * in {@link StateFixtures}) is read by the current code, whose windows then fire as in 0.1: for
 * MEAN_LOGITS in tumbling windows, and for MEAN_PROBABILITIES in session windows, where a new
 * event merges two restored sessions.
 *
 * <p>The expected outputs were produced by the 0.1 code (commit ffd6c4c) from the uninterrupted
 * sequence, prefix and continuation in one operator without any snapshot ({@code StateFixtures
 * expected}), ordered by window end, key and window start.
 */
class ScoreWindowStateFormatTest {

    /** MEAN_LOGITS, T = 2, top-2, log probabilities; [0 s, 10 s) of sensor-1 and -2 restored. */
    private static final List<ProbabilityEvent> MEAN_LOGITS_CONTINUATION =
            List.of(
                probabilities("sensor-1", 1735689604000L, 1735689600000L, 1735689610000L, 3L,
                        names("cat", "dog", "bird", "fish"),
                        values(0.20781326788795765, 0.4326691115347574, 0.14644353476616814, 0.21307408581111673),
                        values(-1.571115353038844, -0.8377820197055106, -1.921115353038844, -1.5461153530388438),
                        "dog", 0.4326691115347574, names("dog", "fish"),
                        values(0.4326691115347574, 0.21307408581111673), 1.2997530562695694, 0.21959502572364067),
                probabilities("sensor-2", 1735689608000L, 1735689600000L, 1735689610000L, 2L, names("cat", "dog"),
                        values(0.4378234991142019, 0.5621765008857981),
                        values(-0.8259394198788436, -0.5759394198788436), "dog", 0.5621765008857981,
                        names("dog", "cat"), values(0.5621765008857981, 0.4378234991142019), 0.685395294657394,
                        0.1243530017715962),
                probabilities("sensor-3", 1735689609000L, 1735689600000L, 1735689610000L, 1L, names("cat"),
                        values(1.0), values(0.0), "cat", 1.0, names("cat"), values(1.0), 0.0, 1.0),
                probabilities("sensor-1", 1735689615000L, 1735689610000L, 1735689620000L, 2L, names("bird", "cat"),
                        values(0.7310094228074818, 0.26899057719251807),
                        values(-0.31332892901792486, -1.3130789290179248), "bird", 0.7310094228074818,
                        names("bird", "cat"), values(0.7310094228074818, 0.26899057719251807), 0.5822522585661447,
                        0.46201884561496376));

    /** MEAN_PROBABILITIES: sensor-1's restored sessions [0 s, 5 s) and [8 s, 13 s) merged by the event at 4 s. */
    private static final List<ProbabilityEvent> MEAN_PROBABILITIES_CONTINUATION =
            List.of(
                probabilities("sensor-2", 1735689605000L, 1735689601000L, 1735689610000L, 3L, names("a", "b", "c"),
                        values(0.36334352439012685, 0.23991642785861922, 0.39674004775125393), null, "c",
                        0.39674004775125393, null, null, 1.0770994382200163, 0.033396523361127084),
                probabilities("sensor-1", 1735689608000L, 1735689600000L, 1735689613000L, 3L, names("a", "b", "c"),
                        values(0.4166666666666667, 0.4166666666666667, 0.16666666666666666), null, "a",
                        0.4166666666666667, null, null, 1.0281838593329258, 0.0),
                probabilities("sensor-3", 1735689620000L, 1735689620000L, 1735689625000L, 1L, names("x"),
                        values(1.0), null, "x", 1.0, null, null, 0.0, 1.0));

    /**
     * The same on RocksDB, where 0.1 gives another order: Flink's RocksDB backend merges the
     * session accumulators in another argument order than the heap backend, so the union of
     * sensor-1's classes is b, c, a instead of a, b, c (and the tie between a and b goes to b).
     * Produced by the 0.1 code from the uninterrupted sequence on RocksDB.
     */
    private static final List<ProbabilityEvent> MEAN_PROBABILITIES_CONTINUATION_ON_ROCKSDB =
            List.of(
                probabilities("sensor-2", 1735689605000L, 1735689601000L, 1735689610000L, 3L, names("a", "b", "c"),
                        values(0.36334352439012685, 0.23991642785861922, 0.39674004775125393), null, "c",
                        0.39674004775125393, null, null, 1.0770994382200163, 0.033396523361127084),
                probabilities("sensor-1", 1735689608000L, 1735689600000L, 1735689613000L, 3L, names("b", "c", "a"),
                        values(0.4166666666666667, 0.16666666666666666, 0.4166666666666667), null, "b",
                        0.4166666666666667, null, null, 1.0281838593329258, 0.0),
                probabilities("sensor-3", 1735689620000L, 1735689620000L, 1735689625000L, 1L, names("x"),
                        values(1.0), null, "x", 1.0, null, null, 0.0, 1.0));

    @Test
    void meanLogitsWindowsOf01FireWithTheirSumsOnTheHeapBackend() throws Exception {
        assertProbabilityEvents(
                StateFixtures.WINDOW_SOFTMAX_MEAN_LOGITS.restoredRun().main(), MEAN_LOGITS_CONTINUATION);
    }

    @Test
    void meanLogitsWindowsOf01FireWithTheirSumsAfterAChangeToRocksDb() throws Exception {
        assertProbabilityEvents(
                StateFixtures.WINDOW_SOFTMAX_MEAN_LOGITS.restoredRunOnRocksDb().main(), MEAN_LOGITS_CONTINUATION);
    }

    @Test
    void meanProbabilitySessionsOf01MergeAndFireOnTheHeapBackend() throws Exception {
        assertProbabilityEvents(
                StateFixtures.WINDOW_SOFTMAX_MEAN_PROBABILITIES.restoredRun().main(),
                MEAN_PROBABILITIES_CONTINUATION);
    }

    @Test
    void meanProbabilitySessionsOf01MergeAndFireAfterAChangeToRocksDb() throws Exception {
        assertProbabilityEvents(
                StateFixtures.WINDOW_SOFTMAX_MEAN_PROBABILITIES.restoredRunOnRocksDb().main(),
                MEAN_PROBABILITIES_CONTINUATION_ON_ROCKSDB);
    }

    @Test
    void restoredOperatorsContinueBitForBitLikeUninterruptedOnes() throws Exception {
        for (StateFixture<?, ProbabilityEvent> fixture :
                List.of(StateFixtures.WINDOW_SOFTMAX_MEAN_LOGITS, StateFixtures.WINDOW_SOFTMAX_MEAN_PROBABILITIES)) {
            assertThat(fixture.restoredRun().main())
                    .as("%s: window results", fixture.file())
                    .isEqualTo(fixture.uninterruptedRun().main());
            assertThat(fixture.restoredRunOnRocksDb().main())
                    .as("%s: window results on RocksDB", fixture.file())
                    .isEqualTo(fixture.uninterruptedRunOnRocksDb().main());
        }
    }
}
