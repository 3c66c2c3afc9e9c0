package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.GoldSegment;
import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.tools.ScriptedToolSimulator;
import dev.trajforge.simenv.tools.SimulationRequest;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One OpenAI-compatible loopback model that plays three roles of a run on a domain with simulated tools, told apart by
 * the request: the <b>tool simulator</b> (its system prompt is the world model's) answers with the scripted world model
 * behind HTTP, except where {@link #mistakes} says to answer wrongly on purpose; the <b>agent</b> (a request with tools)
 * carries out the gold plan of the task whose request the user made, asking for a yes before each write; the <b>user</b>
 * states its goals one by one, says yes to confirmations and stops when done. Every wrong answer is counted by cause.
 */
final class SimulatedWorldServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GOAL = Pattern.compile("(?m)^\\d+\\. (.+)$");
    private static final Pattern DETAILS = Pattern.compile("Details to give when asked:\n((?:- .*\n)+)");
    private static final String YES = "Yes, please go ahead.";
    private static final String DONE = "Done.";

    /** A wrong answer for a call, by the call's tool and attempt (1-based), or null for the right one. */
    interface Mistakes {
        String answer(SimulationRequest request);
    }

    private final List<Task> tasks;
    private final ScriptedToolSimulator world = new ScriptedToolSimulator(0);
    private final Mistakes mistakes;
    final Map<String, AtomicInteger> wrongAnswers = new ConcurrentHashMap<>();
    final AtomicInteger simulatorRequests = new AtomicInteger();
    final AtomicInteger retriedRequests = new AtomicInteger();

    SimulatedWorldServer(List<Task> tasks, Mistakes mistakes) {
        this.tasks = List.copyOf(tasks);
        this.mistakes = mistakes;
    }

    Function<RecordedRequest, Reply> responder() {
        return this::answer;
    }

    private Reply answer(RecordedRequest request) {
        JsonNode messages = LoopbackRuns.messages(request);
        String system = messages.get(0).path("content").asText();
        if (system.startsWith("You are the world model")) return simulate(messages);
        if (request.json().has("tools")) return agent(messages);
        return user(system, messages);
    }

    private Reply simulate(JsonNode messages) {
        simulatorRequests.incrementAndGet();
        SimulationRequest request;
        try {
            request = SimulationRequest.fromJson(JSON.readTree(messages.get(1).path("content").asText()));
        } catch (Exception e) {
            throw new AssertionError("the tool simulator's request is not a simulation request", e);
        }
        if (request.attempt() > 1) retriedRequests.incrementAndGet();
        String wrong = mistakes.answer(request);
        if (wrong != null) {
            wrongAnswers.computeIfAbsent(request.tool().name(), k -> new AtomicInteger()).incrementAndGet();
            return OpenAiReply.text(wrong).usage(400, 30);
        }
        return OpenAiReply.text(world.answer(request).text()).usage(400, 60);
    }

    /** The agent: the gold plan of the user's task, segment by segment, a yes asked before each write. */
    private Reply agent(JsonNode messages) {
        List<JsonNode> list = new ArrayList<>();
        messages.forEach(list::add);
        List<String> asks = new ArrayList<>();
        int segment = 0;
        int stepsDone = 0;
        for (JsonNode message : list) {
            String role = message.path("role").asText();
            if (role.equals("user") && !message.path("content").asText().equals(YES)) asks.add(key(message.path("content").asText()));
            if (role.equals("assistant") && message.path("content").asText("").startsWith(DONE)) {
                segment++;
                stepsDone = 0;
            }
            if (role.equals("tool")) stepsDone++;
        }
        Task task = tasks.stream().filter(t -> asks(t).size() >= asks.size() && asks(t).subList(0, asks.size()).equals(asks)).findFirst().orElse(null);
        if (task == null) return OpenAiReply.text("How can I help you today?").usage(300, 10);
        if (segment >= task.gold().size()) return OpenAiReply.text("Is there anything else I can help you with?").usage(300, 10);
        GoldSegment current = task.gold().get(segment);
        List<GoldStep> steps = current.steps().stream().filter(step -> step.requestor() == ToolSide.AGENT).toList();
        JsonNode last = list.getLast();
        if (stepsDone >= steps.size()) {
            String found = last.path("role").asText().equals("tool") ? " Here is what I found: " + last.path("content").asText() : "";
            return OpenAiReply.text(DONE + found + " " + String.join(", ", current.facts())).usage(500, 40);
        }
        GoldStep next = steps.get(stepsDone);
        boolean confirmed = last.path("role").asText().equals("user") && last.path("content").asText().equals(YES);
        if (next.confirm() && !confirmed) {
            return OpenAiReply.text("To confirm: I will run " + next.call().name() + " with " + next.call().argumentsJson()
                    + ". Shall I proceed? (yes/no)").usage(500, 30);
        }
        return OpenAiReply.toolCalls(ToolCallSpec.call("call_" + segment + "_" + stepsDone, next.call().name(), next.call().argumentsJson())).usage(500, 20);
    }

    /** The user: its goals in order, a yes to each confirmation, a stop when every goal is handled. */
    private Reply user(String system, JsonNode messages) {
        List<String> goals = new ArrayList<>();
        Matcher goal = GOAL.matcher(system);
        while (goal.find()) goals.add(goal.group(1).strip());
        String lastAgent = "";
        int handled = 0;
        boolean spoke = false;
        for (JsonNode message : messages) {
            if (message.path("role").asText().equals("user")) { // role-flipped: the agent's words
                lastAgent = message.path("content").asText();
                if (lastAgent.startsWith(DONE)) handled++;
            }
            if (message.path("role").asText().equals("assistant")) spoke = true;
        }
        if (!spoke) return OpenAiReply.text(opening(goals.getFirst(), details(system))).usage(200, 10);
        if (lastAgent.contains("Shall I proceed")) return OpenAiReply.text(YES).usage(200, 5);
        if (handled < goals.size() && lastAgent.startsWith(DONE)) return OpenAiReply.text(goals.get(handled)).usage(200, 10);
        return OpenAiReply.text("Thanks, that's all. ###STOP###").usage(200, 5);
    }

    /** The details the scenario gives when asked (its "- " lines), in order. */
    private static List<String> details(String system) {
        Matcher block = DETAILS.matcher(system);
        if (!block.find()) return List.of();
        return block.group(1).lines().map(line -> line.substring(2).strip()).toList();
    }

    /** The user's first message: the first goal and every detail at once, so the agent knows the task without asking. */
    private static String opening(String goal, List<String> details) {
        return details.isEmpty() ? goal : goal + " " + String.join(" ", details);
    }

    /** What the user says of each of the task's requests, as the agent compares them. */
    private static List<String> asks(Task task) {
        List<String> details = task.scenario().requests().stream().flatMap(request -> request.details().values().stream()).map(String::strip).toList();
        List<String> asks = new ArrayList<>();
        for (var request : task.scenario().requests()) {
            String ask = capitalized(request.ask().strip());
            asks.add(key(asks.isEmpty() ? opening(ask, details) : ask));
        }
        return asks;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }

    private static String key(String said) {
        return said.strip().toLowerCase(Locale.ROOT);
    }
}
