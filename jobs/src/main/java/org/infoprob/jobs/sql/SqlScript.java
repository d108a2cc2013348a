package org.infoprob.jobs.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink SQL script: statements separated by {@code ;}, with {@code ${name}} or {@code
 * ${name:default}} placeholders filled in from the command line.
 *
 * <pre>{@code
 * SqlScript script = SqlScript.load("classpath:sql/infoprob-sample.sql");
 * script.placeholders();                        // {bootstrap-servers=localhost:9092, ...}
 * List<String> statements = script.statements(Map.of("input-topic", "scores-1"));
 * }</pre>
 *
 * <p>A {@code ;} ends a statement unless it is inside a {@code '...'} string (where {@code ''}
 * is a quote), a {@code `...`} identifier, a {@code --} line comment or a block comment.
 * Comments stay in the statement text, which Flink accepts; a statement of comments only is
 * dropped. A placeholder's default runs to its closing brace, so it may hold colons ({@code
 * ${bootstrap-servers:localhost:9092}}); placeholders are filled in everywhere, comments
 * included.
 */
public final class SqlScript {

    /** Prefix of a location on the class path, e.g. {@code classpath:sql/infoprob-sample.sql}. */
    public static final String CLASSPATH = "classpath:";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::([^}]*))?}");

    private static final Pattern SET =
            Pattern.compile("(?is)SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'");

    private final String location;
    private final String text;

    private SqlScript(String location, String text) {
        this.location = location;
        this.text = text;
    }

    /** A script from a file path, or from the class path with the prefix {@value #CLASSPATH}. */
    public static SqlScript load(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String resource = location.substring(CLASSPATH.length());
                try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException("No SQL script on the class path at " + resource);
                    }
                    return new SqlScript(location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return new SqlScript(location, Files.readString(Path.of(location), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the SQL script " + location + ": " + e.getMessage(), e);
        }
    }

    /** A script from text; {@code location} names it in messages. */
    public static SqlScript of(String location, String text) {
        return new SqlScript(location, text);
    }

    public String location() {
        return location;
    }

    /** Every placeholder name with its default (null when it has none), in order of appearance. */
    public Map<String, String> placeholders() {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.putIfAbsent(m.group(1), m.group(2));
        }
        return Collections.unmodifiableMap(found);
    }

    /**
     * The statements with the placeholders filled in, without their closing {@code ;}.
     *
     * @throws IllegalArgumentException if {@code values} names a placeholder the script does not
     *     have (a typo), or a placeholder without default gets no value
     */
    public List<String> statements(Map<String, String> values) {
        Map<String, String> placeholders = placeholders();
        List<String> unknown = new ArrayList<>();
        for (String name : values.keySet()) {
            if (!placeholders.containsKey(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    location + " has no placeholder " + unknown + "; it has " + placeholders.keySet());
        }
        StringBuilder filled = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), m.group(2));
            if (value == null) {
                throw new IllegalArgumentException(
                        location + " needs a value for ${" + m.group(1) + "}, which has no default");
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        return split(filled.toString());
    }

    /** Splits at each {@code ;} outside strings, quoted identifiers and comments. */
    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean code = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '`') {
                end = closingQuote(sql, i, c);
                code = true;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("Unclosed /* comment at offset " + i);
                }
                end = close + 2;
            } else if (c == ';') {
                if (code) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
                code = false;
                i++;
                continue;
            } else {
                end = i + 1;
                code |= !Character.isWhitespace(c);
            }
            current.append(sql, i, end);
            i = end;
        }
        if (code) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** The first word of a statement, upper case, after any leading comments; "" if none. */
    static String firstKeyword(String statement) {
        String code = withoutLeadingComments(statement);
        int i = 0;
        while (i < code.length() && Character.isLetter(code.charAt(i))) {
            i++;
        }
        return code.substring(0, i).toUpperCase(Locale.ROOT);
    }

    /**
     * The key and value of {@code SET 'key' = 'value'}, the SQL client's syntax, which {@code
     * TableEnvironment.executeSql} does not accept.
     *
     * @throws IllegalArgumentException if the statement has another form
     */
    static Map.Entry<String, String> parseSet(String statement) {
        Matcher m = SET.matcher(withoutLeadingComments(statement));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Only SET 'key' = 'value' is supported, was: " + statement);
        }
        return Map.entry(m.group(1).replace("''", "'"), m.group(2).replace("''", "'"));
    }

    private static String withoutLeadingComments(String statement) {
        int i = 0;
        int n = statement.length();
        while (i < n) {
            if (Character.isWhitespace(statement.charAt(i))) {
                i++;
            } else if (statement.startsWith("--", i)) {
                int newline = statement.indexOf('\n', i);
                i = newline < 0 ? n : newline + 1;
            } else if (statement.startsWith("/*", i)) {
                int close = statement.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else {
                break;
            }
        }
        return statement.substring(i).strip();
    }

    /** The index after the quote that closes the one at {@code start}; a doubled quote escapes. */
    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("Unclosed " + quote + " quote at offset " + start);
    }
}
