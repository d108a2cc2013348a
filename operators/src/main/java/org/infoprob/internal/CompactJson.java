package org.infoprob.internal;

import org.apache.flink.annotation.Internal;

/**
 * Just enough JSON writing to render an event as the {@code payload} of a dead letter: strings
 * with escapes, numbers, arrays. Non-finite numbers ({@code NaN}, {@code Infinity}) have no JSON
 * literal, so they are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code
 * "-Infinity"}; the payload stays valid JSON and still shows the bad value.
 *
 * <pre>{@code
 * StringBuilder b = new StringBuilder();
 * CompactJson.field(b, "key", "a\"b");    // "key":"a\"b"
 * }</pre>
 */
@Internal
public final class CompactJson {

    private CompactJson() {}

    /** Appends {@code "name":"value"} (or {@code "name":null}). */
    public static StringBuilder field(StringBuilder b, String name, String value) {
        string(b, name).append(':');
        return string(b, value);
    }

    /** Appends {@code "name":value} for a long. */
    public static StringBuilder field(StringBuilder b, String name, long value) {
        return string(b, name).append(':').append(value);
    }

    /** Appends {@code "name":value} for a number that may be null. */
    public static StringBuilder field(StringBuilder b, String name, Number value) {
        string(b, name).append(':');
        return value == null ? b.append("null") : b.append(value);
    }

    /** Appends {@code "name":value} for a double; non-finite values as strings. */
    public static StringBuilder field(StringBuilder b, String name, double value) {
        string(b, name).append(':');
        return number(b, value);
    }

    /** Appends {@code "name":["a","b"]} (or {@code null}). */
    public static StringBuilder field(StringBuilder b, String name, String[] values) {
        string(b, name).append(':');
        if (values == null) {
            return b.append("null");
        }
        b.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            string(b, values[i]);
        }
        return b.append(']');
    }

    /** Appends {@code "name":[1.0,"NaN"]} (or {@code null}). */
    public static StringBuilder field(StringBuilder b, String name, double[] values) {
        string(b, name).append(':');
        if (values == null) {
            return b.append("null");
        }
        b.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            number(b, values[i]);
        }
        return b.append(']');
    }

    static StringBuilder number(StringBuilder b, double value) {
        if (Double.isFinite(value)) {
            return b.append(value);
        }
        return b.append('"').append(value).append('"');
    }

    static StringBuilder string(StringBuilder b, String s) {
        if (s == null) {
            return b.append("null");
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"');
    }
}
