package org.infoprob.internal;

import org.apache.flink.annotation.Internal;

import java.util.Arrays;

/**
 * A reusable hash index from class name to position in a {@code String[]}: open addressing with
 * linear probing over an {@code int[]}, so indexing a record allocates nothing once the table
 * has grown to the largest record seen. {@code String.hashCode()} is cached by the strings, so
 * indexing {@code n} names costs {@code O(n)} hash look-ups plus clearing {@code 2n..4n} slots.
 *
 * <pre>{@code
 * NameIndex index = new NameIndex();
 * index.index(new String[] {"cat", "dog", "cat"}, 3); // 2: "cat" at 2 repeats an earlier name
 * index.indexOf("dog");                                // 1
 * }</pre>
 *
 * <p>Not thread-safe; one instance per operator instance.
 */
@Internal
public final class NameIndex {

    private static final int MIN_CAPACITY = 8;

    private String[] names = new String[0];
    /** Position + 1 of the name stored in each slot; 0 marks a free slot. */
    private int[] slots = new int[MIN_CAPACITY];

    private int mask = MIN_CAPACITY - 1;

    /**
     * Indexes {@code names[0..n)}, which must not be null. Returns -1 when the names are
     * distinct, else the position of the first name equal to an earlier one (indexing stops
     * there). The array is referenced, not copied, until the next call.
     */
    public int index(String[] names, int n) {
        int capacity = MIN_CAPACITY;
        while (capacity < 2 * n) {
            capacity <<= 1;
        }
        if (slots.length < capacity) {
            slots = new int[capacity];
        } else {
            Arrays.fill(slots, 0, capacity, 0);
        }
        mask = capacity - 1;
        this.names = names;
        for (int i = 0; i < n; i++) {
            if (!insert(i)) {
                return i;
            }
        }
        return -1;
    }

    /** Position of {@code name} among the indexed names, or -1. */
    public int indexOf(String name) {
        int slot = spread(name.hashCode()) & mask;
        int entry;
        while ((entry = slots[slot]) != 0) {
            if (names[entry - 1].equals(name)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private boolean insert(int i) {
        String name = names[i];
        int slot = spread(name.hashCode()) & mask;
        int entry;
        while ((entry = slots[slot]) != 0) {
            if (names[entry - 1].equals(name)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        slots[slot] = i + 1;
        return true;
    }

    /** Class names often differ only in their last characters; mix those bits into the low ones. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
