package org.infoprob.information;

import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.RarityEvent;
import org.infoprob.testing.InformationReference;
import org.infoprob.testing.InformationReference.Scores;
import org.infoprob.testing.StateFixture;
import org.infoprob.testing.StateFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.testing.ExpectedOutputs.assertDistributions;
import static org.infoprob.testing.ExpectedOutputs.assertRarities;
import static org.infoprob.testing.ExpectedOutputs.distribution;
import static org.infoprob.testing.ExpectedOutputs.names;
import static org.infoprob.testing.ExpectedOutputs.rarity;
import static org.infoprob.testing.ExpectedOutputs.values;
import static org.infoprob.testing.InformationReference.assertClose;

/**
 * The state of {@link InformationFunction} written by release 0.1 ({@code
 * src/test/resources/state/0.1}, scripts in {@link StateFixtures}) is read by the current code:
 * each savepoint is restored into a new operator (heap, RocksDB native savepoint, and a change
 * of backend to RocksDB), the script's continuation is fed, and the outputs are compared field
 * by field with the literals below.
 *
 * <h2>What the restore must do</h2>
 *
 * A key whose 0.1 state has no {@code __other__} bucket (every key of information-default,
 * sensor-2 and sensor-3 of information-decay-overflow-ttl) is converted exactly and continues
 * bit for bit like an uninterrupted v2 run. sensor-1 had folded classes into {@code __other__}
 * (weight B); {@link ClassCountsSerializer} reads that bucket as Space-Saving counters: the
 * bucket is dropped (its weight stays in the total, distinct falls by one), every class held
 * gets count {@code c + B} and countError B, and the floor (the bound on a class not held) is
 * B. sensor-1 then no longer equals an uninterrupted v2 run (which evicted under Space-Saving
 * from the start), and {@link #convertedKeyCarriesTheBucketAsItsCountError} asserts the
 * conversion against the 0.1 literals.
 *
 * <h2>Where the literals come from</h2>
 *
 * <ul>
 *   <li><b>From 0.1</b> (commit ffd6c4c, {@code StateFixtures expected}: the uninterrupted
 *       sequence, prefix and continuation in one operator without any snapshot), the
 *       independent reference: every field whose formula did not change (key, ts, class, count,
 *       total, distinct, probability, surprisal, bits, score, entropy, oneIn, firstSeen,
 *       reference; in distributions also names, counts, probabilities, surprisals, scores,
 *       unseen probability) of every key converted exactly. The v2 entropy is a compensated sum
 *       and may differ in the last bit, within the tolerance of {@code ExpectedOutputs}.
 *   <li><b>From v2</b> ({@code StateFixtures expected} for the exact keys, {@code StateFixtures
 *       restored} for sensor-1): rarity and unseen rarity (the unseen slot is now in the rarity
 *       softmax, and a key with no history gets 0), countError(s) (new), and every field of
 *       sensor-1 that the conversion touches (all but key, ts, class and total). They are
 *       checked against {@link InformationReference}, a plain-double computation from the
 *       counts of the script (the rarities of information-default; the probabilities,
 *       rarities and entropies of the decay fixture, with sensor-1's counts converted as
 *       above) and, for the distributions, from their own probabilities; one rarity per
 *       fixture is also computed by hand in a comment.
 * </ul>
 */
class InformationStateFormatTest {

