package dev.trajforge.judge;

import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.SessionOrigin;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.Style;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.UserRequest;
import dev.trajforge.simenv.UserScenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An imported session has no world and no gold plan: it is judged on termination and its tool use
 * (every call answered, no tool error left unaddressed), and the rubric where a judge runs.
 */
class SessionJudgingTest {
    private static final ToolCall LOOKUP = new ToolCall("c1", "lookup_order", "{\"order\":\"A1\"}");
    private static final Task SESSION = new Task("session-1", "session", 0,
            new UserScenario("user", Style.TERSE, Map.of(), List.of(new UserRequest("session", "where is my order", Map.of())), List.of(), "imported"),
            List.of(), List.of(), EnumSet.of(RewardBasis.RUBRIC));

    @Test
    void should_accept_a_session_whose_calls_are_answered_and_whose_tool_error_the_agent_answered() {
        List<Message> messages = conversation(true);
        messages.add(Message.assistant("Sorry, that lookup failed; could you check the order number?"));
        messages.add(Message.user("It is A1."));

        Verdict verdict = FilterPolicy.withoutWorld().judge(session(messages), SESSION);

        assertEquals(Verdict.Status.ACCEPTED, verdict.status(), verdict.toString());
        assertEquals(List.of("termination", "tool_use"), verdict.checks().stream().map(CheckResult::check).toList());
    }

    @Test
    void should_reject_a_session_that_ends_on_a_tool_error_nobody_answered() {
        Verdict verdict = FilterPolicy.withoutWorld().judge(session(conversation(true)), SESSION);

        assertEquals(List.of(ToolUseCheck.REASON), verdict.reasons(), verdict.toString());
    }

    @Test
    void should_reject_a_session_with_a_call_that_was_never_answered() {
        List<Message> messages = new ArrayList<>(List.of(Message.user("where is my order"), Message.assistant(null, null, List.of(LOOKUP)),
                Message.assistant("It is on its way.")));

        Verdict verdict = FilterPolicy.withoutWorld().judge(session(messages), SESSION);

        assertEquals(List.of(ToolUseCheck.REASON), verdict.reasons(), verdict.toString());
    }

    private static final String DOMAIN_TOOLS = """
            [{"type":"function","function":{"name":"get_order_details","parameters":{"type":"object",
              "properties":{"order_id":{"type":"string","pattern":"^#W\\\\d+$"}},"required":["order_id"],"additionalProperties":false}}}]
            """;

    @Test
    void should_hold_a_mapped_session_to_the_domains_tool_names_and_argument_schemas() {
        DomainTools retail = DomainTools.of("retail", DOMAIN_TOOLS, Map.of("lookup_order", "get_order_details"));
        FilterPolicy policy = FilterPolicy.forSessions(retail, null, "", 0.8, 0, new Agreement());

        Verdict wrongArgument = policy.judge(session(answered(LOOKUP)), SESSION);
        assertEquals(List.of(DomainToolsCheck.INVALID), wrongArgument.reasons(), wrongArgument.toString());
        assertTrue(wrongArgument.checks().getLast().detail().contains("unexpected argument 'order'"), wrongArgument.toString());

        ToolCall fits = new ToolCall("c1", "lookup_order", "{\"order_id\":\"#W1001\"}");
        assertEquals(Verdict.Status.ACCEPTED, policy.judge(session(answered(fits)), SESSION).status());

        ToolCall elsewhere = new ToolCall("c1", "refund_everything", "{}");
        assertEquals(List.of(DomainToolsCheck.OUTSIDE), policy.judge(session(answered(elsewhere)), SESSION).reasons());
    }

    @Test
    void should_refuse_a_mapping_onto_a_tool_the_domain_does_not_have() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DomainTools.of("retail", DOMAIN_TOOLS, Map.of("lookup_order", "get_order")));
        assertTrue(e.getMessage().startsWith("mapping.tools.lookup_order: domain retail has no tool 'get_order'"), e.getMessage());
    }

    @Test
    void should_count_a_recorded_world_check_as_if_it_had_run_and_run_its_own_checks_again() {
        CheckResult stateFailed = new CheckResult("state", false, "final_state_mismatch", "recorded");
        CheckResult staleToolUse = new CheckResult("tool_use", false, ToolUseCheck.REASON, "recorded");
        List<Message> messages = conversation(false);
        messages.add(Message.assistant("It has shipped."));

        CheckResult infoFailed = new CheckResult("info", false, "info_not_communicated", "recorded");
        Verdict verdict = FilterPolicy.withoutWorld().judge(session(messages), SESSION, List.of(staleToolUse, stateFailed, infoFailed));

        assertEquals(List.of("final_state_mismatch", "info_not_communicated"), verdict.reasons(),
                "tool_use ran again and passed; the recorded state and info checks count (info does not run on a rubric-only task)");
        assertEquals(List.of("termination", "tool_use", "state", "info"), verdict.checks().stream().map(CheckResult::check).toList());
    }

    private static List<Message> answered(ToolCall call) {
        List<Message> messages = new ArrayList<>(List.of(Message.user("where is my order"), Message.assistant(null, null, List.of(call))));
        messages.add(Message.tool(ToolResult.ok(call, "{\"status\":\"shipped\"}")));
        messages.add(Message.assistant("It has shipped."));
        return messages;
    }

    private static List<Message> conversation(boolean toolFails) {
        List<Message> messages = new ArrayList<>();
        messages.add(Message.user("where is my order"));
        messages.add(Message.assistant(null, null, List.of(LOOKUP)));
        messages.add(Message.tool(toolFails ? ToolResult.error(LOOKUP, "order not found") : ToolResult.ok(LOOKUP, "{\"status\":\"shipped\"}")));
        return messages;
    }

    private static Trajectory session(List<Message> messages) {
        Lineage lineage = new Lineage("ingest", Lineage.SESSION, "product/agent", "real-user", "cfg", Map.of(),
                new SessionOrigin("support.jsonl", 1, "openai-chat", "s-1"));
        return new Trajectory("t-1", "session", "session-1", "terse", 0, 0L, messages, "[]", Termination.USER_STOP, "", Usage.NONE, lineage, List.of());
    }
}
