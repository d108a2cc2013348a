package org.infoprob.sql;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ClassCountAccumulator}, the shared {@link org.infoprob.math.ClassTally} with one weight
 * per row and retraction, against a LinkedHashMap (arrival order) as the model.
 */
class ClassCountAccumulatorTest {

    @Test
    void classesKeepTheirArrivalOrder() {
        ClassCountAccumulator counts = new ClassCountAccumulator();
        for (String cls : new String[] {"m", "c", "x", "c", "a"}) {
            counts.add(counts.indexOf(cls), cls);
        }
        assertThat(counts.classes()).containsExactly("m", "c", "x", "a");
        assertThat(Arrays.copyOf(counts.weights, counts.size)).containsExactly(1, 2, 1, 1);
        assertThat(Arrays.copyOf(counts.events, counts.size)).containsExactly(1, 2, 1, 1);
        assertThat(counts.total).isEqualTo(5.0);
        assertThat(counts.removeOne("m")).isTrue();
        assertThat(counts.removeOne("m")).as("gone").isFalse();
        assertThat(counts.classes()).containsExactly("c", "x", "a");
        assertThat(Arrays.copyOf(counts.weights, counts.size)).containsExactly(2, 1, 1);
        counts.add(counts.indexOf("m"), "m");
        assertThat(counts.classes()).as("a class back after its removal comes last").containsExactly("c", "x", "a", "m");
    }

    @Test
    void randomAddRemoveAndMergeAgreeWithALinkedHashMap() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            ClassCountAccumulator left = new ClassCountAccumulator();
            ClassCountAccumulator right = new ClassCountAccumulator();
            LinkedHashMap<String, Long> leftModel = new LinkedHashMap<>();
            LinkedHashMap<String, Long> rightModel = new LinkedHashMap<>();
            for (int n = 0; n < 40; n++) {
                String cls = "c" + random.nextInt(12);
                boolean toLeft = random.nextBoolean();
                ClassCountAccumulator target = toLeft ? left : right;
                LinkedHashMap<String, Long> model = toLeft ? leftModel : rightModel;
                if (random.nextInt(4) == 0) {
                    if (target.removeOne(cls)) {
                        model.computeIfPresent(cls, (k, v) -> v == 1 ? null : v - 1);
                    }
                } else {
                    target.add(target.indexOf(cls), cls);
                    model.merge(cls, 1L, Long::sum);
                }
            }
            left.addAll(right);
            rightModel.forEach((k, v) -> leftModel.merge(k, v, Long::sum));
            assertThat(left.classes()).as("round %s", round).containsExactly(leftModel.keySet().toArray(new String[0]));
            assertThat(Arrays.copyOf(left.weights, left.size))
                    .as("round %s", round)
                    .containsExactly(leftModel.values().stream().mapToDouble(Long::doubleValue).toArray());
            assertThat(Arrays.copyOf(left.events, left.size))
                    .containsExactly(leftModel.values().stream().mapToInt(Long::intValue).toArray());
            assertThat(left.total).isEqualTo(leftModel.values().stream().mapToLong(Long::longValue).sum());
        }
    }
}