    /**
     * information-default (a = 1, T = 1): every key continues with its 0.1 counts; user-5 is
     * new. By hand, user-1's login at 20 s: counts login 3, view 1.5, logout 1, so {@code q = c
     * + a} = 4, 2.5, 2 and 1 for the unseen slot; at T = 1 the rarity is {@code (1/q_x) / sum
     * (1/q)} = 0.25 / (0.25 + 0.4 + 0.5 + 1) = 0.25 / 2.15 = 0.11627906976744186. user-5's first
     * event has no history: rarity 0 by definition.
     */
    private static final List<RarityEvent> DEFAULT_CONTINUATION =
            List.of(
                rarity("user-1", 1735689620000L, "login", 3.0, 0.0, 5.5, 3, 0.42105263157894735, 0.8649974374866045,
                        1.2479275134435854, 0.0, 0.11627906976744186, 1.2805340475238804, 2.375, false, "login"),
                rarity("user-1", 1735689621000L, "purchase", 0.0, 0.0, 6.5, 3, 0.09523809523809523,
                        2.3513752571634776, 3.3923174227787602, 1.6094379124341003, 0.47619047619047616,
                        1.23478375688007, 10.5, true, "login"),
                rarity("user-1", 1735689622000L, "logout", 1.0, 0.0, 7.5, 4, 0.16, 1.8325814637483102,
                        2.643856189774725, 0.9162907318741551, 0.1923076923076923, 1.4768882351806019, 6.25, false,
                        "login"),
                rarity("user-2", 1735689623000L, "view", 4.0, 0.0, 4.0, 1, 0.8333333333333334, 0.18232155679395462,
                        0.26303440583379384, 0.0, 0.16666666666666669, 0.4505612088663046, 1.2, false, "view"),
                rarity("user-2", 1735689624000L, "logout", 0.0, 0.0, 5.0, 1, 0.14285714285714285,
                        1.9459101490553132, 2.807354922057604, 1.791759469228055, 0.8571428571428571,
                        0.410116318288409, 7.0, true, "view"),
                rarity("user-3", 1735689625000L, "purchase", 1.0, 0.0, 1.0, 1, 0.6666666666666666,
                        0.4054651081081644, 0.5849625007211562, 0.0, 0.3333333333333333, 0.6365141682948128, 1.5,
                        false, "purchase"),
                rarity("user-3", 1735689626000L, "view", 0.0, 0.0, 2.0, 1, 0.25, 1.3862943611198906, 2.0,
                        1.0986122886681098, 0.75, 0.5623351446188083, 4.0, true, "purchase"),
                rarity("user-4", 1735689627000L, "login_failed", 3.0, 0.0, 4.0, 2, 0.5714285714285714,
                        0.5596157879354227, 0.8073549220576041, 0.0, 0.14285714285714285, 0.9556998911125343, 1.75,
                        false, "login_failed"),
                rarity("user-5", 1735689628000L, "login", 0.0, 0.0, 0.0, 0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, true,
                        "login"),
                rarity("user-5", 1735689629000L, "login", 1.0, 0.0, 1.0, 1, 0.6666666666666666, 0.4054651081081644,
                        0.5849625007211562, 0.0, 0.3333333333333333, 0.6365141682948128, 1.5, false, "login"));

    /**
     * The counts each output of {@link #DEFAULT_CONTINUATION} is scored against (from the
     * script: the prefix's counts plus the continuation's earlier events), and the index of the
     * event's class among them (-1: not held). user-5's first event (no history) is left out.
     */
    private static final double[][] DEFAULT_COUNTS = {
        {3, 1.5, 1}, {4, 1.5, 1}, {4, 1.5, 1, 1}, {4}, {5}, {1}, {2}, {1, 3}, null, {1}
    };
    private static final int[] DEFAULT_CLASS = {0, -1, 2, 0, -1, 0, -1, 1, 0, 0};

