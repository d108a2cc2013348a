package org.infoprob.internal;

import org.apache.flink.annotation.Internal;

import java.util.HashMap;

/**
 * One shared instance per distinct class name, for state that keeps names per key: every
 * decoded record brings its own copy of a name (about 48 bytes for a short one), and without
 * this each key's state would keep the copy it saw first. Bounded: past {@code capacity}
 * distinct names, new names are returned as they are (correct, only not shared), so a stream
 * of ever-new names cannot grow this table without limit.
 *
 * <pre>{@code
 * CanonicalNames names = new CanonicalNames(100_000);
 * String a = names.of(new String("login"));
 * String b = names.of(new String("login"));   // a == b
 * }</pre>
 *
 * <p>Not thread-safe; one instance per operator instance (it is not part of any state).
 */
@Internal
public final class CanonicalNames {

    /** Default bound on the distinct names kept: a few MiB at most. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final HashMap<String, String> names = new HashMap<>();

    /** @throws IllegalArgumentException if {@code capacity < 0} */
    public CanonicalNames(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("Capacity must be >= 0, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** The shared instance equal to {@code name}; {@code name} itself when new and the table is full. */
    public String of(String name) {
        String shared = names.get(name);
        if (shared != null) {
            return shared;
        }
        if (names.size() < capacity) {
            names.put(name, name);
        }
        return name;
    }

    /** Distinct names held. */
    public int size() {
        return names.size();
    }
}
