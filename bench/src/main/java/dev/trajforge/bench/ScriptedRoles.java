package dev.trajforge.bench;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Persona;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.AgentErrorRates;
import dev.trajforge.simenv.agent.AgentPhrases;
import dev.trajforge.simenv.agent.ScriptedOracleAgent;
import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.user.ScriptedUserSimulator;
import dev.trajforge.simenv.user.UserTopics;
import dev.trajforge.simenv.user.UserTurn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline path's scripted policies behind HTTP, for the run's world and tasks (the config's domain and seed). A
 * request is told apart by its content: the <b>judge</b> (the rubric prompt) passes every criterion; the <b>agent</b>
 * (a request with tools) is a {@link ScriptedOracleAgent} without deliberate errors carrying out the gold plan of the
 * task the user's first message names (it asks for what it does not know, asks for a yes before each write, calls
 * the tools with the gold arguments, tells the facts); the <b>user</b> (no tools, role-flipped, the user-simulator
 * prompt) is a {@link ScriptedUserSimulator} for the task whose scenario the prompt holds (states its goals, gives
 * details when asked, says yes to confirmations, stops when done).
 *
 * <p>The server keeps no conversation state: each call rebuilds the scripted role and replays the conversation so far
 * through it (its earlier replies are those in the request, so the replay lands in the same state), then answers the
 * last turn. Both roles are seeded per task, never by the call, so every answer is a function of the request.
 */
final class ScriptedRoles {
    enum Role { AGENT, USER, JUDGE }

    /** A scripted answer: text and/or tool calls. */
    record Answer(Role role, String text, List<ToolExecutionRequest> calls) {
    }

    private static final Pattern CRITERION = Pattern.compile("(?m)^\\d+\\. ([A-Za-z0-9_]+): ");
    private static final String RUBRIC = "# Rubric criteria";
    private static final String SCENARIO = "# Scenario\n";
    private static final String GREETING = "Hi! How can I help you today?";

    private final World world;
    private final long seed;
    private final AgentPhrases phrases;
    private final UserTopics topics;
    private final List<ToolSpecification> tools;
    /** the first thing a user says, to the tasks it may open (the server's own user, and the run's scripted user per trial) */
    private final Map<String, List<Task>> byOpening = new HashMap<>();
    /** a scenario's instructions (in the user-simulator prompt) to its task */
    private final Map<String, Task> byInstructions = new HashMap<>();

    /**
     * @param tasks  the run's tasks, in order
     * @param trials the run's trials per task (the run's own scripted user opens differently in each)
     */
    ScriptedRoles(World world, List<Task> tasks, int trials, long runSeed) {
        this.world = world;
        this.seed = runSeed;
        this.phrases = AgentPhrases.parse(world.domain().agentPhrases());
        this.topics = UserTopics.parse(world.domain().userTopics());
        this.tools = world.toolSpecifications();
        for (Task task : tasks) {
            byInstructions.putIfAbsent(task.scenario().instructions().strip(), task);
            opened(user(task).next(List.of()).content(), task);
            for (int trial = 0; trial < trials; trial++) {
                long episodeSeed = Seeds.derive(runSeed, "episode", task.id(), Integer.toString(trial));
                var runUser = new ScriptedUserSimulator(task.scenario(), Persona.ofStyle(task.scenario().style()), topics, deviceActions(task), episodeSeed);
                opened(runUser.next(List.of()).content(), task);
            }
        }
    }

    private void opened(String opening, Task task) {
        List<Task> tasks = byOpening.computeIfAbsent(opening, key -> new ArrayList<>(1));
        if (!tasks.contains(task)) tasks.add(task);
    }

    Answer answer(ModelRequest request) {
        if (request.system().contains(RUBRIC)) return judge(request.system());
        if (request.hasTools()) return agent(request.messages());
        return user(request.system(), request.messages());
    }