    /**
     * information-decay-overflow-ttl (half-life 60 s, Good-Turing, a = 1, T = 0.5, at most 3
     * classes): sensor-1 converted from its __other__ bucket as the class comment says (all its
     * fields from v2), sensor-2 and sensor-3 exact; sensor-3 expired (TTL) after the restore and
     * starts over with no history (fourth output, rarity 0).
     *
     * <p>By hand, sensor-2's x at 75 s: x 1.0652358065954985, y = total - x = 2.18550701512089,
     * both seen in two events, so N1 = 0 and Good-Turing equals additive smoothing: {@code p} is
     * proportional to {@code q = c + 1} = 2.0652, 3.1855 and 1 (unseen); at T = 0.5 the weights
     * are {@code q^-2} = 0.234456, 0.098548, 1, and rarity(x) = 0.234456 / 1.333004 = 0.175885.
     */
    private static final List<RarityEvent> DECAY_CONTINUATION =
            List.of(
                rarity("sensor-1", 1735689670000L, "a", 3.508616016960861, 2.1026495173327215, 5.312243841771119, 3,
                        0.37910480222743476, 0.9699425890976241, 1.3993313632381439, 0.0, 0.19527772736696838,
                        1.4621564762244463, 2.6377930169295882, false, "a"),
                rarity("sensor-1", 1735689655000L, "d", 0.0, 2.1026495173327215, 6.312243841771119, 3,
                        0.2718736938176141, 1.302417681499735, 1.8789915302657691, 0.46012027178473514,
                        0.34407473421701623, 1.4440524575480802, 3.678178590793885, true, "a"),
                rarity("sensor-2", 1735689675000L, "x", 1.0652358065954985, 0.0, 3.2507428217163885, 2,
                        0.33039846071101137, 1.1074558962111443, 1.5977211294670604, 0.4333670528264852,
                        0.17588537699876527, 1.0026284551148559, 3.026648483313205, false, "y"),
                rarity("sensor-3", 1735689680000L, "z", 0.0, 0.0, 0.0, 0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, true, "z"),
                rarity("sensor-1", 1735689680000L, "__other__", 0.0, 2.667845080459596, 6.3727234856614805, 3,
                        0.24693668334408816, 1.3986233179520602, 2.017786924881105, 0.48999001449200663,
                        0.39140562860931716, 1.4396402693133536, 4.049621086902562, true, "a"),
                rarity("sensor-1", 1735689685000L, "g", 0.0, 2.518110441660039, 6.015049999939216, 3,
                        0.24700535229842704, 1.3983452733645332, 2.017385791333534, 0.48255011132866554,
                        0.3889977608487973, 1.4396538767615308, 4.048495268198964, true, "a"),
                rarity("sensor-2", 1735689690000L, "y", 1.837785014527002, 0.0, 3.574434400946771, 2,
                        0.43163941435301845, 0.8401647282824962, 1.2121014870229807, 0.0, 0.09873323731343388,
                        1.0139189099807104, 2.316748579364314, false, "y"));

    /**
     * information-decay-overflow-ttl, distribution side output: sensor-1's every-4-events count
     * (restored at 1) reaches 4 at 80 s; the timers at 90 s of sensor-1 and sensor-2 were
     * registered before the snapshot. sensor-3's timer at 60 s found its state expired and
     * emitted nothing; its 90 s timer is the new state's. sensor-1 holds a, d (which took e's
     * counter, e + B, at 55 s) and f at 80 s, and a, g (which took f's) and d at 90 s.
     */
    private static final List<ClassDistribution> DECAY_DISTRIBUTIONS =
            List.of(
                distribution("sensor-1", 1735689680000L, null, null, names("a", "d", "f"),
                        values(4.016720230097433, 3.4169986188979364, 2.68550015604636),
                        values(1.8732477596901247, 2.667845080459596, 1.8732477596901247),
                        values(0.4030747285985206, 0.3548893376296067, 0.2961161689336103),
                        values(0.9086333034600536, 1.0359492630900777, 1.2170034390378357),
                        values(0.0, 0.12731595963002407, 0.30837013557778215),
                        values(0.1469018103190929, 0.1895013836053151, 0.2721911774662749), 6.3727234856614805, 3,
                        0.24693668334408816, 0.39140562860931716, 2.667845080459596, 1.4396402693133536, 0L),
                distribution("sensor-1", 1735689690000L, null, null, names("a", "g", "d"),
                        values(3.578490904122172, 3.336382959269077, 3.0441996894634817),
                        values(1.6688740278671945, 2.392508646587384, 2.3767797623784648),
                        values(0.35887478131544986, 0.339897690919647, 0.31699555804413787),
                        values(1.0247817499024325, 1.079110615714007, 1.1488675176820926),
                        values(0.0, 0.05432886581157435, 0.12408576777965993),
                        values(0.18092321810529832, 0.20168971730638752, 0.231885628025083), 6.621325497120342, 3,
                        0.24585389464569987, 0.38550143656323116, 2.392508646587384, 1.4436788339371294, 0L),
                distribution("sensor-2", 1735689690000L, null, null, names("y", "x"),
                        values(2.837785014527002, 1.7366493864197687), values(0.0, 0.0),
                        values(0.5066761174995846, 0.3613008234750439),
                        values(0.6798833010241825, 1.0180443616309076), values(0.0, 0.3381610606067253),
                        values(0.05651242008275041, 0.11113909886160281), 4.574434400946771, 2, 0.1320230590253715,
                        0.8323484810556467, 0.0, 0.9796183729628288, 0L),
                distribution("sensor-3", 1735689690000L, null, null, names("z"), values(0.8908987181403394),
                        values(0.0), values(0.34591319084443095), values(1.061567428916661), values(0.0),
                        values(0.7814445535224279), 0.8908987181403394, 1, 0.6540868091555692, 0.2185554464775721,
                        0.0, 0.6448799696457415, 0L));

