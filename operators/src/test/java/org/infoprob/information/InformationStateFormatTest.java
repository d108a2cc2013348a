package org.infoprob.information;

import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.RarityEvent;
import org.infoprob.testing.StateFixture;
import org.infoprob.testing.StateFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.testing.ExpectedOutputs.assertDistributions;
import static org.infoprob.testing.ExpectedOutputs.assertRarities;
import static org.infoprob.testing.ExpectedOutputs.distribution;
import static org.infoprob.testing.ExpectedOutputs.names;
import static org.infoprob.testing.ExpectedOutputs.rarity;
import static org.infoprob.testing.ExpectedOutputs.values;

/**
 * The state of {@link InformationFunction} written by release 0.1 ({@code
 * src/test/resources/state/0.1}, scripts in {@link StateFixtures}) is read by the current code,
 * which then continues as 0.1 did: each savepoint is restored into a new operator, the script's
 * continuation is fed, and the outputs are compared field by field with those of 0.1.
 *
 * <p>The expected outputs below were produced by the 0.1 code (commit ffd6c4c) from the
 * uninterrupted sequence, prefix and continuation in one operator without any snapshot, and
 * printed with {@code StateFixtures expected}; they do not depend on the restore path. A change
 * that deliberately changes a formula updates the literals of the fields it changes and keeps
 * the restore.
 */
class InformationStateFormatTest {

    /** information-default: every key continues with its 0.1 counts; user-5 is new. */
    private static final List<RarityEvent> DEFAULT_CONTINUATION =
            List.of(
                rarity("user-1", 1735689620000L, "login", 3.0, 5.5, 3, 0.42105263157894735, 0.8649974374866045,
                        1.2479275134435854, 0.0, 0.2173913043478261, 1.2805340475238804, 2.375, false, "login"),
                rarity("user-1", 1735689621000L, "purchase", 0.0, 6.5, 3, 0.09523809523809523, 2.3513752571634776,
                        3.3923174227787602, 1.6094379124341003, 0.47619047619047616, 1.23478375688007, 10.5, true,
                        "login"),
                rarity("user-1", 1735689622000L, "logout", 1.0, 7.5, 4, 0.16, 1.8325814637483102, 2.643856189774725,
                        0.9162907318741551, 0.3125, 1.4768882351806019, 6.25, false, "login"),
                rarity("user-2", 1735689623000L, "view", 4.0, 4.0, 1, 0.8333333333333334, 0.18232155679395462,
                        0.26303440583379384, 0.0, 1.0, 0.4505612088663046, 1.2, false, "view"),
                rarity("user-2", 1735689624000L, "logout", 0.0, 5.0, 1, 0.14285714285714285, 1.9459101490553132,
                        2.807354922057604, 1.791759469228055, 0.8571428571428571, 0.410116318288409, 7.0, true,
                        "view"),
                rarity("user-3", 1735689625000L, "purchase", 1.0, 1.0, 1, 0.6666666666666666, 0.4054651081081644,
                        0.5849625007211562, 0.0, 1.0, 0.6365141682948128, 1.5, false, "purchase"),
                rarity("user-3", 1735689626000L, "view", 0.0, 2.0, 1, 0.25, 1.3862943611198906, 2.0,
                        1.0986122886681098, 0.75, 0.5623351446188083, 4.0, true, "purchase"),
                rarity("user-4", 1735689627000L, "login_failed", 3.0, 4.0, 2, 0.5714285714285714,
                        0.5596157879354227, 0.8073549220576041, 0.0, 0.3333333333333333, 0.9556998911125343, 1.75,
                        false, "login_failed"),
                rarity("user-5", 1735689628000L, "login", 0.0, 0.0, 0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, true,
                        "login"),
                rarity("user-5", 1735689629000L, "login", 1.0, 1.0, 1, 0.6666666666666666, 0.4054651081081644,
                        0.5849625007211562, 0.0, 1.0, 0.6365141682948128, 1.5, false, "login"));

    /**
     * information-decay-overflow-ttl: decayed counts with the __other__ bucket of sensor-1,
     * Good-Turing probabilities and T = 0.5 rarities; sensor-3 expired (TTL) after the restore
     * and starts over (fourth output).
     */
    private static final List<RarityEvent> DECAY_CONTINUATION =
            List.of(
                rarity("sensor-1", 1735689670000L, "a", 1.4059664996281396, 5.312243841771119, 4,
                        0.18812302705333944, 1.6706591309580996, 2.4102516432491154, 0.2543047356916345,
                        0.20822491672380503, 1.5787796289331175, 5.315670365629749, false, "__other__"),
                rarity("sensor-1", 1735689655000L, "d", 0.0, 6.312243841771119, 4, 0.2478401158979352,
                        1.3949714346816058, 2.0125183709969154, 0.002361903620690906, 0.10438792636486373,
                        1.5759636899507252, 4.034859313945032, true, "a"),
                rarity("sensor-2", 1735689675000L, "x", 1.0652358065954985, 3.2507428217163885, 2,
                        0.33039846071101137, 1.1074558962111443, 1.5977211294670604, 0.4333670528264852,
                        0.7040656792087954, 1.0026284551148559, 3.026648483313205, false, "y"),
                rarity("sensor-3", 1735689680000L, "z", 0.0, 0.0, 0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, true, "z"),
                rarity("sensor-1", 1735689680000L, "__other__", 2.667845080459596, 6.3727234856614805, 4,
                        0.27396466738385206, 1.294756132062806, 1.8679382508875861, 0.0, 0.09212528644049058,
                        1.56728148090931, 3.6501057218407635, false, "__other__"),
                rarity("sensor-1", 1735689685000L, "g", 0.0, 6.015049999939216, 4, 0.22458100086109453,
                        1.493518831257175, 2.154692211329007, 0.1930021571040788, 0.12220297767496517,
                        1.5691498769126198, 4.452736412099746, true, "__other__"),
                rarity("sensor-2", 1735689690000L, "y", 1.837785014527002, 3.574434400946771, 2,
                        0.43163941435301845, 0.8401647282824962, 1.2121014870229807, 0.0, 0.48186320942887373,
                        1.0139189099807104, 2.316748579364314, false, "y"));

