package dev.trajforge.simenv.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.trajforge.simenv.Affirmations;
import dev.trajforge.simenv.faults.FaultKind;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * SCRIPTED, OFFLINE agent — labelled {@code scripted/oracle-agent} in every trajectory. A seeded
 * {@link ChatModel} that works from the task's gold plan like a competent support agent: it asks for
 * what it does not know yet, looks things up, asks for confirmation before every write, acts, and
 * reports the outcome; where only the user can act (a setting on their own phone) it tells them what to do.
 * It fills arguments only with values that already appeared in a user message or
 * a tool result (it asks the user otherwise), except where it deliberately errs: per episode it may
 * use a wrong argument, skip a step, act without confirmation or give up early, at the configured rates.
 */
public final class ScriptedOracleAgent implements ChatModel, InjectedFaults {
    public static final String MODEL = "scripted/oracle-agent";
    private static final int MAX_ASKS = 2;

    private final OraclePlan plan;
    private final Set<String> handoffTools;
    private final SplittableRandom rng;
    private final AgentPhrases phrases;
    private final StringBuilder observed = new StringBuilder();
    private final Map<Integer, Integer> asks = new HashMap<>();
    private final List<String> faults = new ArrayList<>();
    private final double recovery;
    private int absorbed;
    private int cursor;
    private int callSequence;
    private boolean awaitingConfirmation;

    /**
     * @param phrases what to say in the task's domain (its phrase file); the agent knows nothing else of the domain
     *                but the task's gold plan and which tools write or hand off
     */
    public ScriptedOracleAgent(Task task, Set<String> writeTools, Set<String> handoffTools, AgentPhrases phrases, AgentErrorRates rates,
                               long seed) {
        this(task, writeTools, handoffTools, phrases, rates, seed, 1.0);
    }

