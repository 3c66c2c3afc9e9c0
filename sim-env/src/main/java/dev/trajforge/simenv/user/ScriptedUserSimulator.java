package dev.trajforge.simenv.user;

import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.Persona;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Style;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.UserRequest;
import dev.trajforge.simenv.UserScenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An offline, seeded user that follows its scenario: opens with its first request, gives a fact
 * only when the agent's message asks for it ("confirm your email" asks for the email), says yes to
 * confirmation questions about an action, brings up its next
 * request when asked whether there is anything else, and stops when done or when the agent is
 * clearly stuck (repeats itself, or makes no progress for several turns). In a dual-control domain it
 * performs the device actions the agent asks for and reports what the screen shows. Phrasing comes from
 * {@code personas.json}, in the persona's style and language.
 */
public final class ScriptedUserSimulator implements UserSimulator {
    public static final String MODEL = "scripted/persona-user";
    static final int MAX_TURNS_WITHOUT_PROGRESS = 3;
    static final int MAX_TURNS = 25;

    private final UserScenario scenario;
    private final Persona persona;
    private final SplittableRandom rng;
    private final PersonaTemplates templates = PersonaTemplates.get();
    private final UserTopics domainTopics;
    private final Set<String> clarified = new HashSet<>();
    /** the actions on the user's own device the task needs (dual control), not done yet */
    private final List<GoldStep> deviceActions;
    private UserDevice device = UserDevice.NONE;
    private int deviceCalls;
    private int request;
    private int turns;
    private int turnsWithoutProgress;
    private int repeats;
    private String lastAgentText = "";

    /** The task's own user: the scenario's style, English, medium traits. */
    public ScriptedUserSimulator(UserScenario scenario, UserTopics topics, long seed) {
        this(scenario, Persona.ofStyle(scenario.style()), topics, seed);
    }

    /**
     * @param persona how the user talks (style and language of the phrasing) and behaves: patience bounds the turns
     *                without progress, a user who volunteers says what they know about themselves in the first
     *                message, a user of low tech literacy sometimes asks the agent to rephrase
     * @param topics  which words ask for which fact in the scenario's domain
     */
    public ScriptedUserSimulator(UserScenario scenario, Persona persona, UserTopics topics, long seed) {
        this(scenario, persona, topics, List.of(), seed);
    }

    /**
     * @param deviceActions the task's steps on the user's side (dual control), in order: the user makes one when the agent's
     *                      message asks for it (by the words {@code topics} lists under the tool's name) and names every value
     *                      the user could not know (one read from the agent's tools), then says what the device showed
     */
    public ScriptedUserSimulator(UserScenario scenario, Persona persona, UserTopics topics, List<GoldStep> deviceActions, long seed) {
        this.deviceActions = new ArrayList<>(deviceActions);
        for (GoldStep step : deviceActions) {
            if (step.requestor() != ToolSide.USER) throw new IllegalArgumentException(step.call().name() + " is not a step on the user's side");
        }
        this.scenario = scenario;
        this.persona = java.util.Objects.requireNonNull(persona, "persona");
        this.domainTopics = topics;
        this.rng = Seeds.random(seed, "scripted-user");
    }

    @Override
    public UserTurn next(List<Message> conversation, UserDevice device) {
        this.device = device;
        return next(conversation);
    }

    @Override
    public UserTurn next(List<Message> conversation) {
        turns++;
        if (turns == 1) return UserTurn.say(opening());
        String agentText = lastAgentText(conversation);
        repeats = agentText.equals(lastAgentText) ? repeats + 1 : 0;
        lastAgentText = agentText;
        if (turns > MAX_TURNS || repeats >= 2) return stop("stuck");
        UserTurn acted = actOnDevice(agentText);
        if (acted != null) return acted;
        if (templates.cue(agentText, "confirm")) return progress(say("confirm", ask(), ""));
        if (templates.cue(agentText, "anything_else")) {
            if (request + 1 >= scenario.requests().size()) return stop("done");
            request++;
            return progress(say("next", ask(), ""));
        }
        List<String> topics = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (Map<String, String> facts : List.of(scenario.knownInfo(), current().details())) {
            facts.forEach((topic, fact) -> {
                if (domainTopics.asksAbout(agentText, topic)) {
                    topics.add(topic);
                    answers.add(fact);
                }
            });
        }
        if (answers.isEmpty() && templates.cue(agentText, "confirm_loosely")) return progress(say("confirm", ask(), ""));
        if (!answers.isEmpty()) {
            boolean unsure = persona.style() == Style.CONFUSED || persona.techLiteracy() == Persona.TechLiteracy.LOW;
            if (unsure && clarified.add(String.join(",", topics)) && rng.nextDouble() < 0.5) {
                return noProgress(say("clarify", ask(), ""));
            }
            return progress(say("answer", ask(), String.join(" ", answers)));
        }
        return noProgress(say(agentText.contains("?") ? "unknown" : "nudge", ask(), ""));
    }

