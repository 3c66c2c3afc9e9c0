package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Trajectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the export back with DuckDB, the way a training team would. */
class DuckDbReadBackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static ExportResult result;
    static String glob;

    @BeforeAll
    static void export() {
        result = Fixtures.export(Fixtures.settings(dir.resolve("out"), false), Fixtures.run(12, 3));
        glob = dir.resolve("out/data/*.parquet").toString();
    }

    @Test
    void should_hold_one_row_per_accepted_episode() throws SQLException {
        assertTrue(result.accepted() > 0);
        assertEquals(result.accepted(), queryLong("SELECT count(*) FROM read_parquet('" + glob + "')"));
    }

    @Test
    void should_read_messages_as_a_list_of_structs_with_a_nested_tool_calls_list() throws SQLException {
        String type = queryString("SELECT typeof(messages) FROM read_parquet('" + glob + "') LIMIT 1");
        assertTrue(type.startsWith("STRUCT(") && type.endsWith("[]"), type);
        assertTrue(type.contains("tool_calls STRUCT(id VARCHAR, \"type\" VARCHAR, \"function\" STRUCT(\"name\" VARCHAR, arguments VARCHAR))[]"), type);
        assertEquals("VARCHAR[]", queryString("SELECT typeof(reject_reasons) FROM read_parquet('" + glob + "') LIMIT 1"));
        assertEquals("VARCHAR[]", queryString("SELECT typeof(faults) FROM read_parquet('" + glob + "') LIMIT 1"));
    }

    @Test
    void should_answer_every_tool_message_with_an_earlier_tool_call_of_the_same_row() throws Exception {
        int toolMessages = 0;
        for (JsonNode messages : rows("SELECT to_json(messages) FROM read_parquet('" + glob + "')")) {
            Set<String> calledIds = new HashSet<>();
            for (JsonNode m : messages) {
                if (m.get("role").asText().equals("assistant") && !m.get("tool_calls").isNull()) {
                    m.get("tool_calls").forEach(call -> calledIds.add(call.get("id").asText()));
                }
                if (m.get("role").asText().equals("tool")) {
                    toolMessages++;
                    assertTrue(calledIds.contains(m.get("tool_call_id").asText()), m.toString());
                    assertFalse(m.get("name").isNull());
                }
            }
        }
        assertEquals(result.accepted() * 2, toolMessages);
    }

    @Test
    void should_store_every_tool_call_argument_as_a_json_object_string() throws Exception {
        List<JsonNode> rows = rows("""
                SELECT to_json(list(c.function.arguments)) FROM (
                  SELECT unnest(m.tool_calls) AS c FROM (SELECT unnest(messages) AS m FROM read_parquet('%s'))
                  WHERE m.tool_calls IS NOT NULL)""".formatted(glob));
        JsonNode arguments = rows.getFirst();
        assertEquals(result.accepted() * 2, arguments.size());
        for (JsonNode text : arguments) {
            assertTrue(JSON.readTree(text.asText()).isObject(), text.asText());
        }
    }

    @Test
    void should_follow_the_chat_convention_for_parallel_calls_and_final_text() throws Exception {
        JsonNode messages = rows("SELECT to_json(messages) FROM read_parquet('" + glob + "') ORDER BY id LIMIT 1").getFirst();
        assertEquals(List.of("system", "user", "assistant", "tool", "tool", "assistant"),
                JSON.convertValue(messages.findValues("role").stream().map(JsonNode::asText).toList(), List.class));
        JsonNode calling = messages.get(2);
        assertTrue(calling.get("content").isNull());
        assertFalse(calling.get("reasoning_content").isNull());
        assertEquals(2, calling.get("tool_calls").size());
        assertEquals("function", calling.get("tool_calls").get(0).get("type").asText());
        assertEquals(calling.get("tool_calls").get(0).get("id"), messages.get(3).get("tool_call_id"));
        assertEquals(calling.get("tool_calls").get(1).get("id"), messages.get(4).get("tool_call_id"));
        JsonNode last = messages.get(5);
        assertTrue(last.get("tool_calls").isNull(), "an assistant message without calls has tool_calls null, not []");
        assertFalse(last.get("content").isNull());
    }

    @Test
    void should_fill_the_scalar_columns_from_trajectory_lineage_and_verdict() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT source, agent_model, user_model, judge_model, judge_score, judge_rationale, reward, termination,
                            len(reject_reasons) AS reasons, num_turns, num_tool_calls, num_tool_errors, prompt_tokens,
                            completion_tokens, run_id, schema_version, json_array_length(tools::JSON) AS tools, trial, seed
                     FROM read_parquet('%s') WHERE judge_model = 'none' ORDER BY id LIMIT 1""".formatted(glob))) {
            assertTrue(rs.next(), "an accepted row without LLM judge");
            assertEquals("simulated", rs.getString("source"));
            assertEquals("scripted/agent-v1", rs.getString("agent_model"));
            assertEquals("scripted/user-v1", rs.getString("user_model"));
            assertNull(rs.getObject("judge_score"));
            assertNull(rs.getObject("judge_rationale"));
            assertEquals(1.0, rs.getDouble("reward"));
            assertEquals("user_stop", rs.getString("termination"));
            assertEquals(0, rs.getInt("reasons"));
            assertEquals(1, rs.getInt("num_turns"));
            assertEquals(2, rs.getInt("num_tool_calls"));
            assertEquals(1, rs.getInt("num_tool_errors"));
            assertEquals(1200 + rs.getInt("trial"), rs.getLong("prompt_tokens"));
            assertEquals(150, rs.getLong("completion_tokens"));
            assertEquals(Fixtures.RUN_ID, rs.getString("run_id"));
            assertEquals(6, rs.getInt("schema_version"));
            assertEquals(2, rs.getInt("tools"));
            assertEquals(7919L * (rs.getInt("trial") + 1), rs.getLong("seed"));
        }
    }

    @Test
    void should_read_reward_checks_as_a_list_of_structs_right_after_reward() throws Exception {
        assertEquals("STRUCT(\"name\" VARCHAR, passed BOOLEAN, score DOUBLE)[]",
                queryString("SELECT typeof(reward_checks) FROM read_parquet('" + glob + "') LIMIT 1"));
        List<String> columns = new java.util.ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + glob + "')")) {
            while (rs.next()) {
                columns.add(rs.getString("column_name"));
            }
        }
        assertEquals(columns.indexOf("reward") + 1, columns.indexOf("reward_checks"), columns.toString());
    }

    @Test
    void should_read_back_each_check_in_order_with_the_rubric_judge_last_when_it_ran() throws Exception {
        JsonNode judged = rows("SELECT to_json(reward_checks) FROM read_parquet('" + glob + "') WHERE judge_score IS NOT NULL ORDER BY id LIMIT 1")
                .getFirst();
        assertEquals(JSON.readTree("""
                [{"name":"termination","passed":true,"score":1.0},{"name":"state","passed":true,"score":1.0},
                 {"name":"info","passed":true,"score":1.0},{"name":"confirmation","passed":true,"score":1.0},
                 {"name":"rubric_judge","passed":true,"score":0.8}]"""), judged);
        JsonNode unjudged = rows("SELECT to_json(reward_checks) FROM read_parquet('" + glob + "') WHERE judge_score IS NULL ORDER BY id LIMIT 1")
                .getFirst();
        assertEquals(Fixtures.CHECKS, unjudged.findValues("name").stream().map(JsonNode::asText).toList());
        assertEquals(0, queryLong("SELECT count(*) FROM (SELECT unnest(reward_checks) AS c FROM read_parquet('" + glob + "')) WHERE NOT c.passed"),
                "an accepted row passed every check");
    }

    @Test
    void should_keep_the_failed_check_of_a_rejected_row_and_the_checks_of_a_duplicate() throws Exception {
        Path out = dir.resolve("rejected");
        List<ExportRecord> records = new java.util.ArrayList<>(Fixtures.run(12, 3));
        ExportRecord first = records.stream().filter(r -> r.status() == RecordStatus.ACCEPTED && r.judgeScore() != null).findFirst().orElseThrow();
        Trajectory again = Fixtures.trajectory("retail-task-again", 0, first.trajectory().messages());
        records.add(ExportRecord.accepted(again, 1.0, 0.9, "ok", "scripted/judge-v1").withChecks(Fixtures.checks(null, 0.9)));
        Fixtures.export(Fixtures.settings(out, true).withDedup(Dedup.exactOnly()), records);
        String rejected = out.resolve("data/rejected-*.parquet").toString();

        JsonNode duplicate = rows("SELECT to_json(reward_checks) FROM read_parquet('" + rejected + "') WHERE task_id = 'retail-task-again'")
                .getFirst();
        assertEquals(JSON.readTree(JSON.writeValueAsString(Fixtures.checks(null, 0.9))), duplicate);
        JsonNode mismatch = rows("SELECT to_json(reward_checks) FROM read_parquet('" + rejected
                + "') WHERE reject_reasons[1] = 'final_state_mismatch' ORDER BY id LIMIT 1").getFirst();
        assertEquals(List.of(true, false, true, true), mismatch.findValues("passed").stream().map(JsonNode::asBoolean).toList());
        assertEquals(List.of(1.0, 0.0, 1.0, 1.0), mismatch.findValues("score").stream().map(JsonNode::asDouble).toList());
    }

    @Test
    void should_group_by_domain_over_all_shards() throws SQLException {
        Map<String, Long> byDomain = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT domain, count(*) FROM read_parquet('" + glob + "') GROUP BY domain ORDER BY domain")) {
            while (rs.next()) {
                byDomain.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertEquals(List.of("airline", "retail"), List.copyOf(byDomain.keySet()));
        assertEquals(result.accepted(), byDomain.values().stream().mapToLong(Long::longValue).sum());
    }

    private static List<JsonNode> rows(String sql) throws Exception {
        List<JsonNode> rows = new java.util.ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(JSON.readTree(rs.getString(1)));
            }
        }
        return rows;
    }

    private static long queryLong(String sql) throws SQLException {
        return Long.parseLong(queryString(sql));
    }

    private static String queryString(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
