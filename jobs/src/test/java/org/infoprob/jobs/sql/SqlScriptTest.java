package org.infoprob.jobs.sql;


import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statement splitting, placeholders and the sample script's shape. */
class SqlScriptTest {

    @Test
    void semicolonsInStringsIdentifiersAndCommentsDoNotEndAStatement() {
        List<String> statements =
                SqlScript.split(
                        "CREATE TABLE `a;b` (x STRING) WITH ('k' = 'v;w', 'q' = 'it''s;');\n"
                                + "-- a comment; with a semicolon\n"
                                + "/* block; comment */ SELECT 1;\n"
                                + "  ;  -- an empty statement\n"
                                + "SELECT 2");
        assertThat(statements)
                .containsExactly(
                        "CREATE TABLE `a;b` (x STRING) WITH ('k' = 'v;w', 'q' = 'it''s;')",
                        "-- a comment; with a semicolon\n/* block; comment */ SELECT 1",
                        // a comment belongs to the statement after it
                        "-- an empty statement\nSELECT 2");
    }

    @Test
    void unclosedQuotesAndCommentsAreErrors() {
        assertThatThrownBy(() -> SqlScript.split("SELECT 'x;"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unclosed ' quote at offset 7");
        assertThatThrownBy(() -> SqlScript.split("SELECT 1 /* x"))
                .hasMessage("Unclosed /* comment at offset 9");
    }

    @Test
    void placeholdersTakeValuesOrTheirDefaults() {
        SqlScript script =
                SqlScript.of(
                        "test.sql",
                        "SELECT '${servers:localhost:9092}', '${topic}', ${t:1.0}, '${topic}'");
        assertThat(script.placeholders())
                .containsExactly(entry("servers", "localhost:9092"), entry("topic", null), entry("t", "1.0"));
        assertThat(script.statements(Map.of("topic", "in-1")))
                .containsExactly("SELECT 'localhost:9092', 'in-1', 1.0, 'in-1'");
        assertThat(script.statements(Map.of("topic", "x", "t", "$2")))
                .as("values are literal text").containsExactly("SELECT 'localhost:9092', 'x', $2, 'x'");
    }

    @Test
    void unknownOrMissingValuesAreErrors() {
        SqlScript script = SqlScript.of("test.sql", "SELECT '${topic}', ${t:1.0}");
        assertThatThrownBy(() -> script.statements(Map.of("topic", "x", "temprature", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.sql has no placeholder [temprature]; it has [topic, t]");
        assertThatThrownBy(() -> script.statements(Map.of()))
                .hasMessage("test.sql needs a value for ${topic}, which has no default");
    }

    @Test
    void firstKeywordSkipsCommentsAndSetIsParsed() {
        assertThat(SqlScript.firstKeyword("-- note\n/* x */ insert INTO t SELECT 1")).isEqualTo("INSERT");
        assertThat(SqlScript.firstKeyword("-- only a comment")).isEmpty();
        assertThat(SqlScript.parseSet("-- c\nSET 'pipeline.name' = 'it''s'"))
                .isEqualTo(Map.entry("pipeline.name", "it's"));
        assertThatThrownBy(() -> SqlScript.parseSet("SET pipeline.name = x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Only SET 'key' = 'value' is supported, was: SET pipeline.name = x");
    }

    @Test
    void sampleScriptHasItsTablesAndTwoInserts() {
        SqlScript sample = SqlScript.load(SqlJob.SAMPLE);
        List<String> keywords = new ArrayList<>();
        for (String statement : sample.statements(Map.of())) {
            keywords.add(SqlScript.firstKeyword(statement));
        }
        assertThat(keywords).containsExactly("SET", "CREATE", "CREATE", "CREATE", "CREATE", "INSERT", "INSERT");
        assertThat(sample.placeholders())
                .containsEntry("bootstrap-servers", "localhost:9092")
                .containsEntry("input-topic", "scores")
                .containsEntry("bounded-mode", "unbounded")
                .containsEntry("temperature", "1.0");
    }

    @Test
    void flagsFillPlaceholdersAndNeedValues() {
        assertThat(SqlJob.placeholderValues(List.of("--topic", "in", "--temperature=2.0")))
                .containsExactly(entry("topic", "in"), entry("temperature", "2.0"));
        assertThatThrownBy(() -> SqlJob.placeholderValues(List.of("--topic")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--topic needs a value");
        assertThatThrownBy(() -> SqlJob.placeholderValues(List.of("in")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected a --name value flag, was in");
    }

    private static Map.Entry<String, String> entry(String key, String value) {
        // Map.entry does not take a null value (a placeholder without default)
        return new AbstractMap.SimpleEntry<>(key, value);
    }
}