    /** Keys of the decay fixture that 0.1 never folded: converted exactly. */
    private static final Set<String> EXACT_DECAY_KEYS = Set.of("sensor-2", "sensor-3");

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
    void exactlyConvertedKeysContinueBitForBitLikeUninterruptedV2Runs() throws Exception {
        for (StateFixture<?, ?> fixture : List.of(StateFixtures.INFORMATION_DEFAULT, StateFixtures.INFORMATION_DEFAULT_ROCKSDB)) {
            assertThat(fixture.restoredRun()).as(fixture.file()).isEqualTo(fixture.uninterruptedRun());
        }
        StateFixture<ClassEvent, RarityEvent> defaults = StateFixtures.INFORMATION_DEFAULT;
        assertThat(defaults.restoredRunOnRocksDb())
                .as("%s on RocksDB", defaults.file())
                .isEqualTo(defaults.uninterruptedRunOnRocksDb());

        StateFixture<ClassEvent, RarityEvent> decay = StateFixtures.INFORMATION_DECAY;
        StateFixture.Outputs<RarityEvent> uninterrupted = decay.uninterruptedRun();
        for (StateFixture.Outputs<RarityEvent> restored : List.of(decay.restoredRun(), decay.restoredRunOnRocksDb())) {
            assertThat(ofKeys(restored.main(), EXACT_DECAY_KEYS))
                    .hasSize(3)
                    .isEqualTo(ofKeys(uninterrupted.main(), EXACT_DECAY_KEYS));
            assertThat(distributionsOfKeys(restored.distributions(), EXACT_DECAY_KEYS))
                    .hasSize(2)
                    .isEqualTo(distributionsOfKeys(uninterrupted.distributions(), EXACT_DECAY_KEYS));
            // sensor-1 was converted from its __other__ bucket: not what a v2 run would hold.
            // Uninterrupted v2 had evicted a (a Space-Saving counter went to e at 25 s), the
            // converted state still holds it.
            assertThat(ofKeys(uninterrupted.main(), Set.of("sensor-1")).get(0).firstSeen).isTrue();
            assertThat(ofKeys(restored.main(), Set.of("sensor-1")).get(0).firstSeen).isFalse();
        }
    }

