package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The sorted parallel arrays of {@link ClassCountAccumulator} against a TreeMap as the model. */
class ClassCountAccumulatorTest {

    @Test
    void arraysStaySortedAndExactlySized() {
        ClassCountAccumulator counts = new ClassCountAccumulator();
        for (String cls : new String[] {"m", "c", "x", "c", "a"}) {
            counts.add(counts.indexOf(cls), cls, 1);
        }
        assertThat(counts.classes).containsExactly("a", "c", "m", "x");
        assertThat(counts.counts).containsExactly(1, 2, 1, 1);
        assertThat(counts.total).isEqualTo(5);
        assertThat(counts.removeOne("m")).isTrue();
        assertThat(counts.removeOne("m")).as("gone").isFalse();
        assertThat(counts.classes).containsExactly("a", "c", "x");
        assertThat(counts.counts).containsExactly(1, 2, 1);
    }

    @Test
    void randomAddRemoveAndMergeAgreeWithATreeMap() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            ClassCountAccumulator left = new ClassCountAccumulator();
            ClassCountAccumulator right = new ClassCountAccumulator();
            TreeMap<String, Long> model = new TreeMap<>();
            for (int n = 0; n < 40; n++) {
                String cls = "c" + random.nextInt(12);
                ClassCountAccumulator target = random.nextBoolean() ? left : right;
                if (random.nextInt(4) == 0) {
                    if (target.removeOne(cls)) {
                        model.computeIfPresent(cls, (k, v) -> v == 1 ? null : v - 1);
                    }
                } else {
                    target.add(target.indexOf(cls), cls, 1);
                    model.merge(cls, 1L, Long::sum);
                }
            }
            left.addAll(right);
            assertThat(left.classes).as("round %s", round).containsExactly(model.keySet().toArray(new String[0]));
            assertThat(left.counts)
                    .as("round %s", round)
                    .containsExactly(model.values().stream().mapToLong(Long::longValue).toArray());
            assertThat(left.total).isEqualTo(model.values().stream().mapToLong(Long::longValue).sum());
        }
    }
}
