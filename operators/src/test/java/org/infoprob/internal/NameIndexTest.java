package org.infoprob.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameIndexTest {

    @Test
    void findsEveryIndexedNameAndNoOther() {
        NameIndex index = new NameIndex();
        String[] names = {"cat", "dog", "bird"};

        assertThat(index.index(names, 3)).as("distinct names").isEqualTo(-1);
        assertThat(index.indexOf("cat")).as("cat").isZero();
        assertThat(index.indexOf("dog")).as("dog").isEqualTo(1);
        assertThat(index.indexOf("bird")).as("bird").isEqualTo(2);
        assertThat(index.indexOf("cow")).as("a name not indexed").isEqualTo(-1);
    }

    @Test
    void reportsTheFirstRepeatedName() {
        NameIndex index = new NameIndex();

        assertThat(index.index(new String[] {"a", "b", "c", "b", "a"}, 5))
                .as("position of the first name seen before")
                .isEqualTo(3);
    }

    @Test
    void onlyThePrefixIsIndexed() {
        NameIndex index = new NameIndex();

        assertThat(index.index(new String[] {"a", "b", "a"}, 2)).as("prefix of 2 names").isEqualTo(-1);
        assertThat(index.indexOf("b")).as("b in the prefix").isEqualTo(1);
    }

    @Test
    void reindexingForgetsTheEarlierNamesAndGrowsForMoreNames() {
        NameIndex index = new NameIndex();
        index.index(new String[] {"x", "y"}, 2);
        String[] many = new String[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = "class-" + i;
        }

        assertThat(index.index(many, many.length)).as("1000 distinct names").isEqualTo(-1);
        assertThat(index.indexOf("x")).as("a name of the previous record").isEqualTo(-1);
        for (int i = 0; i < many.length; i++) {
            assertThat(index.indexOf("class-" + i)).as("class-%s", i).isEqualTo(i);
        }
        assertThat(index.index(new String[] {"y"}, 1)).as("back to a small record").isEqualTo(-1);
        assertThat(index.indexOf("class-5")).as("a name of the large record").isEqualTo(-1);
        assertThat(index.indexOf("y")).as("y").isZero();
    }

    @Test
    void namesWithCollidingHashCodesStayApart() {
        // "Aa" and "BB" have the same String.hashCode() (2112), so they share a probe sequence.
        NameIndex index = new NameIndex();

        assertThat(index.index(new String[] {"Aa", "BB", "AaAa", "BBBB", "AaBB"}, 5)).as("distinct").isEqualTo(-1);
        assertThat(index.indexOf("BB")).as("BB").isEqualTo(1);
        assertThat(index.indexOf("AaBB")).as("AaBB").isEqualTo(4);
        assertThat(index.indexOf("BBAa")).as("BBAa, same hash, not indexed").isEqualTo(-1);
    }
}
