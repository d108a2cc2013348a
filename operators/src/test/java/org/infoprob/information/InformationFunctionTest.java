package org.infoprob.information;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.infoprob.math.Sigmoid;
import org.infoprob.math.Smoothing;
import org.infoprob.math.Softmax;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.RarityEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Behaviour of {@link InformationFunction} in a keyed harness. Expected values are worked out
 * from the formulas of docs/DESIGN.md in the comments, not copied from the output.
 */
class InformationFunctionTest {

    private static final double EPS = 1e-15;

    @Test
    void aKeyWithNoHistoryGetsRarityZeroAndALaterFirstOccurrenceHasAFiniteSurprisal() throws Exception {
        List<RarityEvent> out = run(InformationFunction.builder().build(), ev("a", 1), ev("b", 2));

        // Nothing seen: p = a / (0 + a (0 + 1)) = 1, I = 0; nothing to be rare against: rarity 0.
        RarityEvent first = out.get(0);
        assertThat(first.probability).isEqualTo(1.0);
        assertThat(first.surprisal).isEqualTo(0.0);
        assertThat(first.firstSeen).isTrue();
        assertThat(first.rarity).isEqualTo(0.0);
        assertThat(first.score).isEqualTo(0.0);
        assertThat(first.entropy).isEqualTo(0.0);
        assertThat(first.distinct).as("what a consumer gates on").isZero();
        assertThat(first.reference).isEqualTo("a");

        // Seen a once: C = 1, V = 1, D = 1 + 2 = 3; p_b = 1/3 (the unseen slot), I = ln 3,
        // z = ln(p_a / p_b) = ln 2, rarity = (1/p_b) / (1/p_a + 1/p_b) = 3 / (3/2 + 3) = 2/3.
        RarityEvent second = out.get(1);
        assertThat(second.firstSeen).isTrue();
        assertThat(second.count).isEqualTo(0.0);
        assertThat(second.countError).isEqualTo(0.0);
        assertThat(second.total).isEqualTo(1.0);
        assertThat(second.distinct).isEqualTo(1);
        assertThat(second.probability).isCloseTo(1.0 / 3, within(EPS));
        assertThat(second.surprisal).as("finite").isCloseTo(Math.log(3), within(EPS));
        assertThat(second.surprisalBits).isCloseTo(Math.log(3) / Math.log(2), within(EPS));
        assertThat(second.oneIn).isCloseTo(3.0, within(1e-14));
        assertThat(second.score).isCloseTo(Math.log(2), within(EPS));
        assertThat(second.rarity).isCloseTo(2.0 / 3, within(EPS));
        assertThat(second.reference).isEqualTo("a");
        // H over p_a = 2/3 and the unseen slot 1/3.
        assertThat(second.entropy)
                .isCloseTo(-(2.0 / 3 * Math.log(2.0 / 3) + 1.0 / 3 * Math.log(1.0 / 3)), within(EPS));
    }