    /**
     * sensor-1's 0.1 state: a, e, f and the bucket B (b, c, d and b again folded in). Converted:
     * B dropped (kept in the total), {@code c + B} and countError B for a, e, f, floor B.
     */
    @Test
    void convertedKeyCarriesTheBucketAsItsCountError() {
        RarityEvent a = DECAY_CONTINUATION.get(0);
        double bucket = a.countError;
        // 0.1 at 70 s (commit ffd6c4c): a count 1.4059664996281396, total 5.312243841771119,
        // distinct 4 (with __other__), score 0.2543047356916345 against the reference __other__,
        // so with a = 1, q = c + 1: B = (1.4059664996281396 + 1) e^0.2543047356916345 - 1.
        double count01 = 1.4059664996281396;
        assertThat(bucket).isCloseTo((count01 + 1) * Math.exp(0.2543047356916345) - 1, within(1e-12));
        assertClose(a.count, count01 + bucket, "a: its 0.1 count plus B");
        assertThat(a.total).as("the bucket's weight stays in the total").isEqualTo(5.312243841771119);
        assertThat(a.distinct).as("the bucket is no class").isEqualTo(4 - 1);
        assertThat(a.firstSeen).isFalse();
        // d at 55 s is not held: the bound on its past weight is the floor, B.
        assertThat(DECAY_CONTINUATION.get(1).countError).isEqualTo(bucket);

        // d then took the least counter, e's (e + B); 0.1 folded e into the bucket instead, so
        // d's error is exactly 0.1's __other__ at 80 s, and d's count that plus 0.1's d.
        ClassDistribution at80 = DECAY_DISTRIBUTIONS.get(0);
        double other01At80 = 2.667845080459596;
        double d01At80 = 0.7491535384383408;
        assertThat(at80.countErrors[1]).isEqualTo(other01At80);
        assertClose(at80.counts[1], other01At80 + d01At80, "d at 80 s");
        assertThat(at80.countError).as("floor at 80 s").isEqualTo(other01At80);
        assertThat(DECAY_CONTINUATION.get(4).countError).isEqualTo(other01At80);
        // a and f keep error B, decayed from 70 s to 80 s.
        double decay10s = Math.pow(2, -10 / 60.0);
        assertClose(at80.countErrors[0], bucket * decay10s, "a's error at 80 s");
        assertClose(at80.countErrors[2], bucket * decay10s, "f's error at 80 s");
        assertThat(at80.total).as("0.1's total at 80 s").isEqualTo(6.3727234856614805);

        // Three counters carry B and the total counts it once: the counts sum to C + 2B, not C
        // as under Space-Saving proper, and so do they at 90 s (every eviction passes the
        // counter on with its B). The probabilities of the classes held and the unseen slot
        // then sum to more than 1: (1 - u) (C + 2B + aV) / (C + aV) + u.
        for (ClassDistribution d : DECAY_DISTRIBUTIONS.subList(0, 2)) {
            double b = d.countErrors[0];
            assertClose(d.counts[0] + d.counts[1] + d.counts[2], d.total + 2 * b, "counts at " + d.ts);
            double u = d.unseenProbability;
            assertClose(InformationReference.mass(d), (1 - u) * (d.total + 2 * b + 3) / (d.total + 3) + u, "mass at " + d.ts);
        }
        assertClose(DECAY_DISTRIBUTIONS.get(1).countErrors[0], bucket * Math.pow(2, -20 / 60.0), "a's error at 90 s");
    }

    @Test
    void v2LiteralsOfTheDefaultFixtureFollowFromTheScriptsCounts() {
        for (int i = 0; i < DEFAULT_CONTINUATION.size(); i++) {
            RarityEvent e = DEFAULT_CONTINUATION.get(i);
            if (DEFAULT_COUNTS[i] == null) {
                assertThat(e.rarity).as("no history: rarity 0").isEqualTo(0.0);
                continue;
            }
            double total = 0;
            for (double c : DEFAULT_COUNTS[i]) {
                total += c;
            }
            Scores s = InformationReference.scores(DEFAULT_COUNTS[i], total, 0, 1.0, 1.0, false);
            String at = "output " + i + " (" + e.key + " " + e.className + ")";
            assertThat(e.total).as(at + " total").isEqualTo(total);
            assertClose(e.probability, s.probability(DEFAULT_CLASS[i]), at + " probability");
            assertClose(e.rarity, s.rarity(DEFAULT_CLASS[i]), at + " rarity");
            assertClose(e.entropy, s.entropy(), at + " entropy");
        }
    }

