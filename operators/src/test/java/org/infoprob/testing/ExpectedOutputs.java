package org.infoprob.testing;

import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.RarityEvent;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected outputs written as Java literals, and their field-by-field comparison: the restore
 * tests of the committed operator states ({@link StateFixtures}) list the outputs of the
 * uninterrupted scripts as calls of {@link #rarity}, {@link #distribution} and {@link
 * #probabilities}, printed by {@link #source} ({@code StateFixtures expected}) with {@link
 * Double#toString}, which round-trips exactly.
 *
 * <p>Fields computed with {@code +, -, *, /}, {@code min/max} and {@code StrictMath} (names,
 * times, counts, count errors, totals, smoothed probabilities, oneIn) must be equal. Fields that
 * go through {@code Math.log}, {@code exp} or {@code pow} (surprisal, score, rarity, unseen
 * rarity, entropy, softmax probabilities) are compared within {@value #LOG_EXP_ULPS} ulp of
 * {@code max(1, |expected|)}: HotSpot may compute those functions with a platform intrinsic that
 * differs from another platform's in the last bit, and the literals were printed on one machine
 * (x86_64). Whether a restored operator continues bit for bit is checked separately, against an
 * uninterrupted run on the same JVM.
 */
public final class ExpectedOutputs {

    /** Tolerance of the fields computed with {@code Math.log/exp/pow}, in ulp of max(1, |x|). */
    public static final int LOG_EXP_ULPS = 4;

    private ExpectedOutputs() {}

    /** A {@link RarityEvent} with every field. */
    public static RarityEvent rarity(
            String key,
            Long ts,
            String className,
            double count,
            double countError,
            double total,
            int distinct,
            double probability,
            double surprisal,
            double surprisalBits,
            double score,
            double rarity,
            double entropy,
            double oneIn,
            boolean firstSeen,
            String reference) {
        RarityEvent r = new RarityEvent();
        r.key = key;
        r.ts = ts;
        r.className = className;
        r.count = count;
        r.countError = countError;
        r.total = total;
        r.distinct = distinct;
        r.probability = probability;
        r.surprisal = surprisal;
        r.surprisalBits = surprisalBits;
        r.score = score;
        r.rarity = rarity;
        r.entropy = entropy;
        r.oneIn = oneIn;
        r.firstSeen = firstSeen;
        r.reference = reference;
        return r;
    }

    /** A {@link ClassDistribution} with every field. */
    public static ClassDistribution distribution(
            String key,
            Long ts,
            Long windowStart,
            Long windowEnd,
            String[] classNames,
            double[] counts,
            double[] countErrors,
            double[] probabilities,
            double[] surprisals,
            double[] scores,
            double[] rarities,
            double total,
            int distinct,
            double unseenProbability,
            double unseenRarity,
            double countError,
            double entropy,
            long ignoredInvalid) {
        ClassDistribution d = new ClassDistribution();
        d.key = key;
        d.ts = ts;
        d.windowStart = windowStart;
        d.windowEnd = windowEnd;
        d.classNames = classNames;
        d.counts = counts;
        d.countErrors = countErrors;
        d.probabilities = probabilities;
        d.surprisals = surprisals;
        d.scores = scores;
        d.rarities = rarities;
        d.total = total;
        d.distinct = distinct;
        d.unseenProbability = unseenProbability;
        d.unseenRarity = unseenRarity;
        d.countError = countError;
        d.entropy = entropy;
        d.ignoredInvalid = ignoredInvalid;
        return d;
    }

    /** A {@link ProbabilityEvent} with every field. */
    public static ProbabilityEvent probabilities(
            String key,
            long ts,
            Long windowStart,
            Long windowEnd,
            Long count,
            String[] classes,
            double[] probabilities,
            double[] logProbabilities,
            String top,
            double topProbability,
            String[] topK,
            double[] topKProbabilities,
            double entropy,
            double margin) {
        ProbabilityEvent e = new ProbabilityEvent();
        e.key = key;
        e.ts = ts;
        e.windowStart = windowStart;
        e.windowEnd = windowEnd;
        e.count = count;
        e.classes = classes;
        e.probabilities = probabilities;
        e.logProbabilities = logProbabilities;
        e.top = top;
        e.topProbability = topProbability;
        e.topK = topK;
        e.topKProbabilities = topKProbabilities;
        e.entropy = entropy;
        e.margin = margin;
        return e;
    }

    /** An array literal of names. */
    public static String[] names(String... names) {
        return names;
    }

    /** An array literal of doubles. */
    public static double[] values(double... values) {
        return values;
    }

    /** Compares every field of every output; see the class comment for which are exact. */
    public static void assertRarities(List<RarityEvent> actual, List<RarityEvent> expected) {
        assertThat(actual).as("number of outputs").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            RarityEvent a = actual.get(i);
            RarityEvent e = expected.get(i);
            String at = "output " + i + " (" + e.key + " " + e.className + " at " + e.ts + "): ";
            assertThat(a.key).as(at + "key").isEqualTo(e.key);
            assertThat(a.ts).as(at + "ts").isEqualTo(e.ts);
            assertThat(a.className).as(at + "className").isEqualTo(e.className);
            assertThat(a.count).as(at + "count").isEqualTo(e.count);
            assertThat(a.countError).as(at + "countError").isEqualTo(e.countError);
            assertThat(a.total).as(at + "total").isEqualTo(e.total);
            assertThat(a.distinct).as(at + "distinct").isEqualTo(e.distinct);
            assertThat(a.probability).as(at + "probability").isEqualTo(e.probability);
            assertClose(a.surprisal, e.surprisal, at + "surprisal");
            assertClose(a.surprisalBits, e.surprisalBits, at + "surprisalBits");
            assertClose(a.score, e.score, at + "score");
            assertClose(a.rarity, e.rarity, at + "rarity");
            assertClose(a.entropy, e.entropy, at + "entropy");
            assertThat(a.oneIn).as(at + "oneIn").isEqualTo(e.oneIn);
            assertThat(a.firstSeen).as(at + "firstSeen").isEqualTo(e.firstSeen);
            assertThat(a.reference).as(at + "reference").isEqualTo(e.reference);
        }
    }

    /** Compares every field of every output; see the class comment for which are exact. */
    public static void assertDistributions(List<ClassDistribution> actual, List<ClassDistribution> expected) {
        assertThat(actual).as("number of distributions").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ClassDistribution a = actual.get(i);
            ClassDistribution e = expected.get(i);
            String at = "distribution " + i + " (" + e.key + " at " + e.ts + "): ";
            assertThat(a.key).as(at + "key").isEqualTo(e.key);
            assertThat(a.ts).as(at + "ts").isEqualTo(e.ts);
            assertThat(a.windowStart).as(at + "windowStart").isEqualTo(e.windowStart);
            assertThat(a.windowEnd).as(at + "windowEnd").isEqualTo(e.windowEnd);
            assertThat(a.classNames).as(at + "classNames").containsExactly(e.classNames);
            assertThat(a.counts).as(at + "counts").containsExactly(e.counts);
            assertThat(a.countErrors).as(at + "countErrors").containsExactly(e.countErrors);
            assertThat(a.probabilities).as(at + "probabilities").containsExactly(e.probabilities);
            assertClose(a.surprisals, e.surprisals, at + "surprisals");
            assertClose(a.scores, e.scores, at + "scores");
            assertClose(a.rarities, e.rarities, at + "rarities");
            assertThat(a.total).as(at + "total").isEqualTo(e.total);
            assertThat(a.distinct).as(at + "distinct").isEqualTo(e.distinct);
            assertThat(a.unseenProbability).as(at + "unseenProbability").isEqualTo(e.unseenProbability);
            assertClose(a.unseenRarity, e.unseenRarity, at + "unseenRarity");
            assertThat(a.countError).as(at + "countError").isEqualTo(e.countError);
            assertClose(a.entropy, e.entropy, at + "entropy");
            assertThat(a.ignoredInvalid).as(at + "ignoredInvalid").isEqualTo(e.ignoredInvalid);
        }
    }

    /** Compares every field of every output; see the class comment for which are exact. */
    public static void assertProbabilityEvents(List<ProbabilityEvent> actual, List<ProbabilityEvent> expected) {
        assertThat(actual).as("number of outputs").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ProbabilityEvent a = actual.get(i);
            ProbabilityEvent e = expected.get(i);
            String at = "output " + i + " (" + e.key + " [" + e.windowStart + ", " + e.windowEnd + ")): ";
            assertThat(a.key).as(at + "key").isEqualTo(e.key);
            assertThat(a.ts).as(at + "ts").isEqualTo(e.ts);
            assertThat(a.windowStart).as(at + "windowStart").isEqualTo(e.windowStart);
            assertThat(a.windowEnd).as(at + "windowEnd").isEqualTo(e.windowEnd);
            assertThat(a.count).as(at + "count").isEqualTo(e.count);
            assertThat(a.classes).as(at + "classes").containsExactly(e.classes);
            assertClose(a.probabilities, e.probabilities, at + "probabilities");
            assertClose(a.logProbabilities, e.logProbabilities, at + "logProbabilities");
            assertThat(a.top).as(at + "top").isEqualTo(e.top);
            assertClose(a.topProbability, e.topProbability, at + "topProbability");
            assertThat(a.topK).as(at + "topK").isEqualTo(e.topK);
            assertClose(a.topKProbabilities, e.topKProbabilities, at + "topKProbabilities");
            assertClose(a.entropy, e.entropy, at + "entropy");
            assertClose(a.margin, e.margin, at + "margin");
        }
    }

    /** The factory call that rebuilds {@code output}, for the literals of a restore test. */
    public static String source(Object output) {
        if (output instanceof RarityEvent r) {
            return call(
                    "rarity",
                    str(r.key), lng(r.ts), str(r.className), dbl(r.count), dbl(r.countError), dbl(r.total),
                    Integer.toString(r.distinct), dbl(r.probability), dbl(r.surprisal),
                    dbl(r.surprisalBits), dbl(r.score), dbl(r.rarity), dbl(r.entropy),
                    dbl(r.oneIn), Boolean.toString(r.firstSeen), str(r.reference));
        }
        if (output instanceof ClassDistribution d) {
            return call(
                    "distribution",
                    str(d.key), lng(d.ts), lng(d.windowStart), lng(d.windowEnd),
                    namesLiteral(d.classNames), valuesLiteral(d.counts), valuesLiteral(d.countErrors),
                    valuesLiteral(d.probabilities), valuesLiteral(d.surprisals), valuesLiteral(d.scores),
                    valuesLiteral(d.rarities), dbl(d.total), Integer.toString(d.distinct), dbl(d.unseenProbability),
                    dbl(d.unseenRarity), dbl(d.countError), dbl(d.entropy), d.ignoredInvalid + "L");
        }
        if (output instanceof ProbabilityEvent e) {
            return call(
                    "probabilities",
                    str(e.key), e.ts + "L", lng(e.windowStart), lng(e.windowEnd), lng(e.count),
                    namesLiteral(e.classes), valuesLiteral(e.probabilities), valuesLiteral(e.logProbabilities),
                    str(e.top), dbl(e.topProbability), namesLiteral(e.topK), valuesLiteral(e.topKProbabilities),
                    dbl(e.entropy), dbl(e.margin));
        }
        throw new IllegalArgumentException("No literal for " + output);
    }

    private static void assertClose(double actual, double expected, String what) {
        if (!Double.isFinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance(expected)));
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertClose(actual[i], expected[i], what + "[" + i + "]");
        }
    }

    private static double tolerance(double expected) {
        return LOG_EXP_ULPS * Math.ulp(Math.max(1.0, Math.abs(expected)));
    }

    /** {@code factory(a, b, ...)}, wrapped before an argument that would pass column 100. */
    private static String call(String factory, String... arguments) {
        StringBuilder out = new StringBuilder(factory).append('(');
        int lineStart = 0;
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i] + (i + 1 < arguments.length ? "," : ")");
            if (i > 0) {
                if (out.length() - lineStart + 1 + argument.length() > 100) {
                    out.append('\n');
                    lineStart = out.length();
                    out.append("        ");
                } else {
                    out.append(' ');
                }
            }
            out.append(argument);
        }
        return out.toString();
    }

    private static String str(String s) {
        return s == null ? "null" : '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String lng(Long l) {
        return l == null ? "null" : l + "L";
    }

    private static String dbl(double d) {
        if (Double.isNaN(d)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(d);
    }

    private static String namesLiteral(String[] names) {
        return names == null
                ? "null"
                : "names(" + Arrays.stream(names).map(ExpectedOutputs::str).collect(Collectors.joining(", ")) + ")";
    }

    private static String valuesLiteral(double[] values) {
        return values == null
                ? "null"
                : "values(" + Arrays.stream(values).mapToObj(ExpectedOutputs::dbl).collect(Collectors.joining(", ")) + ")";
    }
}
