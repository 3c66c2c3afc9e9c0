package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.run.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dual control with a model-backed user: in the telecom helpdesk an LLM user simulator, served over real HTTP by an
 * OpenAI-compatible loopback server, is offered the phone's tools as tools; the calls it makes run on the world's state,
 * so the device ends as the task's gold plan leaves it and the rows record the user's calls apart from the agent's.
 */
class DualControlUserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PHONE_TOOLS = Set.of("check_device_status", "toggle_airplane_mode", "toggle_mobile_data",
            "toggle_data_roaming", "set_apn", "reseat_sim", "reboot_device", "run_speed_test");
    private static final Pattern PHONE = Pattern.compile("phone number is ([+0-9][0-9 ()-]*[0-9])");
    private static final Pattern APN = Pattern.compile("set it to (\\S+?)[ ,.]*(exactly|$)");

    @TempDir
    Path tmp;

    @Test
    void should_offer_the_phone_tools_to_the_llm_user_and_apply_its_calls_to_the_device_state() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(DualControlUserTest::phoneUser);
            String yaml = """
                    runId: dual-control
                    seed: 7
                    domain: telecom
                    tasks: 12
                    trials: 1
                    concurrency: 2
                    keepRejected: true
                    output: %s
                    agent: {provider: scripted, model: oracle-agent, errors: {wrongArgument: 0, skipStep: 0, noConfirmation: 0, endEarly: 0}}
                    user: {provider: openai, model: phone-user, baseUrl: %s, apiKeyEnv: TEST_KEY}
                    """.formatted(tmp.resolve("out"), server.baseUrl());
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, yaml), Map.of("TEST_KEY", "sk-user"));
            assertEquals(12, report.export().episodes());
            assertEquals(0, report.export().infraFailed());
            assertTrue(report.export().accepted() >= 8, "accepted " + report.export().accepted() + ", rejected " + report.export().rejected());

            Set<String> offered = new TreeSet<>();
            for (RecordedRequest request : server.requests()) {
                for (JsonNode tool : request.json().path("tools")) offered.add(tool.path("function").path("name").asText());
            }
            assertEquals(new TreeSet<>(PHONE_TOOLS), offered, "the user model gets the phone's tools, and only those");

            List<String> writes = new ArrayList<>();
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT to_json(user_tool_calls), to_json(reward_checks), tools, user_tools, reject_reasons FROM read_parquet('"
                         + tmp.resolve("out/data").toAbsolutePath() + "/train-*.parquet') ORDER BY task_id")) {
                while (rs.next()) {
                    JsonNode calls = JSON.readTree(rs.getString(1));
                    for (JsonNode call : calls) {
                        assertTrue(PHONE_TOOLS.contains(call.path("name").asText()), call.toString());
                        assertFalse(call.path("error").asBoolean(), "an accepted row's device call failed: " + call);
                        if (!Set.of("check_device_status", "run_speed_test").contains(call.path("name").asText())) writes.add(call.path("name").asText());
                    }
                    for (JsonNode check : JSON.readTree(rs.getString(2))) {
                        if (check.path("name").asText().equals("state")) assertTrue(check.path("passed").asBoolean(), "the final state is the gold plan's, device included");
                    }
                    for (String phoneTool : PHONE_TOOLS) assertFalse(rs.getString(3).contains("\"" + phoneTool + "\""), "the agent is never offered " + phoneTool);
                    assertTrue(rs.getString(4).contains("\"run_speed_test\""));
                }
            }
            assertFalse(writes.isEmpty(), "accepted rows where the user changed the phone's settings");
        }
    }

    /**
     * A user model behind the OpenAI protocol that does on its phone what the agent (its "user" turns) asks for, with the
     * phone number its scenario gives it, then reads out what the screen shows; it answers questions about its number,
     * says yes to confirmations and ends the conversation when offered anything else.
     */
    static Reply phoneUser(RecordedRequest request) {
        JsonNode messages = LoopbackRuns.messages(request);
        JsonNode last = messages.get(messages.size() - 1);
        if (last.path("role").asText().equals("tool")) return OpenAiReply.text("Done. The screen says: " + last.path("content").asText()).usage(50, 10);
        String agent = last.path("content").asText();
        String lower = agent.toLowerCase(java.util.Locale.ROOT);
        Matcher phone = PHONE.matcher(messages.get(0).path("content").asText());
        String number = phone.find() ? phone.group(1) : "unknown";
        String tool = lower.contains("airplane") ? "toggle_airplane_mode" : lower.contains("data roaming") ? "toggle_data_roaming"
                : lower.contains("mobile data") ? "toggle_mobile_data" : lower.contains("apn") ? "set_apn" : lower.contains("reseat") ? "reseat_sim"
                : lower.contains("restart") ? "reboot_device" : lower.contains("speed test") ? "run_speed_test" : lower.contains("status") ? "check_device_status" : null;
        if (tool != null && request.json().has("tools")) {
            Map<String, Object> arguments = new java.util.TreeMap<>(Map.of("phone_number", number));
            switch (tool) {
                case "toggle_airplane_mode" -> arguments.put("enabled", false);
                case "toggle_mobile_data", "toggle_data_roaming" -> arguments.put("enabled", true);
                case "set_apn" -> {
                    Matcher apn = APN.matcher(agent);
                    arguments.put("apn", apn.find() ? apn.group(1) : "unknown");
                }
                default -> { }
            }
            try {
                return OpenAiReply.toolCalls(ToolCallSpec.call("call_" + tool, tool, JSON.writeValueAsString(arguments))).usage(60, 12);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (lower.contains("number")) return OpenAiReply.text("My phone number is " + number + ".").usage(40, 8);
        if (lower.contains("anything else")) return OpenAiReply.text("No, that's all, thanks. ###STOP###").usage(40, 8);
        return OpenAiReply.text("Yes, please go ahead.").usage(40, 8);
    }
}