    @Test
    void aKeysOnlyClassGetsALowRarity() throws Exception {
        // login x 9, then login: C = 9, V = 1, D = 9 + 2 = 11: p_login = 10/11, p_unseen = 1/11;
        // rarity = (11/10) / (11/10 + 11) = 1/11, not 1 (the issue: the only class used to get 1).
        List<ClassEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(ev("login", i));
        }
        RarityEvent tenth = run(InformationFunction.builder().build(), events).get(9);
        assertThat(tenth.rarity).isEqualTo(0.09090909090909091).isCloseTo(1.0 / 11, within(0.0));
        assertThat(tenth.probability).isCloseTo(10.0 / 11, within(EPS));
        assertThat(tenth.score).isEqualTo(0.0);
    }

    @Test
    void workedExampleOfTheReadme() throws Exception {
        // operators/README.md, "Worked example": login 5, logout 4, then login_failed; a = 1, T = 1.
        // C = 9, V = 2, D = 9 + 3 = 12; p = 6/12, 5/12 and the unseen slot 1/12.
        List<ClassEvent> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.add(ev(i % 2 == 0 ? "login" : "logout", i));
        }
        events.add(probe("login", 9));
        events.add(probe("logout", 10));
        events.add(ev("login_failed", 11));
        List<RarityEvent> out = run(InformationFunction.builder().build(), events);
        RarityEvent failed = out.get(11);
        assertThat(failed.firstSeen).isTrue();
        assertThat(failed.count).isEqualTo(0.0);
        assertThat(failed.total).isEqualTo(9.0);
        assertThat(failed.probability).isCloseTo(1.0 / 12, within(EPS));
        assertThat(failed.surprisal).isCloseTo(Math.log(12), within(EPS)); // 2.4849
        assertThat(failed.surprisalBits).isCloseTo(Math.log(12) / Math.log(2), within(EPS)); // 3.585
        assertThat(failed.oneIn).isCloseTo(12.0, within(1e-14));
        assertThat(failed.score).isCloseTo(Math.log(6), within(EPS)); // ln(p_login / p_new) = 1.7918
        // rarity = 12 / (2 + 2.4 + 12) = 12 / 16.4 = 30/41 = 0.7317
        assertThat(failed.rarity).isCloseTo(30.0 / 41, within(EPS));
        assertThat(failed.reference).isEqualTo("login");
        assertThat(failed.distinct).as("V").isEqualTo(2);
        assertThat(failed.countError).as("exact counts").isEqualTo(0.0);
        // H = -(1/2 ln 1/2 + 5/12 ln 5/12 + 1/12 ln 1/12) = 0.9184
        assertThat(failed.entropy)
                .isCloseTo(-(0.5 * Math.log(0.5) + 5.0 / 12 * Math.log(5.0 / 12) + Math.log(1.0 / 12) / 12), within(EPS))
                .isCloseTo(0.9184, within(5e-5));
        // The same key's classes held: login 2 / 16.4 = 5/41 = 0.1220, logout 2.4 / 16.4 = 6/41 = 0.1463.
        assertThat(out.get(9).rarity).isCloseTo(5.0 / 41, within(EPS));
        assertThat(out.get(10).rarity).isCloseTo(6.0 / 41, within(EPS));
        // At T = 2: sqrt(12) / (sqrt(2) + sqrt(2.4) + sqrt(12)) = sqrt(6) / (1 + sqrt(1.2) + sqrt(6)) = 0.5389.
        RarityEvent warm = run(InformationFunction.builder().setTemperature(2.0).build(), events).get(11);
        assertThat(warm.rarity)
                .isCloseTo(Math.sqrt(6) / (1 + Math.sqrt(1.2) + Math.sqrt(6)), within(EPS))
                .isCloseTo(0.5389, within(5e-5));
    }

    @Test
    void rareClassScoresHigherThanFrequentClassAndReferenceScoresZero() throws Exception {
        // a x 8, b x 1, then probes of weight 0 (scored, not counted).
        // C = 9, V = 2, D = 9 + 3 = 12: p_a = 9/12, p_b = 2/12, p_new = 1/12.
        List<ClassEvent> events = repeat("a", 8);
        events.add(ev("b", 9));
        events.add(probe("a", 10));
        events.add(probe("b", 11));
        events.add(probe("c", 12));
        List<RarityEvent> out = run(InformationFunction.builder().build(), events);
        RarityEvent a = out.get(9);
        RarityEvent b = out.get(10);
        RarityEvent c = out.get(11);
        double entropy =
                -(0.75 * Math.log(0.75) + Math.log(1.0 / 6) / 6 + Math.log(1.0 / 12) / 12);

        assertThat(a.score).as("the reference class scores 0").isEqualTo(0.0);
        assertThat(a.reference).isEqualTo("a");
        assertThat(a.probability).isCloseTo(0.75, within(EPS));
        assertThat(a.surprisal).isCloseTo(Math.log(12.0 / 9), within(EPS));
        // rarity over {a, b, unseen}: 1/p = 4/3, 6, 12, sum 58/3: a 4/58 = 2/29, b 18/58 = 9/29.
        assertThat(a.rarity).isCloseTo(2.0 / 29, within(EPS));

        assertThat(b.surprisal).as("rare surprises more").isGreaterThan(a.surprisal);
        assertThat(b.surprisal).isCloseTo(Math.log(6), within(EPS));
        assertThat(b.score).isCloseTo(Math.log(4.5), within(EPS));
        assertThat(b.rarity).as("rare is likelier to be the rare one").isCloseTo(9.0 / 29, within(EPS));
        assertThat(b.count).isEqualTo(1.0);
        assertThat(b.total).as("probes are not counted").isEqualTo(9.0);

        // A new class: z = ln(p_a / p_new) = ln 9; rarity 12 / (58/3) = 18/29.
        assertThat(c.firstSeen).isTrue();
        assertThat(c.score).isCloseTo(Math.log(9), within(EPS));
        assertThat(c.rarity).isCloseTo(18.0 / 29, within(EPS));
        assertThat(c.oneIn).isCloseTo(12.0, within(1e-14));
        assertThat(a.rarity + b.rarity + c.rarity).as("classes held and the unseen slot").isCloseTo(1.0, within(EPS));
        for (RarityEvent r : List.of(a, b, c)) {
            assertThat(r.entropy).as("entropy of the key before the probe").isCloseTo(entropy, within(EPS));
            assertThat(r.score).as("score = I_x - I_ref").isCloseTo(r.surprisal - a.surprisal, within(1e-15));
        }
    }

    @Test
    void rarityProbabilitiesOfAllClassesAndTheUnseenSlotSumToOne() throws Exception {
        for (Smoothing smoothing : Smoothing.values()) {
            for (double temperature : new double[] {0.3, 1.0, 2.5}) {
                SplittableRandom rnd = new SplittableRandom(7);
                List<ClassEvent> events = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int k = (int) Math.floor(-Math.log(rnd.nextDouble()) * 2);
                    events.add(ClassEvent.of("k", (long) i, "c" + k, 0.5 + rnd.nextDouble()));
                }
                InformationFunction fn =
                        InformationFunction.builder()
                                .setSmoothing(smoothing)
                                .setTemperature(temperature)
                                .setHalfLife(Duration.ofMillis(50))
                                .build();
                KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h = harness(fn);
                for (ClassEvent e : events) {
                    h.processElement(e, e.ts);
                }
                h.getOutput().clear();
                List<String> seen = new ArrayList<>();
                for (ClassEvent e : events) {
                    if (!seen.contains(e.className)) {
                        seen.add(e.className);
                        h.processElement(probe(e.className, 200), 200);
                    }
                }
                h.processElement(probe("never-seen", 200), 200);
                double sum = h.extractOutputValues().stream().mapToDouble(r -> r.rarity).sum();
                assertThat(seen).hasSizeGreaterThan(4);
                assertThat(sum)
                        .as("%s, T = %s: rarities of the %d classes held and of a new class", smoothing, temperature, seen.size())
                        .isCloseTo(1.0, within(1e-14));
                h.close();
            }
        }
    }

    @Test
    void theRarityOfANewClassInAOneClassKeyIsTheSigmoidOfItsScore() throws Exception {
        // a x 8: z_new = ln(p_a / p_u) = ln(9/1); rarity_new = 1 / (1 + 9^{-1/T}) = sigmoid(z / T).
        double previous = 1.0;
        for (double t : new double[] {0.25, 0.5, 1.0, 2.0, 4.0}) {
            List<ClassEvent> events = repeat("a", 8);
            events.add(probe("b", 8));
            RarityEvent b = run(InformationFunction.builder().setTemperature(t).build(), events).get(8);
            double byHand = 1.0 / (1.0 + Math.pow(1.0 / 9, 1.0 / t));
            assertThat(b.score).isCloseTo(Math.log(9), within(EPS));
            assertThat(b.rarity).as("T = %s", t).isCloseTo(byHand, within(EPS));
            assertThat(b.rarity).as("T = %s, sigmoid", t).isCloseTo(Sigmoid.sigmoid(b.score, t), within(EPS));
            assertThat(b.rarity).as("higher T spreads the rarity").isLessThan(previous);
            previous = b.rarity;
        }
        // a x 8, b x 1 at T = 0.5: weights p^-2 = (4/3)^2, 6^2, 12^2, so b: 36 / (16/9 + 36 + 144) = 81/409.
        List<ClassEvent> events = repeat("a", 8);
        events.add(ev("b", 9));
        events.add(probe("b", 10));
        events.add(probe("c", 11));
        List<RarityEvent> half = run(InformationFunction.builder().setTemperature(0.5).build(), events);
        assertThat(half.get(9).rarity).isCloseTo(81.0 / 409, within(EPS));
        // A new class at T = 0.5: 144 / (16/9 + 36 + 144) = 324/409, which is softmax(z / T) at z = (0, ln 4.5, ln 9).
        RarityEvent c = half.get(10);
        assertThat(c.rarity).isCloseTo(324.0 / 409, within(EPS));
        double[] softmax = Softmax.probabilities(new double[] {0.0, Math.log(4.5), Math.log(9)}, 0.5);
        assertThat(c.rarity).isCloseTo(softmax[2], within(EPS));
    }

    @Test
    void extremeTemperaturesConcentrateOrSpreadTheRarityAndStayFinite() throws Exception {
        List<ClassEvent> events = repeat("a", 8);
        events.add(ev("b", 9));
        events.add(probe("a", 10));
        events.add(probe("b", 11));
        events.add(probe("c", 12));
        // T = 0.01: weights p^-100 = (4/3)^100, 6^100, 12^100: all on the unseen slot (the rarest),
        // b gets 6^100 / 12^100 = 2^-100 of it, yet nothing is 0.
        List<RarityEvent> cold = run(InformationFunction.builder().setTemperature(0.01).build(), events);
        assertThat(cold.get(11).rarity).isEqualTo(1.0);
        assertThat(cold.get(10).rarity).isCloseTo(Math.pow(0.5, 100), within(1e-40)).isPositive();
        assertThat(cold.get(9).rarity).isCloseTo(Math.pow(1.0 / 9, 100), within(1e-105)).isPositive();
        List<RarityEvent> hot = run(InformationFunction.builder().setTemperature(1e6).build(), events);
        for (int i = 9; i < 12; i++) {
            assertThat(hot.get(i).rarity).isCloseTo(1.0 / 3, within(1e-6));
        }
        // T = 1e-310: 1 / T overflows; the issue saw NaN everywhere. The softmax takes it. The
        // rarity is softmax(z / T) over the classes held and the unseen slot, z = ln(p_ref / p),
        // and these T are its limits. As T -> 0 all mass goes to the rarest slot: the unseen
        // slot's events (b at index 8, c at 11) get 1, a class held (a at 1..7 and 9, b at 10:
        // q = c + 1 >= 2 against the unseen slot's 1) gets exactly 0 (e^{-ln(q)/T} underflows).
        // As T -> inf, z / T <= ln 9 / 1.8e308 and every weight is e^0 = 1: the slots share
        // equally, 1/2 with a and the unseen slot (1..8), 1/3 with a, b and the unseen slot
        // (9..11). The first event has no history: 0 by definition.
        double[] cold0 = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1};
        double[] hotInf = {0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.0 / 3, 1.0 / 3, 1.0 / 3};
        for (double t : new double[] {1e-310, Double.MIN_VALUE, Double.MAX_VALUE}) {
            List<RarityEvent> out = run(InformationFunction.builder().setTemperature(t).build(), events);
            double[] expected = t > 1 ? hotInf : cold0;
            assertThat(out).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(out.get(i).rarity).as("T = %s, event %d: %s", t, i, out.get(i)).isCloseTo(expected[i], within(1e-15));
            }
        }
    }

    @Test
    void countsDecayWithTheHalfLifeAndLateEventsEnterDecayed() throws Exception {
        InformationFunction fn = InformationFunction.builder().setHalfLife(Duration.ofSeconds(1)).build();
        List<RarityEvent> out =
                run(fn, ev("a", 0), ev("a", 1000), ev("b", 2000), probe("a", 2000),
                        ev("a", 1000), probe("a", 2000), probe("a", 3000));
        // At 2000: a = 2^-2 + 2^-1 = 0.75, b = 1.
        assertThat(out.get(3).count).isCloseTo(0.75, within(EPS));
        assertThat(out.get(3).total).isCloseTo(1.75, within(EPS));
        // The late a (t = 1000 < now = 2000) is scored at now: p_a = (0.75 + 1) / (1.75 + 3) ...
        assertThat(out.get(4).probability).isCloseTo(1.75 / 4.75, within(EPS));
        assertThat(out.get(4).ts).isEqualTo(1000L);
        // ... then enters with weight 2^-(2000 - 1000)/1000 = 0.5.
        assertThat(out.get(5).count).isCloseTo(1.25, within(EPS));
        assertThat(out.get(5).total).isCloseTo(2.25, within(EPS));
        // One half-life later everything halves.
        assertThat(out.get(6).count).isCloseTo(0.625, within(EPS));
        assertThat(out.get(6).total).isCloseTo(1.125, within(EPS));
    }

    @Test
    void goodTuringSizesTheUnseenSlotBySingletons() throws Exception {
        InformationFunction fn = InformationFunction.builder().setSmoothing(Smoothing.GOOD_TURING).build();
        List<ClassEvent> events = repeat("a", 3);
        events.add(ev("b", 4));
        events.add(probe("c", 5));
        events.add(probe("a", 6));
        List<RarityEvent> out = run(fn, events);
        // C = 4, V = 2, N1 = 1 (b), D = 7: u = 2/7, p_a = (5/7)(4/6) = 10/21; z_c = ln(p_a / u) = ln(5/3).
        assertThat(out.get(4).probability).isCloseTo(2.0 / 7, within(EPS));
        assertThat(out.get(4).surprisal).isCloseTo(Math.log(3.5), within(EPS));
        assertThat(out.get(4).score).isCloseTo(Math.log(5.0 / 3), within(EPS));
        assertThat(out.get(5).probability).isCloseTo(10.0 / 21, within(EPS));

        // Four singletons: u = 5/9 beats every seen class (1/9 each), so the new class is its own
        // reference: z = 0, rarity (9/5) / (4 * 9 + 9/5) = 1/21.
        List<RarityEvent> singles =
                run(fn, ev("a", 1), ev("b", 2), ev("c", 3), ev("d", 4), probe("e", 5));
        RarityEvent e = singles.get(4);
        assertThat(e.probability).isCloseTo(5.0 / 9, within(EPS));
        assertThat(e.reference).isEqualTo("e");
        assertThat(e.score).isEqualTo(0.0);
        assertThat(e.rarity).isCloseTo(1.0 / 21, within(EPS));
    }

    @Test
    void invalidEventsGoToTheSideOutputWithReasonAndChangeNoState() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                harness(InformationFunction.builder().setHalfLife(Duration.ofSeconds(1)).build());
        ClassEvent noClass = ClassEvent.of("k", 1L, null);
        noClass.topic = "events";
        noClass.partition = 2;
        noClass.offset = 77L;
        h.processElement(noClass, 1);
        h.processElement(ClassEvent.of("k", 2L, ""), 2);
        h.processElement(ClassEvent.of("k", 3L, "a", Double.NaN), 3);
        h.processElement(ClassEvent.of("k", 4L, "a", -1.0), 4);
        h.processElement(ClassEvent.of("k", 5L, "a", Double.POSITIVE_INFINITY), 5);
        h.processElement(ClassEvent.of("k", 6L, "a", 1e101), 6);
        h.processElement(new StreamRecord<>(ClassEvent.of("k", null, "a")));

        assertThat(h.extractOutputValues()).as("no main output").isEmpty();
        assertThat(h.numKeyedStateEntries()).as("no state").isZero();
        List<DeadLetter> rejected = new ArrayList<>();
        h.getSideOutput(DeadLetter.TAG).forEach(r -> rejected.add(r.getValue()));
        assertThat(rejected)
                .extracting(r -> r.reason)
                .containsExactly(
                        "EMPTY_CLASS_NAME", "EMPTY_CLASS_NAME", "INVALID_WEIGHT", "INVALID_WEIGHT",
                        "INVALID_WEIGHT", "INVALID_WEIGHT", "MISSING_TIMESTAMP");
        DeadLetter first = rejected.get(0);
        assertThat(first.error).isEqualTo("Class name must not be null or empty, was null");
        assertThat(first.rejectedBy).isEqualTo("information");
        assertThat(first.key).isEqualTo("k");
        assertThat(first.ts).isEqualTo(1L);
        assertThat(first.topic).isEqualTo("events");
        assertThat(first.partition).isEqualTo(2);
        assertThat(first.offset).isEqualTo(77L);
        assertThat(first.payload)
                .isEqualTo("{\"key\":\"k\",\"ts\":1,\"class\":null,\"weight\":1.0}");
        assertThat(rejected.get(3).error).isEqualTo("Weight must be finite and in [0, 1.0E100], was -1.0");
        h.close();
    }

    @Test
    void deadLettersCarryTheNameAndLimitsOfTheBuilder() throws Exception {
        InformationFunction fn = InformationFunction.builder()
                .setName("information-uid")
                .setDeadLetterLimits(DeadLetterLimits.DEFAULT.withMaxPayloadBytes(8))
                .build();
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h = harness(fn);
        h.processElement(ClassEvent.of("k", 1L, ""), 1);
        DeadLetter d = h.getSideOutput(DeadLetter.TAG).peek().getValue();
        assertThat(d.rejectedBy).isEqualTo("information-uid");
        assertThat(d.payload).isEqualTo("{\"key\":\"");
        assertThat(d.payloadTruncated).isTrue();
        h.close();
    }

    @Test
    void timestampComesFromTheRecordAndIsOptionalWithoutDecay() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                harness(InformationFunction.builder().build());
        h.processElement(ClassEvent.of("k", null, "a"), 5000);
        h.processElement(new StreamRecord<>(ClassEvent.of("k", null, "a")));
        List<RarityEvent> out = h.extractOutputValues();
        assertThat(out.get(0).ts).isEqualTo(5000L);
        assertThat(out.get(1).ts).isNull();
        assertThat(out.get(1).count).isEqualTo(1.0);
        assertThat(h.getSideOutput(DeadLetter.TAG)).isNull();
        h.close();
    }

    @Test
    void beyondTheClassLimitSpaceSavingEvictsTheLeastWeightedClassAndReportsTheError() throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                harness(InformationFunction.builder().setMaxClassesPerKey(2).build(), metrics);
        for (ClassEvent e : List.of(ev("a", 1), ev("a", 2), ev("a", 3), ev("b", 4), ev("c", 5),
                ev("d", 6), ev("b", 7), probe("x", 8), probe("b", 9), probe("d", 10))) {
            h.processElement(e, e.ts);
        }
        h.processElement(ClassEvent.of("k", 11L, ""), 11);
        List<RarityEvent> out = h.extractOutputValues();
        // Space-Saving with 2 counters, by hand: {a 3, b 1}; c takes b's counter: F = 1, c = 1 + 1
        // (error 1); d takes c's: F = 2, d = 2 + 1 (error 2); b comes back: a and d tie at 3, the
        // lower index (a) goes: F = 3, b = 3 + 1 (error 3). True counts: a 3, b 2, c 1, d 1.
        RarityEvent bAgain = out.get(6);
        assertThat(bAgain.firstSeen).as("not held: scored as the unseen slot").isTrue();
        assertThat(bAgain.count).isEqualTo(0.0);
        assertThat(bAgain.countError).as("its true count (1) is at most the floor, 2").isEqualTo(2.0);
        assertThat(bAgain.total).as("nothing dropped").isEqualTo(6.0);
        RarityEvent x = out.get(7);
        assertThat(x.distinct).as("never more than the limit").isEqualTo(2);
        assertThat(x.total).isEqualTo(7.0);
        assertThat(x.countError).as("F = 3 <= W / m = 3.5").isEqualTo(3.0);
        RarityEvent b = out.get(8);
        assertThat(b.count).as("overestimates the true 2").isEqualTo(4.0);
        assertThat(b.countError).isEqualTo(3.0);
        RarityEvent d = out.get(9);
        assertThat(d.count).isEqualTo(3.0);
        assertThat(d.countError).isEqualTo(2.0);
        assertThat(((Counter) metrics.get("evictedClasses")).getCount()).isEqualTo(3);
        assertThat(((Counter) metrics.get("firstSeenEvents")).getCount()).isEqualTo(6);
        assertThat(((Counter) metrics.get("deadLetters")).getCount()).isEqualTo(1);
        assertThat(gauge(metrics, "distinctClasses")).isEqualTo(2);
        assertThat(gauge(metrics, "maxDistinctClasses")).isEqualTo(2);
        h.close();
    }

    @Test
    void distributionEveryNEventsListsEveryClassWithItsScores() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                harness(InformationFunction.builder().setDistributionEveryEvents(3).build());
        for (ClassEvent e : List.of(ev("b", 1), ev("a", 2), ev("a", 3), ev("c", 4))) {
            h.processElement(e, e.ts);
        }
        List<ClassDistribution> ds = distributions(h);
        assertThat(ds).hasSize(1);
        ClassDistribution d = ds.get(0);
        // After b, a, a: C = 3, V = 2, D = 6: p_a = 3/6, p_b = 2/6, unseen 1/6;
        // rarity over 1/p = 2, 3, 6 (sum 11): a 2/11, b 3/11, unseen 6/11; z_b = ln(3/2).
        assertThat(d.key).isEqualTo("k");
        assertThat(d.ts).isEqualTo(3L);
        assertThat(d.windowStart).isNull();
        assertThat(d.classNames).containsExactly("a", "b");
        assertThat(d.counts).containsExactly(2.0, 1.0);
        assertThat(d.countErrors).containsExactly(0.0, 0.0);
        assertThat(d.countError).isEqualTo(0.0);
        assertThat(d.probabilities).containsExactly(new double[] {0.5, 1.0 / 3}, within(EPS));
        assertThat(d.surprisals).containsExactly(new double[] {Math.log(2), Math.log(3)}, within(EPS));
        assertThat(d.scores).containsExactly(new double[] {0.0, Math.log(1.5)}, within(EPS));
        assertThat(d.rarities).containsExactly(new double[] {2.0 / 11, 3.0 / 11}, within(EPS));
        assertThat(d.unseenRarity).isCloseTo(6.0 / 11, within(EPS));
        assertThat(d.unseenProbability).isCloseTo(1.0 / 6, within(EPS));
        assertThat(d.entropy)
                .isCloseTo(-(0.5 * Math.log(0.5) + Math.log(1.0 / 3) / 3 + Math.log(1.0 / 6) / 6), within(EPS));
        assertThat(d.total).isEqualTo(3.0);
        assertThat(d.distinct).isEqualTo(2);
        h.close();
    }

    @Test
    void distributionOnEventTimeTimerDescribesTheCountsAtTheTimer() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                harness(InformationFunction.builder()
                        .setHalfLife(Duration.ofSeconds(10))
                        .setDistributionInterval(Duration.ofSeconds(10))
                        .build());
        h.processElement(ev("a", 0), 0);
        h.processElement(ev("b", 5000), 5000);
        assertThat(h.numEventTimeTimers())
                .as("per key one distribution timer per interval, and one expiry timer")
                .isEqualTo(2);
        h.processWatermark(9_999);
        assertThat(distributions(h)).isEmpty();
        h.processWatermark(10_000);
        List<ClassDistribution> ds = distributions(h);
        assertThat(ds).hasSize(1);
        // At the timer, 10 s: a = 2^-1 = 0.5, b = 2^-0.5.
        ClassDistribution d = ds.get(0);
        assertThat(d.ts).isEqualTo(10_000L);
        assertThat(d.classNames).containsExactly("b", "a");
        assertThat(d.counts).containsExactly(new double[] {Math.sqrt(0.5), 0.5}, within(EPS));
        assertThat(h.numEventTimeTimers()).as("an idle key sets no new distribution timer").isEqualTo(1);
        h.processElement(ev("a", 12_000), 12_000);
        assertThat(h.numEventTimeTimers()).isEqualTo(2);
        h.close();
    }

    @Test
    void builderRejectsBadSettingsWithReadableMessages() {
        assertThatThrownBy(() -> InformationFunction.builder().setAlpha(0).build())
                .hasMessage("Alpha (additive smoothing) must be in [1.0E-10, 1.0E100], was 0.0");
        assertThatThrownBy(() -> InformationFunction.builder().setAlpha(1e101).build())
                .hasMessage("Alpha (additive smoothing) must be in [1.0E-10, 1.0E100], was 1.0E101");
        assertThatThrownBy(() -> InformationFunction.builder().setIdleTimeout(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Idle timeout must be in [1 ms");
        assertThatThrownBy(() -> InformationFunction.builder().setTemperature(Double.NaN).build())
                .hasMessage("Temperature must be finite and > 0, was NaN");
        assertThatThrownBy(() -> InformationFunction.builder().setHalfLife(Duration.ofMillis(-5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Half-life must be in [1 ms");
        assertThatThrownBy(() -> InformationFunction.builder().setStateTtl(Duration.ofNanos(10)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("State TTL must be in [1 ms");
        assertThatThrownBy(() -> InformationFunction.builder().setMaxClassesPerKey(0).build())
                .hasMessage("Max classes per key must be >= 1, was 0");
        assertThatThrownBy(() -> InformationFunction.builder().setDistributionEveryEvents(-1).build())
                .hasMessage("Distribution every n events must be >= 0 (0 = off), was -1");
        assertThatThrownBy(() -> InformationFunction.builder().setSmoothing(null).build())
                .hasMessage("Smoothing must be ADDITIVE or GOOD_TURING, was null");
        assertThatThrownBy(() -> InformationFunction.builder().setName("").build())
                .hasMessage("Name must not be null or empty, was ");
        assertThatThrownBy(() -> InformationWindowFunction.builder().setTemperature(-1).build())
                .hasMessage("Temperature must be finite and > 0, was -1.0");
    }

    // ---------------------------------------------------------------------------------------

    static ClassEvent ev(String cls, long ts) {
        return ClassEvent.of("k", ts, cls);
    }

    static ClassEvent probe(String cls, long ts) {
        return ClassEvent.of("k", ts, cls, 0.0);
    }

    static List<ClassEvent> repeat(String cls, int n) {
        List<ClassEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(ev(cls, i));
        }
        return events;
    }

    static List<RarityEvent> run(InformationFunction fn, ClassEvent... events) throws Exception {
        return run(fn, List.of(events));
    }

    static List<RarityEvent> run(InformationFunction fn, List<ClassEvent> events) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h = harness(fn);
        for (ClassEvent e : events) {
            h.processElement(e, e.ts);
        }
        List<RarityEvent> out = h.extractOutputValues();
        assertThat(out).as("one output per event").hasSize(events.size());
        h.close();
        return out;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> harness(
            InformationFunction fn) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                fn, ClassEvent.keySelector(), Types.STRING);
    }

    /** A harness whose operator metrics land in {@code metrics}. */
    static KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> harness(
            InformationFunction fn, InterceptingOperatorMetricGroup metrics) throws Exception {
        MockEnvironment env =
                new MockEnvironmentBuilder()
                        .setMetricGroup(
                                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                                    @Override
                                    public InternalOperatorMetricGroup getOrAddOperator(
                                            OperatorID id, String name, Map<String, String> more) {
                                        return metrics;
                                    }
                                })
                        .build();
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(fn), ClassEvent.keySelector(), Types.STRING, env);
        h.open();
        return h;
    }

    static List<ClassDistribution> distributions(
            KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h) {
        List<ClassDistribution> ds = new ArrayList<>();
        if (h.getSideOutput(InformationFunction.DISTRIBUTIONS) != null) {
            h.getSideOutput(InformationFunction.DISTRIBUTIONS).forEach(r -> ds.add(r.getValue()));
        }
        return ds;
    }

    @SuppressWarnings("unchecked")
    private static int gauge(InterceptingOperatorMetricGroup metrics, String name) {
        return ((Gauge<Integer>) metrics.get(name)).getValue();
    }
}