    /**
     * The device actions the agent's message asks for, made in the task's order, and what the screen showed after
     * them; a request that leaves out a value the user cannot know is answered with a question. Null when the
     * message asks for none.
     */
    private UserTurn actOnDevice(String agentText) {
        List<String> screens = new ArrayList<>();
        Set<String> usedThisTurn = new HashSet<>(); // one request, one action: a later step with the same tool waits for its own
        boolean unclear = false;
        for (java.util.Iterator<GoldStep> pending = deviceActions.iterator(); pending.hasNext(); ) {
            GoldStep step = pending.next();
            if (usedThisTurn.contains(step.call().name()) || !domainTopics.asksAbout(agentText, step.call().name())) continue;
            if (!namesWhatUserCannotKnow(step, agentText)) {
                unclear = true;
                continue;
            }
            ToolCall call = step.call();
            ToolResult result = device.call(new ToolCall("user_call_" + ++deviceCalls, call.name(), call.argumentsJson()));
            screens.add(result.content());
            usedThisTurn.add(call.name());
            pending.remove();
        }
        if (!screens.isEmpty()) return progress(say("did", ask(), String.join(" ", screens)));
        return unclear ? noProgress(say("clarify", ask(), "")) : null;
    }

    /** Whether every value of the step that came from a tool result (the user cannot know it) is in the agent's message. */
    private static boolean namesWhatUserCannotKnow(GoldStep step, String agentText) {
        String lower = agentText.toLowerCase(java.util.Locale.ROOT);
        var arguments = dev.trajforge.simenv.CanonicalJson.parseObjectOrNull(step.call().argumentsJson());
        for (var field : step.sources().entrySet()) {
            if (field.getValue() != GoldStep.ArgumentSource.RESULT) continue;
            var value = arguments == null ? null : arguments.get(field.getKey());
            if (value != null && value.isTextual() && !lower.contains(value.asText().toLowerCase(java.util.Locale.ROOT))) return false;
        }
        return true;
    }

    @Override
    public Persona persona() {
        return persona;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String promptSha256() {
        return promptSha256(domainTopics);
    }

    /** The scripted user's prompt hash in a domain: its phrasing ({@code personas.json}) and the domain's topics, together. */
    public static String promptSha256(UserTopics topics) {
        return dev.trajforge.simenv.Hashing.sha256Hex(PersonaTemplates.RESOURCE.sha256() + "\n" + topics.sha256());
    }

    @Override
    public Usage usage() {
        return Usage.NONE;
    }

    private UserTurn progress(String text) {
        turnsWithoutProgress = 0;
        return UserTurn.say(text);
    }

    private UserTurn noProgress(String text) {
        return ++turnsWithoutProgress >= turnsWithoutProgressAllowed() ? stop("stuck") : UserTurn.say(text);
    }

    /** How many turns without progress this user puts up with: fewer when impatient, more when patient. */
    private int turnsWithoutProgressAllowed() {
        return switch (persona.patience()) {
            case LOW -> MAX_TURNS_WITHOUT_PROGRESS - 1;
            case MEDIUM -> MAX_TURNS_WITHOUT_PROGRESS;
            case HIGH -> MAX_TURNS_WITHOUT_PROGRESS + 1;
        };
    }

    /** The first message: the request, and what the user knows about themselves when they volunteer it. */
    private String opening() {
        String opening = say("opening", ask(), "");
        if (persona.disclosure() != Persona.Disclosure.VOLUNTEERS || scenario.knownInfo().isEmpty()) return opening;
        return opening + " " + String.join(" ", scenario.knownInfo().values());
    }

    private UserTurn stop(String situation) {
        return new UserTurn(say(situation, ask(), ""), UserTurn.Signal.STOP);
    }

    private String say(String situation, String ask, String info) {
        return templates.say(persona.style(), persona.language(), situation, rng, ask, info);
    }

    private UserRequest current() {
        return scenario.requests().get(request);
    }

    private String ask() {
        return current().ask();
    }

    private static String lastAgentText(List<Message> conversation) {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            Message message = conversation.get(i);
            if (message.role() == Role.ASSISTANT && message.content() != null) return message.content();
        }
        return "";
    }
}