    /**
     * information-decay-overflow-ttl, distribution side output: sensor-1's every-4-events count
     * (restored at 1) reaches 4 at 80 s; the timers at 90 s of sensor-1 and sensor-2 were
     * registered before the snapshot. sensor-3's timer at 60 s found its state expired and
     * emitted nothing; its 90 s timer is the new state's.
     */
    private static final List<ClassDistribution> DECAY_DISTRIBUTIONS =
            List.of(
                distribution("sensor-1", 1735689680000L, null, null, names("__other__", "a", "f", "d"),
                        values(2.667845080459596, 2.1434724704073083, 0.8122523963562355, 0.7491535384383408),
                        values(0.27396466738385206, 0.23479737308793916, 0.13536371195947902, 0.13065062914312112),
                        values(1.294756132062806, 1.4490323789615673, 1.9997899606317322, 2.035228471542065),
                        values(0.0, 0.15427624689876138, 0.7050338285689263, 0.7404723394792588),
                        values(0.09212528644049058, 0.12542424534399263, 0.3773665955276308, 0.4050838726878861),
                        6.3727234856614805, 4, 0.2252236184256084, 1.56728148090931, 0L),
                distribution("sensor-1", 1735689690000L, null, null, names("__other__", "a", "g", "f"),
                        values(3.0441996894634817, 1.9096168762549777, 0.9438743126816935, 0.7236346187201891),
                        values(0.29336371777437836, 0.21106178963939148, 0.14100742768467728, 0.1250313779385754),
                        values(1.226342082220632, 1.555604346483038, 1.958942711376706, 2.079190549672362),
                        values(0.0, 0.32926226426240596, 0.732600629156074, 0.8528484674517302),
                        values(0.07833567951521282, 0.1513398098480672, 0.33906927400368997, 0.43125523663303),
                        6.621325497120342, 4, 0.2295356869629774, 1.5620893694334947, 0L),
                distribution("sensor-2", 1735689690000L, null, null, names("y", "x"),
                        values(2.837785014527002, 1.7366493864197687),
                        values(0.5066761174995846, 0.3613008234750439),
                        values(0.6798833010241825, 1.0180443616309076), values(0.0, 0.3381610606067253),
                        values(0.33708266073931586, 0.6629173392606841), 4.574434400946771, 2, 0.1320230590253715,
                        0.9796183729628288, 0L),
                distribution("sensor-3", 1735689690000L, null, null, names("z"), values(0.8908987181403394),
                        values(0.34591319084443095), values(1.061567428916661), values(0.0), values(1.0),
                        0.8908987181403394, 1, 0.6540868091555692, 0.6448799696457415, 0L));

    @Test
    void defaultStateOf01ContinuesOnTheHeapBackend() throws Exception {
        StateFixture.Outputs<RarityEvent> restored = StateFixtures.INFORMATION_DEFAULT.restoredRun();
        assertRarities(restored.main(), DEFAULT_CONTINUATION);
        assertThat(restored.distributions()).as("no distribution output configured").isEmpty();
    }

    @Test
    void defaultStateOf01ContinuesFromARocksDbNativeSavepoint() throws Exception {
        assertRarities(StateFixtures.INFORMATION_DEFAULT_ROCKSDB.restoredRun().main(), DEFAULT_CONTINUATION);
    }

    @Test
    void defaultStateOf01ContinuesAfterAChangeToRocksDb() throws Exception {
        assertRarities(StateFixtures.INFORMATION_DEFAULT.restoredRunOnRocksDb().main(), DEFAULT_CONTINUATION);
    }

    @Test
    void decayOverflowAndTtlStateOf01ContinuesOnTheHeapBackend() throws Exception {
        StateFixture.Outputs<RarityEvent> restored = StateFixtures.INFORMATION_DECAY.restoredRun();
        assertRarities(restored.main(), DECAY_CONTINUATION);
        assertDistributions(restored.distributions(), DECAY_DISTRIBUTIONS);
    }

    @Test
    void decayOverflowAndTtlStateOf01ContinuesAfterAChangeToRocksDb() throws Exception {
        StateFixture.Outputs<RarityEvent> restored = StateFixtures.INFORMATION_DECAY.restoredRunOnRocksDb();
        assertRarities(restored.main(), DECAY_CONTINUATION);
        assertDistributions(restored.distributions(), DECAY_DISTRIBUTIONS);
    }

    @Test
    void restoredOperatorsContinueBitForBitLikeUninterruptedOnes() throws Exception {
        for (StateFixture<?, ?> fixture : List.of(StateFixtures.INFORMATION_DEFAULT, StateFixtures.INFORMATION_DECAY)) {
            assertThat(fixture.restoredRun()).as(fixture.file()).isEqualTo(fixture.uninterruptedRun());
            assertThat(fixture.restoredRunOnRocksDb())
                    .as("%s on RocksDB", fixture.file())
                    .isEqualTo(fixture.uninterruptedRunOnRocksDb());
        }
        StateFixture<ClassEvent, RarityEvent> nativeRocksDb = StateFixtures.INFORMATION_DEFAULT_ROCKSDB;
        assertThat(nativeRocksDb.restoredRun()).as(nativeRocksDb.file()).isEqualTo(nativeRocksDb.uninterruptedRun());
    }
}
