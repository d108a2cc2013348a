package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankingTest {

    @Test
    void handValues() {
        double[] p = {0.2, 0.5, 0.3};
        assertThat(Ranking.argmax(p)).isEqualTo(1);
        assertThat(Ranking.topK(p, 2)).containsExactly(1, 2);
        assertThat(Ranking.topK(p, 10)).containsExactly(1, 2, 0);
        assertThat(Ranking.margin(p)).isEqualTo(0.5 - 0.3);
        assertThat(Ranking.margin(new double[] {0.7})).isEqualTo(0.7);
    }

    @Test
    void tiesGoToTheLowerIndex() {
        double[] v = {1.0, 3.0, 3.0, 2.0, 3.0};
        assertThat(Ranking.argmax(v)).isEqualTo(1);
        assertThat(Ranking.topK(v, 4)).containsExactly(1, 2, 4, 3);
        assertThat(Ranking.margin(v)).isEqualTo(0.0);
        double inf = Double.POSITIVE_INFINITY;
        assertThat(Ranking.margin(new double[] {inf, inf})).isEqualTo(0.0);
    }

    @Test
    void topKMatchesAStableSortOnRandomVectors() {
        SplittableRandom random = new SplittableRandom(12);
        int[] out = new int[20];
        for (int n = 0; n < 500; n++) {
            int len = 1 + random.nextInt(60);
            double[] v = new double[len];
            for (int i = 0; i < len; i++) {
                v[i] = random.nextInt(15); // many ties on purpose
            }
            int k = 1 + random.nextInt(20);
            int[] expected =
                    IntStream.range(0, len)
                            .boxed()
                            .sorted(Comparator.comparingDouble((Integer i) -> -v[i]))
                            .limit(k)
                            .mapToInt(Integer::intValue)
                            .toArray();
            int count = Ranking.topK(v, len, k, out);
            assertThat(Arrays.copyOf(out, count)).as("top-%d of %s", k, Arrays.toString(v)).containsExactly(expected);
        }
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Ranking.argmax(new double[0]))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessage("Scores must not be empty, was length 0");
        assertThatThrownBy(() -> Ranking.argmax(new double[] {1, Double.NaN}))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessage("Scores must not be NaN, was NaN at index 1");
        assertThatThrownBy(() -> Ranking.topK(new double[] {1, 2}, 0)).hasMessage("k must be >= 1, was 0");
        assertThatThrownBy(() -> Ranking.topK(new double[] {1, 2, 3}, 3, 2, new int[1]))
                .hasMessage("out must have length >= min(k, length) = 2, was 1");
    }
}
