package org.infoprob.serde;

import org.apache.flink.annotation.Internal;
import org.infoprob.internal.Utf8;
import org.infoprob.model.Reason;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Locale;

/**
 * The typed field readers of the JSON decoders ({@link JsonRecordReader} and its subclasses):
 * each reads the value the parser stands on, or says with a {@link DecodeException} why it
 * cannot (the rules are in {@link JsonRecordReader}'s class comment). Messages name the field
 * and what is allowed, e.g. {@code Field 'ts' must be an integer (epoch milliseconds), was a
 * string}.
 */
@Internal
final class JsonFields {

    private JsonFields() {}

    static DecodeException outOfRange(String what, String value) {
        return new DecodeException(
                Reason.TIMESTAMP_OUT_OF_RANGE,
                what + " must be epoch milliseconds in [0, " + JsonRecordReader.MAX_TIMESTAMP
                        + "] (1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z), was " + value);
    }

    /** Reads the current value as a string or null; numbers and others are WRONG_TYPE. */
    static String readString(JsonParser p, String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(field, "a string", t);
        }
        String text = p.getText();
        checkUnicode(text, "Field '" + field + "'");
        return text;
    }

    /**
     * Reads the current value as an integral number of epoch milliseconds, or null (the
     * notations accepted are in the class comment; the range is checked later).
     */
    static Long readTimestamp(JsonParser p, String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        String expected = "an integer (epoch milliseconds)";
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw outOfRange("Field '" + field + "'", p.getText());
            }
            return p.getLongValue();
        }
        if (t != JsonToken.VALUE_NUMBER_FLOAT || p.isNaN()) {
            throw wrongType(field, expected, t);
        }
        BigDecimal d;
        try {
            d = p.getDecimalValue();
        } catch (NumberFormatException exponentBeyondAnInt) {
            // 1e9223372036854775807: no BigDecimal holds it; far beyond the range, or (with a
            // negative exponent) a fraction far below 1.
            if (p.getText().matches("(?s).*[eE]-.*")) {
                throw new DecodeException(
                        Reason.WRONG_TYPE, "Field '" + field + "' must be " + expected + ", was the fraction " + p.getText());
            }
            throw outOfRange("Field '" + field + "'", p.getText());
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new DecodeException(
                    Reason.WRONG_TYPE, "Field '" + field + "' must be " + expected + ", was the fraction " + p.getText());
        }
        // Compared before converting, so that 1e999999999 never becomes a huge BigInteger.
        if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(JsonRecordReader.MAX_TIMESTAMP)) > 0) {
            throw outOfRange("Field '" + field + "'", p.getText());
        }
        return d.longValue();
    }

    /**
     * Reads the current value as an id: a non-empty string, or an integer written as its
     * canonical decimal text ({@code 42}, {@code -0} is {@code "0"}, {@code 4.2e1} is a fraction
     * here and WRONG_TYPE), or null. Ids are compared exactly, so {@code "42"} and {@code 42} name
     * the same event.
     */
    static String readId(JsonParser p, String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        String expected = "a non-empty string or an integer";
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getBigIntegerValue().toString();
        }
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
            throw wrongType(field, expected, t);
        }
        String id = readString(p, field);
        if (id != null && id.isEmpty()) {
            throw new DecodeException(Reason.WRONG_TYPE, "Field '" + field + "' must be " + expected + ", was an empty string");
        }
        return id;
    }

    /** Reads the current value as a number; NaN and +-Infinity literals are passed through. */
    static double readNumber(JsonParser p, String field) throws IOException, DecodeException {
        return readNumber(p, field, null);
    }

    /**
     * Reads the current value of {@code parent.name} as a number (the label is built only for a
     * message); the literals NaN and +-Infinity are passed through, a finite literal beyond the
     * range of a double is OUT_OF_RANGE.
     */
    static double readNumber(JsonParser p, String parent, String name) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(label(parent, name), "a number", t);
        }
        double v;
        try {
            v = p.getDoubleValue();
        } catch (NumberFormatException exponentBeyondAnInt) {
            // Jackson's parsers refuse exponents beyond an int; the JDK's rounds them to 0 or infinity.
            v = Double.parseDouble(p.getText());
        }
        if (Double.isInfinite(v) && !p.isNaN()) {
            throw new DecodeException(
                    Reason.OUT_OF_RANGE,
                    "Field '" + label(parent, name) + "' must be a number a double can hold (magnitude at most "
                            + Double.MAX_VALUE + "), was " + p.getText());
        }
        return v;
    }

    /**
     * Skips the current value, checking every string and field name in it for valid Unicode
     * and every object in it for repeated names (Jackson's {@code skipChildren()} would look at
     * neither).
     */
    static void skip(JsonParser p, String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        int depth = 0;
        // The names of each object we are in, for DUPLICATE_FIELD; allocated only for objects.
        ArrayDeque<HashSet<String>> objects = null;
        while (true) {
            if (t == JsonToken.START_OBJECT) {
                depth++;
                if (objects == null) {
                    objects = new ArrayDeque<>();
                }
                objects.push(new HashSet<>());
            } else if (t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT) {
                depth--;
                objects.pop();
            } else if (t == JsonToken.END_ARRAY) {
                depth--;
            } else if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
                int bad = Utf8.firstUnpairedSurrogate(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                if (bad >= 0) {
                    throw unpaired(t == JsonToken.FIELD_NAME ? "A field name in '" + field + "'" : "Field '" + field + "'",
                            p.getText(), bad);
                }
                if (t == JsonToken.FIELD_NAME && !objects.peek().add(p.currentName())) {
                    throw duplicate(p.currentName());
                }
            } else if (t == null) {
                throw new DecodeException(Reason.INVALID_JSON, "Record is not valid JSON: it ends inside field '" + field + "'");
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        }
    }

    /** DUPLICATE_FIELD for {@code name}, seen twice in one object. */
    static DecodeException duplicate(String name) {
        return new DecodeException(Reason.DUPLICATE_FIELD, "Record must not repeat a field, '" + name + "' occurs twice");
    }

    /** INVALID_UNICODE when {@code text} holds an unpaired surrogate. */
    static void checkUnicode(String text, String what) throws DecodeException {
        int bad = Utf8.firstUnpairedSurrogate(text);
        if (bad >= 0) {
            throw unpaired(what, text, bad);
        }
    }

    private static DecodeException unpaired(String what, String text, int at) {
        return new DecodeException(
                Reason.INVALID_UNICODE,
                what + " must be valid Unicode, it holds the unpaired surrogate U+"
                        + Integer.toHexString(text.charAt(at)).toUpperCase(Locale.ROOT) + " at character " + at);
    }

    static DecodeException wrongType(String field, String expected, JsonToken actual) {
        return new DecodeException(Reason.WRONG_TYPE, "Field '" + field + "' must be " + expected + ", was " + describe(actual));
    }

    static DecodeException missing(String field) {
        return new DecodeException(Reason.MISSING_FIELD, "Field '" + field + "' is required");
    }

    private static String label(String parent, String name) {
        return name == null ? parent : parent + "." + name;
    }

    /** The first {@code max} bytes in hex, e.g. {@code 0xff 0xfe}, "..." when there are more. */
    static String hex(byte[] bytes, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            b.append(i == 0 ? "" : " ").append(String.format("0x%02x", bytes[i] & 0xFF));
        }
        return bytes.length > max ? b.append(" ...").toString() : b.toString();
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        switch (t) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString() == null ? t.name() : t.asString();
        }
    }
}
