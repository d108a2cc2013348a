package org.infoprob.information;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link ClassCounts}: forward decay and the Space-Saving counters, by hand. */
class ClassCountsTest {

    private static final long H = 1000;

    @Test
    void countsWithoutDecayArePlainWeightedSums() {
        ClassCounts c = new ClassCounts(0);
        add(c, "a", 0, 1.0);
        add(c, "b", 0, 2.5);
        add(c, "a", 0, 0.5);
        assertThat(c.count(c.indexOf("a"))).isEqualTo(1.5);
        assertThat(c.count(c.indexOf("b"))).isEqualTo(2.5);
        assertThat(c.totalCount()).isEqualTo(4.0);
        assertThat(c.events(c.indexOf("a"))).isEqualTo(2);
        assertThat(c.indexOf("c")).isEqualTo(-1);
    }

    @Test
    void countsHalveEveryHalfLifeAndLateEventsEnterDecayed() {
        ClassCounts c = new ClassCounts(H);
        add(c, "a", 0, 1.0);
        add(c, "a", 1000, 1.0);
        // At t = 2000: 2^-2 + 2^-1 = 0.75; b at 2000 counts 1.
        add(c, "b", 2000, 1.0);
        assertThat(c.count(c.indexOf("a"))).isCloseTo(0.75, within(1e-15));
        // Late: a at 1500 while now = 2000 enters with 2^-0.5.
        add(c, "a", 1500, 1.0);
        assertThat(c.now()).isEqualTo(2000);
        assertThat(c.count(c.indexOf("a"))).isCloseTo(0.75 + Math.sqrt(0.5), within(1e-15));
        assertThat(c.totalCount()).isCloseTo(1.75 + Math.sqrt(0.5), within(1e-15));
    }

    /**
     * The direct O(V) computation: on every event decay every count by 2^{-(t - now)/h}, then
     * add the event (a late one with weight 2^{-(now - t)/h}).
     */
    @Test
    void forwardDecayMatchesDirectDecayOfEveryCountOnRandomStreams() {
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int v = 12;
            ClassCounts c = new ClassCounts(H);
            double[] direct = new double[v];
            long now = 0;
            for (int i = 0; i < 20_000; i++) {
                // Mean gap 0.3 half-lives: 6000 half-lives, about 23 landmark moves.
                long t = now + rnd.nextLong(0, 600);
                if (i > 0 && rnd.nextInt(8) == 0) {
                    t = now - rnd.nextLong(0, 3 * H); // late
                }
                int k = Math.min(v - 1, (int) Math.floor(-Math.log(rnd.nextDouble()) * 3));
                double w = 0.1 + rnd.nextDouble();
                if (t > now) {
                    double f = Math.pow(2.0, -(double) (t - now) / H);
                    for (int j = 0; j < v; j++) {
                        direct[j] *= f;
                    }
                    now = t;
                }
                direct[k] += w * Math.pow(2.0, -(double) (now - t) / H);
                add(c, "c" + k, t, w);
                for (int j = 0; j < v; j++) {
                    int idx = c.indexOf("c" + j);
                    double ours = idx < 0 ? 0.0 : c.count(idx);
                    assertThat(ours)
                            .as("seed %d, event %d, class %d", seed, i, j)
                            .isCloseTo(direct[j], within(1e-12 * direct[j]));
                }
            }
            assertThat(c.landmark).as("the landmark moved forward").isGreaterThan(5000 * H);
        }
    }

    @Test
    void aJumpOfAMillionHalfLivesForgetsEverythingWithoutUnderflowOrNaN() {
        ClassCounts c = new ClassCounts(H);
        add(c, "a", 0, 1e100);
        add(c, "b", 1_000_000L * H, 2.0);
        assertThat(c.count(c.indexOf("a"))).isZero();
        assertThat(c.count(c.indexOf("b"))).isEqualTo(2.0);
        assertThat(c.totalCount()).isEqualTo(2.0);
    }

    @Test
    void atCapacityANewClassTakesTheCounterOfTheLeastWeightedOne() {
        ClassCounts c = new ClassCounts(0);
        add(c, "a", 0, 3.0, 2);
        add(c, "b", 0, 1.0, 2);
        assertThat(c.errorBound()).as("exact until the first eviction").isZero();
        // c takes b's counter: F = 1, c = 1 + 1 with error 1.
        int slot = c.add("c", -1, 0, 1.0, 2);
        assertThat(slot).isEqualTo(1);
        assertThat(c.indexOf("b")).isEqualTo(-1);
        assertThat(c.count(slot)).isEqualTo(2.0);
        assertThat(c.error(slot)).isEqualTo(1.0);
        assertThat(c.errorBound()).isEqualTo(1.0);
        // d (0.5) takes c's counter (2 < 3): F = 2, d = 2.5 with error 2.
        add(c, "d", 0, 0.5, 2);
        assertThat(c.indexOf("c")).isEqualTo(-1);
        assertThat(c.count(c.indexOf("d"))).isEqualTo(2.5);
        assertThat(c.error(c.indexOf("d"))).isEqualTo(2.0);
        assertThat(c.error(c.indexOf("a"))).as("a never left").isZero();
        assertThat(c.totalCount()).as("the total stays exact").isEqualTo(5.5);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.errorBound()).as("F <= W / m").isLessThanOrEqualTo(5.5 / 2);
        assertThat(c.add("a", c.indexOf("a"), 0, 1.0, 2)).as("a class held keeps its counter").isZero();
        assertThat(c.errorBound()).isEqualTo(2.0);
    }

    @Test
    void aLowerLimitCutsTheLeastWeightedClassesAndRaisesTheFloor() {
        ClassCounts c = new ClassCounts(0);
        for (int j = 0; j < 6; j++) {
            add(c, "c" + j, 0, j + 1.0, 10);
        }
        add(c, "new", 0, 1.0, 3);
        // Cut to 3 (c3, c4, c5 stay; F = 3), then "new" takes c3's counter: F = 4, new = 4 + 1.
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.indexOf("c4")).isNotNegative();
        assertThat(c.indexOf("c5")).isNotNegative();
        assertThat(c.count(c.indexOf("new"))).isEqualTo(5.0);
        assertThat(c.error(c.indexOf("new"))).isEqualTo(4.0);
        assertThat(c.errorBound()).isEqualTo(4.0).isLessThanOrEqualTo(c.totalCount() / 3);
    }

    @Test
    void changingTheHalfLifeKeepsTheCountsOfNow() {
        ClassCounts c = new ClassCounts(H);
        add(c, "a", 0, 1.0);
        add(c, "b", 1000, 1.0);
        c.reconfigure(4 * H);
        assertThat(c.count(c.indexOf("a"))).isCloseTo(0.5, within(1e-15));
        add(c, "b", 5000, 1.0);
        // From t = 1000 on, one half-life of 4000 ms: a = 0.25, b = 0.5 + 1.
        assertThat(c.count(c.indexOf("a"))).isCloseTo(0.25, within(1e-15));
        assertThat(c.count(c.indexOf("b"))).isCloseTo(1.5, within(1e-15));
    }

    static void add(ClassCounts c, String name, long t, double w) {
        add(c, name, t, w, 10_000);
    }

    static void add(ClassCounts c, String name, long t, double w, int maxClasses) {
        c.advance(t);
        c.add(name, c.indexOf(name), t, w, maxClasses);
    }
}
