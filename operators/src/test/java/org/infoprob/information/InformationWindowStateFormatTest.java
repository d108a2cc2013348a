package org.infoprob.information;

import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.testing.InformationReference;
import org.infoprob.testing.StateFixture;
import org.infoprob.testing.StateFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.testing.ExpectedOutputs.assertDistributions;
import static org.infoprob.testing.ExpectedOutputs.distribution;
import static org.infoprob.testing.ExpectedOutputs.names;
import static org.infoprob.testing.ExpectedOutputs.values;
import static org.infoprob.testing.InformationReference.assertClose;

/**
 * The window state of {@link ClassCountAggregate} ({@link ClassCountAccumulator}, a Flink POJO)
 * under {@link InformationWindowFunction} written by release 0.1 ({@code
 * src/test/resources/state/0.1/window-surprisal-sliding-heap.snapshot}, script in {@link
 * StateFixtures#WINDOW_SURPRISAL}) is read by the current code, whose windows then fire as in
 * 0.1: open windows keep their counts (and their count of invalid events) and take the new
 * events. No window ever held more classes than the limit, so the conversion is exact and the
 * restored operator continues bit for bit like an uninterrupted v2 one.
 *
 * <p>Where the literals come from:
 *
 * <ul>
 *   <li><b>From 0.1</b> (commit ffd6c4c, {@code StateFixtures expected} on the uninterrupted
 *       sequence, ordered by window end, key and window start), the independent reference:
 *       names, counts, probabilities, surprisals, scores, total, distinct, unseen probability,
 *       entropy, ignoredInvalid. Their formulas did not change (the v2 entropy is a compensated
 *       sum, within the tolerance of {@code ExpectedOutputs}).
 *   <li><b>From v2</b> (printed by {@code StateFixtures expected} on the v2 code): rarities and
 *       unseen rarity (the unseen slot is now in the rarity softmax), and countErrors /
 *       countError, 0 as no window evicted a class. The rarities are checked against a
 *       plain-double recomputation from the 0.1 probabilities ({@link InformationReference}),
 *       and one is computed by hand below.
 * </ul>
 */
class InformationWindowStateFormatTest {

    /** a = 0.5, T = 2. */
    private static final double TEMPERATURE = 2.0;