    /** Every criterion of the rubric passes. */
    private static Answer judge(String prompt) {
        int from = prompt.indexOf(RUBRIC);
        int to = prompt.indexOf("# Transcript", from);
        Matcher names = CRITERION.matcher(prompt.substring(from, to < 0 ? prompt.length() : to));
        StringBuilder verdicts = new StringBuilder("{\"verdicts\":[");
        for (int i = 0; names.find(); i++) {
            verdicts.append(i > 0 ? "," : "").append("{\"criterion\":\"").append(names.group(1))
                    .append("\",\"reason\":\"The transcript shows the agent met it.\",\"verdict\":\"pass\"}");
        }
        return new Answer(Role.JUDGE, verdicts.append("]}").toString(), List.of());
    }

    /** The oracle agent of the task the user's first message opens, replayed over the conversation so far. */
    private Answer agent(List<ChatMessage> messages) {
        Task task = taskOf(messages);
        if (task == null) return new Answer(Role.AGENT, "How can I help you today?", List.of());
        var agent = new ScriptedOracleAgent(task, world.writeTools(), world.handoffTools(), phrases, AgentErrorRates.NONE,
                Seeds.derive(seed, "bench-agent", task.id()));
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof AiMessage) agent.doChat(request(messages.subList(0, i)));
        }
        AiMessage reply = agent.doChat(request(messages)).aiMessage();
        return new Answer(Role.AGENT, reply.text(), reply.hasToolExecutionRequests() ? reply.toolExecutionRequests() : List.of());
    }

    private ChatRequest request(List<ChatMessage> messages) {
        return ChatRequest.builder().messages(List.copyOf(messages)).toolSpecifications(tools).build();
    }

    /** The task the user's first message opens; among several, the one whose facts the users' messages name most. */
    private Task taskOf(List<ChatMessage> messages) {
        String first = null;
        StringBuilder said = new StringBuilder();
        for (ChatMessage message : messages) {
            if (message instanceof UserMessage user) {
                if (first == null) first = user.singleText();
                said.append(user.singleText()).append('\n');
            }
        }
        List<Task> candidates = first == null ? null : byOpening.get(first);
        if (candidates == null) return null;
        if (candidates.size() == 1) return candidates.getFirst();
        Task best = null;
        int bestScore = -1;
        for (Task task : candidates) {
            int score = 0;
            for (String fact : task.scenario().knownInfo().values()) if (said.indexOf(fact) >= 0) score++;
            for (var request : task.scenario().requests()) for (String fact : request.details().values()) if (said.indexOf(fact) >= 0) score++;
            if (score > bestScore) {
                best = task;
                bestScore = score;
            }
        }
        return best;
    }

    /** The scripted user of the scenario in the prompt, replayed over the role-flipped conversation so far. */
    private Answer user(String system, List<ChatMessage> messages) {
        int at = system.indexOf(SCENARIO);
        Task task = at < 0 ? null : byInstructions.get(system.substring(at + SCENARIO.length()).strip());
        if (task == null) return new Answer(Role.USER, "Thanks, bye. " + UserTurn.STOP_TOKEN, List.of());
        ScriptedUserSimulator user = user(task);
        List<Message> conversation = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message instanceof SystemMessage) continue;
            if (message instanceof AiMessage own) { // role-flipped: the user's own earlier turns
                user.next(List.copyOf(conversation));
                conversation.add(Message.user(own.text()));
            } else if (message instanceof UserMessage agent && !(conversation.isEmpty() && agent.singleText().equals(GREETING))) {
                conversation.add(Message.assistant(agent.singleText()));
            }
        }
        UserTurn turn = user.next(List.copyOf(conversation));
        String text = switch (turn.signal()) {
            case CONTINUE -> turn.content();
            case STOP -> turn.content() + " " + UserTurn.STOP_TOKEN;
            case TRANSFER -> turn.content() + " " + UserTurn.TRANSFER_TOKEN;
        };
        return new Answer(Role.USER, text, List.of());
    }

    private ScriptedUserSimulator user(Task task) {
        return new ScriptedUserSimulator(task.scenario(), Persona.ofStyle(task.scenario().style()), topics, deviceActions(task),
                Seeds.derive(seed, "bench-user", task.id()));
    }

    private static List<GoldStep> deviceActions(Task task) {
        return task.goldSteps().stream().filter(step -> step.requestor() == ToolSide.USER).toList();
    }
}
