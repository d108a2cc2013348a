package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.math.Ranking;
import org.infoprob.model.Reason;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The one validation of a score record, shared by the softmax and multi-label sigmoid
 * functions, the window validation stage and the window aggregates.
 *
 * <p>{@link #check} tests the shape of a record, in this order: classes and scores present
 * ({@code MISSING_FIELD}), same length ({@code LENGTH_MISMATCH}), at least one class ({@code
 * EMPTY_SCORES}), at most {@code maxClasses} ({@code TOO_MANY_CLASSES}), no null or empty name
 * ({@code EMPTY_CLASS_NAME}), no name twice ({@code DUPLICATE_CLASS}), and, when a fixed class
 * list is set, only classes from it ({@code UNKNOWN_CLASS}; a record may hold a subset).
 * {@link #checkScores} tests the values where no softmax is computed that would find them (NaN;
 * all -inf when a distribution over the classes is needed).
 *
 * <pre>{@code
 * ScoreValidator v = ScoreValidator.create(null, 1000);
 * v.check(new String[] {"a", "a"}, new double[] {1, 2});  // DUPLICATE_CLASS
 * v.check(new String[] {"a", "b"}, new double[] {1, 2});  // null: valid
 * }</pre>
 *
 * <p>Checking allocates nothing for a valid record: duplicates are found with a reused {@link
 * NameIndex}. Not thread-safe; each operator instance deserializes its own copy.
 */
@Internal
public final class ScoreValidator implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default limit on the classes of one record: far above real models, far below a decoding accident. */
    public static final int DEFAULT_MAX_CLASSES = 10_000;

    /** How many fixed classes an UNKNOWN_CLASS message lists before it abbreviates. */
    private static final int LISTED_CLASSES = 10;

    private final String[] fixedClasses;
    private final int maxClasses;

    private transient NameIndex recordIndex;
    private transient NameIndex fixedIndex;

    private ScoreValidator(String[] fixedClasses, int maxClasses) {
        this.fixedClasses = fixedClasses;
        this.maxClasses = maxClasses;
    }

    /**
     * A validator for records with at most {@code maxClasses} classes, taken from {@code
     * fixedClasses} when that is not null.
     *
     * @throws IllegalArgumentException if {@code maxClasses < 1}, or the fixed list is empty,
     *     longer than {@code maxClasses}, or holds a null, empty or repeated name
     */
    public static ScoreValidator create(String[] fixedClasses, int maxClasses) {
        if (maxClasses < 1) {
            throw new IllegalArgumentException("Max classes must be >= 1, was " + maxClasses);
        }
        if (fixedClasses == null) {
            return new ScoreValidator(null, maxClasses);
        }
        String[] fixed = fixedClasses.clone();
        if (fixed.length == 0) {
            throw new IllegalArgumentException(
                    "Fixed classes must hold at least one class name, was empty");
        }
        if (fixed.length > maxClasses) {
            throw new IllegalArgumentException(
                    "Fixed classes must number at most max classes ("
                            + maxClasses
                            + "), was "
                            + fixed.length);
        }
        for (int i = 0; i < fixed.length; i++) {
            if (fixed[i] == null || fixed[i].isEmpty()) {
                throw new IllegalArgumentException(
                        "Fixed class names must be non-empty, was "
                                + quote(fixed[i])
                                + " at index "
                                + i);
            }
        }
        NameIndex index = new NameIndex();
        int repeated = index.index(fixed, fixed.length);
        if (repeated >= 0) {
            throw new IllegalArgumentException(notUnique("Fixed class names", index, fixed, repeated));
        }
        return new ScoreValidator(fixed, maxClasses);
    }

    /** The fixed class list (a copy), or null when any class is accepted. */
    public String[] fixedClasses() {
        return fixedClasses == null ? null : fixedClasses.clone();
    }

    public int maxClasses() {
        return maxClasses;
    }

    /** Null when the shape of the record is valid, else why not (see the class comment). */
    public DeadLetterCause check(String[] classes, double[] scores) {
        if (classes == null) {
            return new DeadLetterCause(Reason.MISSING_FIELD, "Classes must not be null");
        }
        if (scores == null) {
            return new DeadLetterCause(Reason.MISSING_FIELD, "Scores must not be null");
        }
        if (classes.length != scores.length) {
            return new DeadLetterCause(
                    Reason.LENGTH_MISMATCH,
                    "Classes and scores must have the same length, was "
                            + classes.length
                            + " classes and "
                            + scores.length
                            + " scores");
        }
        int n = classes.length;
        if (n == 0) {
            return new DeadLetterCause(
                    Reason.EMPTY_SCORES, "Scores must hold at least one class, was empty");
        }
        if (n > maxClasses) {
            return new DeadLetterCause(
                    Reason.TOO_MANY_CLASSES,
                    "Classes must number at most " + maxClasses + ", was " + n);
        }
        for (int i = 0; i < n; i++) {
            if (classes[i] == null || classes[i].isEmpty()) {
                return new DeadLetterCause(
                        Reason.EMPTY_CLASS_NAME,
                        "Class names must be non-empty, was "
                                + quote(classes[i])
                                + " at index "
                                + i);
            }
        }
        if (recordIndex == null) {
            recordIndex = new NameIndex();
        }
        int repeated = recordIndex.index(classes, n);
        if (repeated >= 0) {
            return new DeadLetterCause(
                    Reason.DUPLICATE_CLASS, notUnique("Class names", recordIndex, classes, repeated));
        }
        return fixedClasses == null ? null : checkKnown(classes, n);
    }

    /**
     * {@link #check} then {@link #checkScores} over all of {@code scores}: null when the record
     * is valid, else the first reason it is not.
     */
    public DeadLetterCause checkRecord(
            String[] classes, double[] scores, boolean allowAllNegativeInfinity) {
        DeadLetterCause cause = check(classes, scores);
        return cause != null ? cause : checkScores(scores, scores.length, allowAllNegativeInfinity);
    }

    /**
     * Null when the scores have a distribution, else why not: NaN ({@code NON_FINITE_SCORE});
     * all entries -inf ({@code ALL_NEGATIVE_INFINITY}) unless {@code allowAllNegativeInfinity}
     * (independent sigmoids, where every class may be absent). The NaN test is the math core's
     * ({@link Ranking#argmax}), so the messages match those of the softmax.
     */
    public static DeadLetterCause checkScores(
            double[] scores, int n, boolean allowAllNegativeInfinity) {
        int top;
        try {
            top = Ranking.argmax(scores, n);
        } catch (InvalidScoresException e) {
            return DeadLetterCause.of(e);
        }
        if (!allowAllNegativeInfinity && scores[top] == Double.NEGATIVE_INFINITY) {
            return new DeadLetterCause(
                    Reason.ALL_NEGATIVE_INFINITY,
                    "Scores must hold at least one entry > -Infinity, all "
                            + n
                            + " entries were -Infinity");
        }
        return null;
    }

    private DeadLetterCause checkKnown(String[] classes, int n) {
        if (fixedIndex == null) {
            fixedIndex = new NameIndex();
            fixedIndex.index(fixedClasses, fixedClasses.length);
        }
        for (int i = 0; i < n; i++) {
            if (fixedIndex.indexOf(classes[i]) < 0) {
                return new DeadLetterCause(
                        Reason.UNKNOWN_CLASS,
                        "Class "
                                + quote(classes[i])
                                + " at index "
                                + i
                                + " is not one of the "
                                + fixedClasses.length
                                + " fixed classes "
                                + listed());
            }
        }
        return null;
    }

    private String listed() {
        if (fixedClasses.length <= LISTED_CLASSES) {
            return Arrays.toString(fixedClasses);
        }
        String head = Arrays.toString(Arrays.copyOf(fixedClasses, LISTED_CLASSES));
        return head.substring(0, head.length() - 1) + ", ...]";
    }

    /** The message for {@code names[repeated]}, which {@code index} holds at an earlier index. */
    private static String notUnique(String what, NameIndex index, String[] names, int repeated) {
        return what
                + " must be unique, was "
                + quote(names[repeated])
                + " at index "
                + index.indexOf(names[repeated])
                + " and "
                + repeated;
    }

    private static String quote(String name) {
        return name == null ? "null" : "'" + name + "'";
    }
}