    /**
     * Good-Turing, a = 1, T = 0.5, decay {@code 2^(-dt / 60 s)}. sensor-1's counts from the
     * script, converted: e (1.5 at 25 s) and f (1 at 62 s) with B added, a from its restored
     * count; the singleton mass N1 is the guaranteed part of the classes seen once (count -
     * error: e and f, later d and f). sensor-2 from its 0.1 counts (N1 = 0).
     */
    @Test
    void v2LiteralsOfTheDecayFixtureFollowFromTheirCounts() {
        double bucket = DECAY_CONTINUATION.get(0).countError;
        double e0 = 1.5 * decay(70 - 25);
        double f0 = decay(70 - 62);
        double a70 = DECAY_CONTINUATION.get(0).count;
        double total70 = 5.312243841771119;
        double[] at70 = {a70, e0 + bucket, f0 + bucket};
        check(0, at70, total70, e0 + f0, 0);
        double d0 = decay(70 - 55);
        double[] afterA = {a70 + 1, e0 + bucket, f0 + bucket};
        check(1, afterA, total70 + 1, e0 + f0, -1);
        // At 80 s: d holds e's counter plus its own (late) weight, both decayed by 10 s.
        double k80 = decay(10);
        double[] at80 = {(a70 + 1) * k80, (e0 + bucket + d0) * k80, (f0 + bucket) * k80};
        check(4, at80, (total70 + 1 + d0) * k80, (d0 + f0) * k80, -1);
        double k85 = decay(15);
        double[] at85 = {(a70 + 1) * k85, (e0 + bucket + d0) * k85, (f0 + bucket) * k85};
        check(5, at85, (total70 + 1 + d0) * k85, (d0 + f0) * k85, -1);

        for (int i : new int[] {2, 6}) {
            RarityEvent e = DECAY_CONTINUATION.get(i);
            double other = e.total - e.count;
            check(i, new double[] {e.count, other}, e.total, 0, 0);
        }
        assertThat(DECAY_CONTINUATION.get(3).rarity).as("sensor-3 starts over: no history, rarity 0").isEqualTo(0.0);
        for (ClassDistribution d : DECAY_DISTRIBUTIONS) {
            InformationReference.assertFollowsItsProbabilities(d, 0.5);
            if (EXACT_DECAY_KEYS.contains(d.key)) {
                assertClose(InformationReference.mass(d), 1.0, d.key + " at " + d.ts + ": probabilities and unseen slot");
            }
        }
        // The zero-weight __other__ event at 80 s changes no count: it is scored as the
        // distribution at 80 s's unseen slot.
        assertThat(DECAY_CONTINUATION.get(4).probability).isEqualTo(DECAY_DISTRIBUTIONS.get(0).unseenProbability);
        assertThat(DECAY_CONTINUATION.get(4).rarity).isEqualTo(DECAY_DISTRIBUTIONS.get(0).unseenRarity);
    }

    /** Output i of {@link #DECAY_CONTINUATION} against the reference (x = -1: not held). */
    private static void check(int i, double[] counts, double total, double singletons, int x) {
        RarityEvent e = DECAY_CONTINUATION.get(i);
        String at = "output " + i + " (" + e.key + " " + e.className + ")";
        Scores s = InformationReference.scores(counts, total, singletons, 1.0, 0.5, true);
        assertClose(e.total, total, at + " total");
        if (x >= 0) {
            assertClose(e.count, counts[x], at + " count");
        }
        assertClose(e.probability, s.probability(x), at + " probability");
        assertClose(e.rarity, s.rarity(x), at + " rarity");
        assertClose(e.entropy, s.entropy(), at + " entropy");
    }

    /** {@code 2^(-seconds / 60)}: the decay of the fixture's 60 s half-life. */
    private static double decay(double seconds) {
        return Math.pow(2, -seconds / 60);
    }

    private static List<RarityEvent> ofKeys(List<RarityEvent> outputs, Set<String> keys) {
        return outputs.stream().filter(o -> keys.contains(o.key)).toList();
    }

    private static List<ClassDistribution> distributionsOfKeys(List<ClassDistribution> outputs, Set<String> keys) {
        return outputs.stream().filter(o -> keys.contains(o.key)).toList();
    }
}