    /**
     * @param recovery the probability that the agent retries a call the environment failed on purpose
     *                 ({@link FaultKind}): a refused call, or a partial read; otherwise it goes on as if the call had worked
     */
    public ScriptedOracleAgent(Task task, Set<String> writeTools, Set<String> handoffTools, AgentPhrases phrases, AgentErrorRates rates,
                               long seed, double recovery) {
        if (!(recovery >= 0 && recovery <= 1)) throw new IllegalArgumentException("recovery must be in [0, 1], got " + recovery);
        this.recovery = recovery;
        this.rng = Seeds.random(seed, "oracle-agent");
        this.plan = new OraclePlan(task, writeTools, handoffTools, rates, rng);
        this.handoffTools = handoffTools;
        this.phrases = phrases;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        absorb(messages);
        AiMessage reply = decide(messages.getLast(), request);
        return ChatResponse.builder().aiMessage(reply).modelName(MODEL)
                .tokenUsage(new TokenUsage(estimateTokens(messages), estimateTokens(List.of(reply))))
                .finishReason(reply.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .build();
    }

    @Override
    public List<String> faults() {
        return List.copyOf(faults);
    }

    private AiMessage decide(ChatMessage last, ChatRequest request) {
        AiMessage retry = retryInjectedFaults(request.messages());
        if (retry != null) return retry;
        if (awaitingConfirmation) {
            awaitingConfirmation = false;
            OraclePlan.Call call = (OraclePlan.Call) plan.steps.get(cursor);
            if (last instanceof UserMessage answer && Affirmations.affirmative(answer.singleText())) return emit(call, request);
            cursor = nextDone(cursor);
            return AiMessage.from(phrases.declined() + " " + phrases.anythingElse(rng));
        }
        while (cursor < plan.steps.size()) {
            if (cursor == plan.endEarlyAt) {
                faults.add("agent:end_early@step" + cursor);
                cursor = plan.steps.size();
                return handoff(request);
            }
            if (plan.steps.get(cursor) instanceof OraclePlan.Done done) {
                cursor++;
                return AiMessage.from(doneMessage(done) + " " + phrases.anythingElse(rng));
            }
            if (plan.steps.get(cursor) instanceof OraclePlan.Device device) {
                List<String> missing = ungrounded(device.call(), device.sources());
                if (!missing.isEmpty()) {
                    if (asks.merge(cursor, 1, Integer::sum) > MAX_ASKS) return handoff(request);
                    return AiMessage.from(phrases.ask(phrases.topic(device.call().name(), missing), rng, Map.of("slots", String.join(", ", missing))));
                }
                cursor++;
                return AiMessage.from(phrases.device(device.call().name(), placeholders(device.call())));
            }
            OraclePlan.Call call = (OraclePlan.Call) plan.steps.get(cursor);
            if (cursor == plan.skipAt) {
                faults.add("agent:skip_step@" + call.call().name());
                cursor++;
                continue;
            }
            if (call.handoff()) return emitAlone(call); // its arguments (a summary) are the agent's own words
            List<String> missing = ungrounded(call.call(), call.sources());
            if (!missing.isEmpty()) {
                if (asks.merge(cursor, 1, Integer::sum) > MAX_ASKS) return handoff(request);
                return AiMessage.from(phrases.ask(phrases.topic(call.call().name(), missing), rng, Map.of("slots", String.join(", ", missing))));
            }
            if (call.confirm() && cursor != plan.noConfirmationAt) {
                awaitingConfirmation = true;
                return AiMessage.from(phrases.confirm(call.call().name(), placeholders(call.call())));
            }
            if (call.confirm()) faults.add("agent:no_confirmation@" + call.call().name());
            return emit(call, request);
        }
        return AiMessage.from(phrases.anythingElse(rng));
    }

    /**
     * The calls of the agent's last turn that the environment failed on purpose, again (with a word to the user
     * when they were refused), at the recovery rate; null when none failed or the agent does not recover. The
     * random draw happens only after a fault, so runs without faults play exactly as before.
     */
    private AiMessage retryInjectedFaults(List<ChatMessage> messages) {
        int i = messages.size() - 1;
        List<ToolExecutionResultMessage> results = new ArrayList<>();
        while (i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage result) {
            results.addFirst(result);
            i--;
        }
        if (results.isEmpty() || i < 0 || !(messages.get(i) instanceof AiMessage turn)) return null;
        List<ToolExecutionRequest> failed = new ArrayList<>();
        boolean refused = false;
        for (ToolExecutionResultMessage result : results) {
            java.util.Optional<FaultKind> kind = FaultKind.of(result.text());
            if (kind.isEmpty()) continue;
            refused |= kind.get().refused();
            turn.toolExecutionRequests().stream().filter(r -> r.id().equals(result.id())).findFirst().ifPresent(failed::add);
        }
        if (failed.isEmpty()) return null;
        if (rng.nextDouble() >= recovery) {
            failed.forEach(r -> faults.add("agent:no_retry@" + r.name()));
            return null;
        }
        List<ToolExecutionRequest> again = failed.stream()
                .map(r -> ToolExecutionRequest.builder().id("call_" + ++callSequence).name(r.name()).arguments(r.arguments()).build()).toList();
        return refused ? AiMessage.from(RETRYING, again) : AiMessage.from(again);
    }

    /** What the agent tells the user when a call was refused and it tries again. */
    static final String RETRYING = "Sorry, the system did not respond to that just now; let me try again.";

    /** Emits the call at the cursor, batched with the following grounded look-ups now and then (parallel calls). */
    private AiMessage emit(OraclePlan.Call first, ChatRequest request) {
        List<ToolExecutionRequest> calls = new ArrayList<>();
        calls.add(request(first.call(), cursor == plan.wrongArgumentAt));
        cursor++;
        boolean batch = !first.write() && rng.nextDouble() < 0.4;
        while (batch && cursor < plan.steps.size() && plan.steps.get(cursor) instanceof OraclePlan.Call next
                && !next.write() && !next.handoff() && next.segment() == first.segment() && cursor != plan.skipAt && cursor != plan.endEarlyAt
                && ungrounded(next.call(), next.sources()).isEmpty()) {
            calls.add(request(next.call(), false));
            cursor++;
        }
        return AiMessage.from(calls);
    }

    /** Emits the call at the cursor on its own: a hand-off ends the episode, so nothing is batched with it. */
    private AiMessage emitAlone(OraclePlan.Call call) {
        cursor++;
        return AiMessage.from(List.of(request(call.call(), false)));
    }

    private ToolExecutionRequest request(ToolCall call, boolean mistaken) {
        String arguments = call.argumentsJson();
        if (mistaken) {
            arguments = WrongArguments.spoil(arguments, phrases, rng);
            faults.add("agent:wrong_argument@" + call.name());
        }
        return ToolExecutionRequest.builder().id("call_" + ++callSequence).name(call.name()).arguments(arguments).build();
    }

    private AiMessage handoff(ChatRequest request) {
        String tool = request.toolSpecifications().stream().map(spec -> spec.name()).filter(handoffTools::contains).findFirst().orElse(null);
        if (tool == null) return AiMessage.from("I'm sorry, I can't complete this request. ###STOP###");
        ToolSpecification spec = request.toolSpecifications().stream().filter(s -> s.name().equals(tool)).findFirst().orElseThrow();
        Map<String, String> arguments = new TreeMap<>(); // every text parameter of the hand-off tool gets the summary
        if (spec.parameters() != null) {
            spec.parameters().properties().forEach((name, schema) -> {
                if (schema instanceof JsonStringSchema) arguments.put(name, phrases.handoffSummary());
            });
        }
        return AiMessage.from(ToolExecutionRequest.builder().id("call_" + ++callSequence).name(tool).arguments(CanonicalJson.write(arguments)).build());
    }

    private String doneMessage(OraclePlan.Done done) {
        List<String> facts = plan.skipFacts ? List.of() : done.gold().facts().stream().filter(this::seen).toList();
        if (plan.skipFacts && !done.gold().facts().isEmpty()) faults.add("agent:skip_step@tell_facts");
        Map<String, String> values = new HashMap<>();
        done.gold().actions().stream().reduce((a, b) -> b).ifPresent(last -> values.putAll(placeholders(last)));
        for (int i = 0; i < facts.size(); i++) values.put("fact" + i, facts.get(i));
        values.put("facts", String.join(", ", facts));
        return phrases.done(done.gold().intent(), facts.size(), values);
    }

    /** The arguments of the call the agent has not seen yet in the conversation (constants of the domain it knows). */
    private List<String> ungrounded(ToolCall call, Map<String, dev.trajforge.simenv.GoldStep.ArgumentSource> sources) {
        ObjectNode arguments = CanonicalJson.parseObjectOrNull(call.argumentsJson());
        List<String> missing = new ArrayList<>();
        arguments.fields().forEachRemaining(field -> {
            if (sources.get(field.getKey()) == dev.trajforge.simenv.GoldStep.ArgumentSource.CONSTANT) return;
            JsonNode value = field.getValue();
            boolean known = value.isArray() ? allSeen(value)
                    : !value.isTextual() || (phrases.derived(field.getKey()) ? allWordsSeen(value.asText()) : seen(value.asText()));
            if (!known) missing.add(field.getKey());
        });
        return missing;
    }

    private boolean allSeen(JsonNode array) {
        for (JsonNode element : array) if (element.isTextual() && !seen(element.asText())) return false;
        return true;
    }

    /** Every number and word of a value the agent works out itself (such as an arithmetic expression) was seen. */
    private boolean allWordsSeen(String value) {
        for (String word : AgentPhrases.words(value)) if (!seen(word)) return false;
        return true;
    }

    private boolean seen(String value) {
        return observed.indexOf(value.toLowerCase(Locale.ROOT)) >= 0;
    }

    /** Tool arguments as template values (lists joined), plus the composites the domain's phrases build from them. */
    private Map<String, String> placeholders(ToolCall call) {
        Map<String, String> values = new HashMap<>();
        values.put("tool", call.name());
        values.put("arguments", call.argumentsJson());
        CanonicalJson.parseObjectOrNull(call.argumentsJson()).fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                values.put(field.getKey(), String.join(", ", items));
            } else {
                values.put(field.getKey(), value.asText());
            }
        });
        return phrases.withComposites(values);
    }

    private void absorb(List<ChatMessage> messages) {
        for (int i = absorbed; i < messages.size(); i++) {
            switch (messages.get(i)) {
                case UserMessage user -> observed.append(user.singleText().toLowerCase(Locale.ROOT)).append('\n');
                case ToolExecutionResultMessage result -> observed.append(result.text().toLowerCase(Locale.ROOT)).append('\n');
                default -> { }
            }
        }
        absorbed = messages.size();
    }

    private int nextDone(int from) {
        int i = from;
        while (i < plan.steps.size() && !(plan.steps.get(i) instanceof OraclePlan.Done)) i++;
        return i;
    }

    /** Scripted models report token counts as characters / 4, clearly an estimate. */
    private static int estimateTokens(List<? extends ChatMessage> messages) {
        long chars = 0;
        for (ChatMessage message : messages) {
            chars += switch (message) {
                case SystemMessage system -> system.text().length();
                case UserMessage user -> user.singleText().length();
                case AiMessage ai -> (ai.text() == null ? 0 : ai.text().length())
                        + ai.toolExecutionRequests().stream().mapToInt(r -> r.name().length() + r.arguments().length()).sum();
                case ToolExecutionResultMessage result -> result.text().length();
                default -> 0;
            };
        }
        return (int) Math.min(Integer.MAX_VALUE, chars / 4);
    }
}
