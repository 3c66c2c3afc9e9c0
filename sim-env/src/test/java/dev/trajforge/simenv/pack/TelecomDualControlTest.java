package dev.trajforge.simenv.pack;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Persona;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.user.ScriptedUserSimulator;
import dev.trajforge.simenv.user.UserDevice;
import dev.trajforge.simenv.user.UserTopics;
import dev.trajforge.simenv.user.UserTurn;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The telecom helpdesk's dual control: the phone's tools are the user's alone, the back office's the agent's alone,
 * both act on one state; the scripted user does on the phone what the agent asks for, once the agent has told it
 * every value it could not know.
 */
class TelecomDualControlTest {
    private static final Set<String> PHONE = Set.of("check_device_status", "toggle_airplane_mode", "toggle_mobile_data", "toggle_data_roaming",
            "set_apn", "reseat_sim", "reboot_device", "run_speed_test");
    private final World world = Domains.byName("telecom").orElseThrow().world(7);

    @Test
    void should_give_the_agent_only_its_own_tools_and_the_user_only_the_phones() {
        Environment env = world.newEnvironment();
        Set<String> agent = names(env.toolSpecifications());
        Set<String> user = names(env.userToolSpecifications());
        assertEquals(PHONE, user);
        assertTrue(agent.size() >= 8, agent.toString());
        assertFalse(agent.stream().anyMatch(PHONE::contains), agent.toString());
        assertFalse(world.toolsJson().contains("toggle_airplane_mode"));
        assertTrue(world.userToolsJson().contains("toggle_airplane_mode"));
    }

    @Test
    void should_refuse_a_call_to_the_other_sides_tool_and_leave_the_state_as_it_was() {
        Task task = taskWith("set_apn");
        String phone = argument(step(task, "set_apn").call(), "phone_number");
        Environment env = world.newEnvironment();
        String before = env.stateHash();

        ToolResult agentOnPhone = env.execute(new ToolCall("c1", "toggle_airplane_mode", "{\"phone_number\":\"" + phone + "\",\"enabled\":false}"), ToolSide.AGENT);
        ToolResult userInBackOffice = env.execute(new ToolCall("c2", "find_customer_by_phone", "{\"phone_number\":\"" + phone + "\"}"), ToolSide.USER);

        assertTrue(agentOnPhone.error() && agentOnPhone.content().contains("only the customer can do it"), agentOnPhone.content());
        assertTrue(userInBackOffice.error(), userInBackOffice.content());
        assertEquals(before, env.stateHash());
        assertTrue(env.execute(new ToolCall("c3", "find_customer_by_phone", "{\"phone_number\":\"" + phone + "\"}"), ToolSide.AGENT).content().contains(phone));
    }

    @Test
    void should_make_the_device_call_the_agent_asks_for_only_once_the_agent_names_the_value_the_user_cannot_know() {
        Task task = taskWith("set_apn");
        GoldStep setApn = step(task, "set_apn");
        String apn = argument(setApn.call(), "apn");
        Environment env = world.newEnvironment();
        List<ToolCall> made = new ArrayList<>();
        UserDevice device = new UserDevice() {
            @Override
            public List<ToolSpecification> tools() {
                return env.userToolSpecifications();
            }

            @Override
            public ToolResult call(ToolCall call) {
                made.add(call);
                return env.execute(call, ToolSide.USER);
            }
        };
        List<GoldStep> deviceSteps = task.goldSteps().stream().filter(s -> s.requestor() == ToolSide.USER).toList();
        ScriptedUserSimulator user = new ScriptedUserSimulator(task.scenario(), Persona.ofStyle(task.scenario().style()),
                UserTopics.parse(PromptResource.load(TelecomDualControlTest.class, "/domains/telecom/user-topics.json")), deviceSteps, 7);
        List<Message> conversation = new ArrayList<>();
        conversation.add(Message.user(user.next(List.of(), device).content()));
        String before = env.stateHash();

        conversation.add(Message.assistant("Please open the access point names on your phone and change the APN."));
        UserTurn unclear = user.next(conversation, device);
        assertEquals(List.of(), made, "no APN named: the user asks instead of guessing");
        assertEquals(before, env.stateHash());

        conversation.add(Message.user(unclear.content()));
        conversation.add(Message.assistant("Please open the access point names on your phone and set the APN to " + apn + "."));
        UserTurn done = user.next(conversation, device);

        assertEquals(1, made.size());
        assertEquals(setApn.call().argumentsJson(), made.getFirst().argumentsJson());
        assertTrue(done.content().contains(apn), done.content());
        assertNotEquals(before, env.stateHash(), "the phone's APN changed in the world's state");
        assertEquals("set_apn", env.changes().getLast().tool());
    }

    private Task taskWith(String tool) {
        return world.tasks(300).stream().filter(t -> t.goldSteps().stream().anyMatch(s -> s.call().name().equals(tool))).findFirst().orElseThrow();
    }

    private static GoldStep step(Task task, String tool) {
        return task.goldSteps().stream().filter(s -> s.call().name().equals(tool)).findFirst().orElseThrow();
    }

    private static String argument(ToolCall call, String name) {
        return dev.trajforge.simenv.CanonicalJson.parseObjectOrNull(call.argumentsJson()).get(name).asText();
    }

    private static Set<String> names(List<ToolSpecification> specs) {
        Set<String> names = new TreeSet<>();
        specs.forEach(s -> names.add(s.name()));
        return names;
    }
}
