package org.infoprob.information;

import org.infoprob.model.ClassEvent;
import org.infoprob.model.RarityEvent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.information.InformationFunctionTest.run;

/**
 * The warm-up mark ({@link InformationFunction.Builder#setWarmUp}) and the worked example of
 * operators/README.md, "Which field to alert on": one user sends the pattern login, view, login,
 * logout, login, view five times (login 1 in 2, view 1 in 3, logout 1 in 6), then admin_access
 * once, then the pattern once more; a = 1, T = 1. Expected values by hand from the formulas of
 * the README (D = C + a (V + 1), p = (c + a) / D, rarity = (1/p_x) / sum over slots of 1/p).
 */
class InformationAlertingTest {

    private static final double EPS = 1e-15;
    private static final List<String> PATTERN = List.of("login", "view", "login", "logout", "login", "view");

    private static List<ClassEvent> stream() {
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            classes.addAll(PATTERN);
        }
        classes.add("admin_access");
        classes.addAll(PATTERN);
        List<ClassEvent> events = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            events.add(ClassEvent.of("user-1", 1_000L * i, classes.get(i)));
        }
        return events;
    }

    private static List<Integer> alerts(List<RarityEvent> out, Predicate<RarityEvent> rule) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (rule.test(out.get(i))) {
                at.add(i);
            }
        }
        return at;
    }

    @Test
    void rarityAloneAlertsOnAYoungKeysOrdinaryEventsTheRecommendedRuleOnlyOnTheRealOne() throws Exception {
        List<RarityEvent> out = run(InformationFunction.builder().setWarmUp(5).build(), stream());

        // Event 1, view after one login: C = 1, V = 1, D = 3, weights 1/p: login 3/2, unseen 3:
        // rarity 3 / 4.5 = 2/3. Event 3, logout after login 2, view 1: D = 6, weights 2, 3 and
        // unseen 6: rarity 6/11 = 0.5454... Both ordinary, both above 0.5.
        assertThat(out.get(1).rarity).isCloseTo(2.0 / 3, within(EPS));
        assertThat(out.get(3).rarity).isCloseTo(6.0 / 11, within(EPS));
        // Event 30, admin_access after login 15, view 10, logout 5: C = 30, V = 3, D = 34;
        // p_u = 1/34, oneIn 34; rarity = 1 / (1/16 + 1/11 + 1/6 + 1) = 528/697 = 0.7575...
        RarityEvent admin = out.get(30);
        assertThat(admin.className).isEqualTo("admin_access");
        assertThat(admin.oneIn).isCloseTo(34.0, within(1e-13));
        assertThat(admin.rarity).isCloseTo(528.0 / 697, within(EPS));

        assertThat(alerts(out, e -> e.rarity >= 0.5)).as("rarity >= 0.5").containsExactly(1, 3, 30);
        assertThat(alerts(out, e -> e.firstSeen)).as("firstSeen").containsExactly(0, 1, 3, 30);
        assertThat(alerts(out, e -> !e.warmingUp && e.firstSeen)).as("not warming up and firstSeen").containsExactly(30);
        assertThat(alerts(out, e -> !e.warmingUp && e.oneIn >= 10))
                .as("not warming up (total >= 5) and one in 10 or rarer")
                .containsExactly(30);
    }

    @Test
    void eventsAreMarkedWhileTheKeysTotalBeforeThemIsBelowTheThreshold() throws Exception {
        List<RarityEvent> out = run(InformationFunction.builder().setWarmUp(5).build(), stream());

        // total before event i is i (weight 1, no decay): events 0..4 have total 0..4 < 5.
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).warmingUp).as("event %d, total %s", i, out.get(i).total).isEqualTo(i < 5);
        }
        List<RarityEvent> off = run(InformationFunction.builder().build(), stream());
        assertThat(off).as("no threshold: nothing marked").noneMatch(e -> e.warmingUp);
        // The mark changes no score.
        for (int i = 0; i < out.size(); i++) {
            RarityEvent marked = out.get(i);
            marked.warmingUp = false;
            assertThat(marked).isEqualTo(off.get(i));
        }
    }

    @Test
    void aNegativeOrNonFiniteThresholdIsRejected() {
        for (double bad : new double[] {-1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> InformationFunction.builder().setWarmUp(bad).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Warm-up total must be finite and >= 0 (0 = off), was " + bad);
        }
    }
}
