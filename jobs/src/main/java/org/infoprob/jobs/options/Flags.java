package org.infoprob.jobs.options;

import org.apache.flink.util.TimeUtils;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How flag values become typed values, and how a rejected value becomes a usage error. The
 * option classes only convert; the rules for a value live in the builder that takes it, and
 * {@link #check} turns that builder's {@link IllegalArgumentException} into a picocli {@link
 * ParameterException} (exit status 2) that names the flag:
 *
 * <pre>{@code
 * Flags.check(cmd, "--alpha", () -> InformationFunction.builder().setAlpha(alpha).build());
 * // --alpha 0:  Invalid value for --alpha: Alpha (additive smoothing) must be finite and > 0, was 0.0
 * }</pre>
 */
public final class Flags {

    private Flags() {}

    /**
     * Runs {@code build}, the builder that owns the value of {@code flag}; its {@link
     * IllegalArgumentException} becomes a usage error {@code Invalid value for <flag>: <message>}.
     *
     * @param flag the flag, or the flags (e.g. {@code --classes, --max-classes-per-record})
     *     whose values {@code build} combines
     */
    public static void check(CommandLine cmd, String flag, Runnable build) {
        try {
            build.run();
        } catch (IllegalArgumentException e) {
            throw invalid(cmd, flag, e.getMessage());
        }
    }

    /** A usage error {@code Invalid value for <flag>: <message>}, for rules that no builder owns. */
    public static ParameterException invalid(CommandLine cmd, String flag, String message) {
        return new ParameterException(cmd, "Invalid value for " + flag + ": " + message);
    }

    /** {@code 500 ms}, {@code 10 s}, {@code 5 min}, {@code 1 h}, {@code 7 d}: Flink's duration syntax. */
    static Duration duration(String value) {
        try {
            return TimeUtils.parseDuration(value);
        } catch (RuntimeException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration such as 500 ms, 10 s, 5 min, 1 h, 7 d");
        }
    }

    /**
     * An enum constant from its name in any case, with {@code -} for {@code _}: {@code
     * good-turing}, {@code GOOD_TURING} and {@code Good_Turing} are all {@code GOOD_TURING}.
     */
    static <E extends Enum<E>> ITypeConverter<E> enumConverter(Class<E> type) {
        return value -> {
            String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
            throw new TypeConversionException("'" + value + "' is not one of " + names(type));
        };
    }

    /** The command-line spelling of an enum constant: {@code AT_LEAST_ONCE} is {@code at-least-once}. */
    public static String cliName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Flags::cliName).collect(Collectors.joining(", "));
    }
}