    /**
     * Windows [0 s, 10 s), [5 s, 15 s) and [10 s, 20 s) were open at the snapshot; user-2's
     * first two windows hold the invalid event of the prefix (ignoredInvalid 1); [15 s, 25 s)
     * of user-4 is new.
     *
     * <p>By hand, user-2 in [0 s, 10 s): view once, a = 0.5, so {@code D = 1 + 0.5 * 2 = 2},
     * {@code p_view = 1.5 / 2 = 3/4}, {@code p_u = 0.5 / 2 = 1/4}; at T = 2 the weights are
     * {@code p^(-1/2)}: {@code 2/sqrt(3)} and 2, so rarity(view) {@code = (2/sqrt 3) / (2/sqrt 3 +
     * 2) = 1 / (1 + sqrt 3) = (sqrt 3 - 1) / 2 = 0.36602540378443865} and the unseen rarity
     * {@code (3 - sqrt 3) / 2 = 0.6339745962155614}.
     */
    private static final List<ClassDistribution> CONTINUATION =
            List.of(
                distribution("user-1", 1735689609999L, 1735689600000L, 1735689610000L,
                        names("view", "login", "logout"), values(3.0, 2.5, 1.0), values(0.0, 0.0, 0.0),
                        values(0.4117647058823529, 0.35294117647058826, 0.17647058823529413),
                        values(0.8873031950009027, 1.0414538748281612, 1.7346010553881064),
                        values(0.0, 0.1541506798272583, 0.8472978603872037),
                        values(0.15991300751705542, 0.17272578933676386, 0.2442711538516496), 6.5, 3,
                        0.058823529411764705, 0.4230900492945311, 0.0, 1.205697772011519, 0L),
                distribution("user-2", 1735689609999L, 1735689600000L, 1735689610000L, names("view"), values(1.0),
                        values(0.0), values(0.75), values(0.2876820724517809), values(0.0),
                        values(0.36602540378443865), 1.0, 1, 0.25, 0.6339745962155614, 0.0, 0.5623351446188083, 1L),
                distribution("user-3", 1735689609999L, 1735689600000L, 1735689610000L, names("purchase"),
                        values(1.0), values(0.0), values(0.75), values(0.2876820724517809), values(0.0),
                        values(0.36602540378443865), 1.0, 1, 0.25, 0.6339745962155614, 0.0, 0.5623351446188083, 0L),
                distribution("user-1", 1735689614999L, 1735689605000L, 1735689615000L,
                        names("login", "logout", "view"), values(1.5, 1.0, 1.0), values(0.0, 0.0, 0.0),
                        values(0.36363636363636365, 0.2727272727272727, 0.2727272727272727),
                        values(1.0116009116784799, 1.2992829841302609, 1.2992829841302609),
                        values(0.0, 0.2876820724517809, 0.2876820724517809),
                        values(0.18834516088404463, 0.21748225867393312, 0.21748225867393312), 3.5, 3,
                        0.09090909090909091, 0.37669032176808925, 0.0, 1.2945451658448959, 0L),
                distribution("user-2", 1735689614999L, 1735689605000L, 1735689615000L, names("logout", "view"),
                        values(1.0, 1.0), values(0.0, 0.0), values(0.42857142857142855, 0.42857142857142855),
                        values(0.8472978603872037, 0.8472978603872037), values(0.0, 0.0),
                        values(0.2679491924311227, 0.2679491924311227), 2.0, 2, 0.14285714285714285,
                        0.4641016151377546, 0.0, 1.0042424730540764, 1L),
                distribution("user-3", 1735689614999L, 1735689605000L, 1735689615000L, names("purchase"),
                        values(2.0), values(0.0), values(0.8333333333333334), values(0.18232155679395462),
                        values(0.0), values(0.30901699437494745), 2.0, 1, 0.16666666666666666, 0.6909830056250527,
                        0.0, 0.45056120886630463, 0L),
                distribution("user-1", 1735689619999L, 1735689610000L, 1735689620000L, names("login"), values(1.0),
                        values(0.0), values(0.75), values(0.2876820724517809), values(0.0),
                        values(0.36602540378443865), 1.0, 1, 0.25, 0.6339745962155614, 0.0, 0.5623351446188083, 0L),
                distribution("user-2", 1735689619999L, 1735689610000L, 1735689620000L, names("logout", "view"),
                        values(1.0, 1.0), values(0.0, 0.0), values(0.42857142857142855, 0.42857142857142855),
                        values(0.8472978603872037, 0.8472978603872037), values(0.0, 0.0),
                        values(0.2679491924311227, 0.2679491924311227), 2.0, 2, 0.14285714285714285,
                        0.4641016151377546, 0.0, 1.0042424730540764, 0L),
                distribution("user-3", 1735689619999L, 1735689610000L, 1735689620000L, names("purchase"),
                        values(1.0), values(0.0), values(0.75), values(0.2876820724517809), values(0.0),
                        values(0.36602540378443865), 1.0, 1, 0.25, 0.6339745962155614, 0.0, 0.5623351446188083, 0L),
                distribution("user-4", 1735689619999L, 1735689610000L, 1735689620000L, names("login"), values(1.0),
                        values(0.0), values(0.75), values(0.2876820724517809), values(0.0),
                        values(0.36602540378443865), 1.0, 1, 0.25, 0.6339745962155614, 0.0, 0.5623351446188083, 0L),
                distribution("user-4", 1735689624999L, 1735689615000L, 1735689625000L, names("login"), values(1.0),
                        values(0.0), values(0.75), values(0.2876820724517809), values(0.0),
                        values(0.36602540378443865), 1.0, 1, 0.25, 0.6339745962155614, 0.0, 0.5623351446188083, 0L));

    @Test
    void openWindowsOf01FireWithTheirCountsOnTheHeapBackend() throws Exception {
        assertDistributions(StateFixtures.WINDOW_SURPRISAL.restoredRun().main(), CONTINUATION);
    }

    @Test
    void openWindowsOf01FireWithTheirCountsAfterAChangeToRocksDb() throws Exception {
        assertDistributions(StateFixtures.WINDOW_SURPRISAL.restoredRunOnRocksDb().main(), CONTINUATION);
    }

    @Test
    void restoredOperatorContinuesBitForBitLikeAnUninterruptedOne() throws Exception {
        StateFixture<ClassEvent, ClassDistribution> fixture = StateFixtures.WINDOW_SURPRISAL;
        assertThat(fixture.restoredRun().main()).as("window results").isEqualTo(fixture.uninterruptedRun().main());
        assertThat(fixture.restoredRunOnRocksDb().main())
                .as("window results on RocksDB")
                .isEqualTo(fixture.uninterruptedRunOnRocksDb().main());
    }

    @Test
    void v2RarityLiteralsFollowFromThe01Probabilities() {
        assertClose(CONTINUATION.get(1).rarities[0], 1 / (1 + Math.sqrt(3)), "rarity by hand");
        assertClose(CONTINUATION.get(1).unseenRarity, (3 - Math.sqrt(3)) / 2, "unseen rarity by hand");
        for (ClassDistribution d : CONTINUATION) {
            InformationReference.assertFollowsItsProbabilities(d, TEMPERATURE);
            assertClose(InformationReference.mass(d), 1.0, d.key + " at " + d.ts + ": probabilities and unseen slot");
        }
    }
}
