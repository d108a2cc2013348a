package org.infoprob.information;

import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.testing.StateFixture;
import org.infoprob.testing.StateFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.testing.ExpectedOutputs.assertDistributions;
import static org.infoprob.testing.ExpectedOutputs.distribution;
import static org.infoprob.testing.ExpectedOutputs.names;
import static org.infoprob.testing.ExpectedOutputs.values;

/**
 * The window state of {@link ClassCountAggregate} ({@link ClassCountAccumulator}, a Flink POJO)
 * under {@link InformationWindowFunction} written by release 0.1 ({@code
 * src/test/resources/state/0.1/window-surprisal-sliding-heap.snapshot}, script in {@link
 * StateFixtures#WINDOW_SURPRISAL}) is read by the current code, whose windows then fire as in
 * 0.1: open windows keep their counts (and their count of invalid events) and take the new
 * events.
 *
 * <p>The expected outputs were produced by the 0.1 code (commit ffd6c4c) from the uninterrupted
 * sequence, prefix and continuation in one operator without any snapshot ({@code StateFixtures
 * expected}), ordered by window end, key and window start.
 */
class InformationWindowStateFormatTest {

    /**
     * Windows [0 s, 10 s), [5 s, 15 s) and [10 s, 20 s) were open at the snapshot; user-2's
     * first two windows hold the invalid event of the prefix (ignoredInvalid 1); [15 s, 25 s)
     * of user-4 is new.
     */
    private static final List<ClassDistribution> CONTINUATION =
            List.of(
                distribution("user-1", 1735689609999L, 1735689600000L, 1735689610000L,
                        names("view", "login", "logout"), values(3.0, 2.5, 1.0),
                        values(0.4117647058823529, 0.35294117647058826, 0.17647058823529413),
                        values(0.8873031950009027, 1.0414538748281612, 1.7346010553881064),
                        values(0.0, 0.1541506798272583, 0.8472978603872037),
                        values(0.27718885299431445, 0.2993981801242079, 0.4234129668814776), 6.5, 3,
                        0.058823529411764705, 1.205697772011519, 0L),
                distribution("user-2", 1735689609999L, 1735689600000L, 1735689610000L, names("view"), values(1.0),
                        values(0.75), values(0.2876820724517809), values(0.0), values(1.0), 1.0, 1, 0.25,
                        0.5623351446188083, 1L),
                distribution("user-3", 1735689609999L, 1735689600000L, 1735689610000L, names("purchase"),
                        values(1.0), values(0.75), values(0.2876820724517809), values(0.0), values(1.0), 1.0, 1,
                        0.25, 0.5623351446188083, 0L),
                distribution("user-1", 1735689614999L, 1735689605000L, 1735689615000L,
                        names("login", "logout", "view"), values(1.5, 1.0, 1.0),
                        values(0.36363636363636365, 0.2727272727272727, 0.2727272727272727),
                        values(1.0116009116784799, 1.2992829841302609, 1.2992829841302609),
                        values(0.0, 0.2876820724517809, 0.2876820724517809),
                        values(0.30216947925196225, 0.34891526037401893, 0.34891526037401893), 3.5, 3,
                        0.09090909090909091, 1.2945451658448959, 0L),
                distribution("user-2", 1735689614999L, 1735689605000L, 1735689615000L, names("logout", "view"),
                        values(1.0, 1.0), values(0.42857142857142855, 0.42857142857142855),
                        values(0.8472978603872037, 0.8472978603872037), values(0.0, 0.0), values(0.5, 0.5), 2.0, 2,
                        0.14285714285714285, 1.0042424730540764, 1L),
                distribution("user-3", 1735689614999L, 1735689605000L, 1735689615000L, names("purchase"),
                        values(2.0), values(0.8333333333333334), values(0.18232155679395462), values(0.0),
                        values(1.0), 2.0, 1, 0.16666666666666666, 0.45056120886630463, 0L),
                distribution("user-1", 1735689619999L, 1735689610000L, 1735689620000L, names("login"), values(1.0),
                        values(0.75), values(0.2876820724517809), values(0.0), values(1.0), 1.0, 1, 0.25,
                        0.5623351446188083, 0L),
                distribution("user-2", 1735689619999L, 1735689610000L, 1735689620000L, names("logout", "view"),
                        values(1.0, 1.0), values(0.42857142857142855, 0.42857142857142855),
                        values(0.8472978603872037, 0.8472978603872037), values(0.0, 0.0), values(0.5, 0.5), 2.0, 2,
                        0.14285714285714285, 1.0042424730540764, 0L),
                distribution("user-3", 1735689619999L, 1735689610000L, 1735689620000L, names("purchase"),
                        values(1.0), values(0.75), values(0.2876820724517809), values(0.0), values(1.0), 1.0, 1,
                        0.25, 0.5623351446188083, 0L),
                distribution("user-4", 1735689619999L, 1735689610000L, 1735689620000L, names("login"), values(1.0),
                        values(0.75), values(0.2876820724517809), values(0.0), values(1.0), 1.0, 1, 0.25,
                        0.5623351446188083, 0L),
                distribution("user-4", 1735689624999L, 1735689615000L, 1735689625000L, names("login"), values(1.0),
                        values(0.75), values(0.2876820724517809), values(0.0), values(1.0), 1.0, 1, 0.25,
                        0.5623351446188083, 0L));

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
}
