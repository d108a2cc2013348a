package org.infoprob.sql;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.infoprob.testing.FlinkMiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.sql.SqlTestSupport.drain;

/**
 * Every {@code sql} block of {@code operators/SQL.md} runs as written, statement by statement,
 * against the two tables the page describes ({@code predictions} with {@code ARRAY<FLOAT>}
 * logits and {@code MAP<STRING, FLOAT>} scores, {@code events}), so no pattern on the page is
 * one that only plans. Queries must return rows; their values are checked in the other
 * ITCases.
 */
class SqlReferenceITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = FlinkMiniCluster.extension();

    private static final TypeInformation<Row> PREDICTION =
            Types.ROW_NAMED(
                    new String[] {"millis", "k", "logits", "scores"},
                    Types.LONG, Types.STRING, Types.OBJECT_ARRAY(Types.FLOAT), Types.MAP(Types.STRING, Types.FLOAT));

    private static final TypeInformation<Row> EVENT =
            Types.ROW_NAMED(new String[] {"millis", "k", "cls"}, Types.LONG, Types.STRING, Types.STRING);

    @Test
    void everySqlBlockOfTheReferenceRuns() throws Exception {
        List<String> blocks = sqlBlocks(Path.of("SQL.md"));
        assertThat(blocks).as("sql blocks of SQL.md").hasSizeGreaterThanOrEqualTo(5);
        int queries = 0;
        for (String block : blocks) {
            // The registration block registers by class name in a session of its own.
            boolean registers = block.contains("CREATE TEMPORARY FUNCTION");
            SqlTestSupport.Session session = registers ? SqlTestSupport.plainStreaming() : SqlTestSupport.streaming(2);
            fixtures(session);
            StreamTableEnvironment tEnv = session.tEnv();
            for (String statement : statements(block)) {
                if (statement.startsWith("SELECT")) {
                    List<Row> rows = drain(tEnv.executeSql(statement));
                    assertThat(rows).as("rows of%n%s", statement).isNotEmpty();
                    queries++;
                } else {
                    tEnv.executeSql(statement);
                }
            }
            if (registers) {
                assertThat(drain(tEnv.executeSql("SELECT SOFTMAX(logits, 2.0) FROM predictions"))).hasSize(3);
            }
        }
        assertThat(queries).as("queries run").isGreaterThanOrEqualTo(5);
    }

    private static void fixtures(SqlTestSupport.Session session) {
        session.eventTimeView(
                "predictions",
                PREDICTION,
                0,
                Row.of(1000L, "u1", new Float[] {2.0f, 1.0f, -0.5f}, Map.of("cat", 2.0f, "dog", 1.0f)),
                Row.of(2000L, "u1", new Float[] {0.0f, 3.0f, 1.0f}, Map.of("cat", 0.5f, "dog", 0.5f)),
                Row.of(3000L, "u2", new Float[] {1.0f, Float.NaN}, Map.of("cat", Float.NaN)));
        session.eventTimeView(
                "events",
                EVENT,
                0,
                Row.of(1000L, "u1", "a"), Row.of(2000L, "u1", "a"), Row.of(3000L, "u1", "b"),
                Row.of(4000L, "u1", "a"), Row.of(5000L, "u1", "c"), Row.of(6000L, "u2", "x"));
    }

    /** The contents of the {@code ```sql} blocks of a Markdown file. */
    static List<String> sqlBlocks(Path markdown) throws Exception {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
            if (block == null && line.trim().equals("```sql")) {
                block = new StringBuilder();
            } else if (block != null && line.trim().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** The statements of a block: split at a {@code ;} that ends a line. */
    private static List<String> statements(String block) {
        List<String> out = new ArrayList<>();
        for (String s : block.split(";\\s*(\n|$)")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
