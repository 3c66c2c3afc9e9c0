package dev.trajforge.collector.episode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.trajforge.simenv.agent.InjectedFaults;
import dev.trajforge.collector.provider.FatalModelException;
import dev.trajforge.collector.provider.ModelCallException;
import dev.trajforge.simenv.ClassifiedFailure;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.UserToolCall;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.tools.ToolSimulationException;
import dev.trajforge.simenv.user.UserDevice;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.faults.FaultPlan;
import dev.trajforge.simenv.faults.FaultyEnvironment;
import dev.trajforge.simenv.user.UserSimulator;
import dev.trajforge.simenv.user.UserSimulatorException;
import dev.trajforge.simenv.user.UserTurn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one episode: system prompt (the domain policy), the user's opening, then the agent through
 * {@link ChatModel#chat(ChatRequest)} with the environment's tools. Every tool call is executed in
 * order (parallel calls included) and answered with a tool message carrying its id; the user speaks
 * whenever the agent replies without tool calls, and in a dual-control domain may first act on their own
 * device (user-side tools on the same state, recorded apart from the agent's messages). Failures end the episode with a recorded
 * {@link Termination}; nothing here throws for a misbehaving model or user. Malformed tool calls
 * (unknown tool, arguments that are not a JSON object) are answered with an error the agent sees; the
 * trajectory keeps the raw arguments while the history sent upstream carries {@code {}} so later
 * requests stay valid. Only a {@link FatalModelException} (bad credentials, unknown model) escapes. A
 * failed model or user ends the episode with its {@link InfraFailure}: the cause class and what happened.
 */
public final class EpisodeRunner {
    /** Written at the end of an agent message, ends the conversation from the agent's side. */
    public static final String AGENT_STOP_TOKEN = "###STOP###";
    /** The cause class of an agent reply with neither text nor tool calls. */
    static final String EMPTY_RESPONSE = "empty_response";

    private final World world;
    private final EpisodeLimits limits;
    private final FaultPlan faults;
    private final Set<String> readTools;

    public EpisodeRunner(World world, EpisodeLimits limits) {
        this(world, limits, null);
    }

    /** {@code faults}: the faults the environment injects (per episode seed and call), or null for none. */
    public EpisodeRunner(World world, EpisodeLimits limits, FaultPlan faults) {
        this.world = world;
        this.limits = limits;
        this.faults = faults;
        Set<String> reads = new java.util.TreeSet<>();
        for (var tool : world.tools()) if (tool.kind() == dev.trajforge.simenv.tools.ToolKind.READ) reads.add(tool.name());
        this.readTools = Set.copyOf(reads);
    }

    public Episode run(Task task, int trial, long seed, Lineage lineage, ChatModel agent, UserSimulator user) {
        Environment env = faults == null ? world.newEnvironment() : new FaultyEnvironment(world.newEnvironment(), world::newEnvironment, faults, readTools, seed);
        Conversation conversation = new Conversation(world.domain().policy().text(), env);
        Termination termination;
        try {
            termination = loop(conversation, env, agent, user);
        } catch (ToolSimulationException e) { // the world could not answer a call: not the agent's doing, never data
            conversation.failure = new InfraFailure(e.reason().label(), e.getMessage()); // counted as tool_simulator_error: bad_patch, ...
            termination = Termination.TOOL_SIMULATOR_ERROR;
        } catch (FatalModelException fatal) {
            throw fatal;
        } catch (ModelCallException e) { // the tool simulator's model failed for good (the agent's and the user's are handled in the loop)
            conversation.failure = new InfraFailure(e.failureClass(), "tool simulator: " + e.getMessage());
            termination = Termination.TOOL_SIMULATOR_ERROR;
        }
        List<String> faults = new ArrayList<>(env instanceof FaultyEnvironment faulty ? faulty.faults() : List.of());
        if (agent instanceof InjectedFaults injected) faults.addAll(injected.faults());
        Trajectory trajectory = new Trajectory(Trajectory.idFor(lineage.runId(), task.id(), trial), task.domain(), task.id(),
                user.persona().id(), trial, seed, conversation.messages, world.toolsJson(), termination,
                env.stateHash(), conversation.agentUsage, lineage, faults, env.changes(), world.userToolsJson(), conversation.userCalls);
        return new Episode(task, trajectory, user.usage(), conversation.failure, env.toolSimulatorUsage());
    }

    private Termination loop(Conversation conversation, Environment env, ChatModel agent, UserSimulator user) {
        Termination ended = conversation.userSpeaks(user);
        if (ended != null) return ended;
        int agentTurns = 0;
        int toolErrors = 0;
        while (true) {
            if (agentTurns++ >= limits.maxTurns()) return Termination.MAX_TURNS;
            AiMessage reply;
            try {
                ChatResponse response = agent.chat(ChatRequest.builder().messages(conversation.forAgent)
                        .toolSpecifications(env.toolSpecifications()).build());
                reply = response.aiMessage();
                conversation.count(response.tokenUsage());
            } catch (FatalModelException fatal) {
                throw fatal; // every other episode would fail the same way: the run stops
            } catch (RuntimeException e) {
                conversation.failure = e instanceof ModelCallException call ? new InfraFailure(call.failureClass(), call.getMessage())
                        : new InfraFailure(ClassifiedFailure.of(e), "agent model: " + e);
                return Termination.MODEL_ERROR;
            }
            if (reply == null || !reply.hasToolExecutionRequests() && (reply.text() == null || reply.text().isBlank())) {
                conversation.failure = new InfraFailure(EMPTY_RESPONSE, "agent model returned " + (reply == null ? "no message" : "neither text nor tool calls"));
                return Termination.MODEL_ERROR;
            }
            List<ToolCall> calls = conversation.toolCalls(reply);
            String text = reply.text();
            boolean agentStops = text != null && text.contains(AGENT_STOP_TOKEN);
            if (agentStops) text = text.replace(AGENT_STOP_TOKEN, "").strip();
            conversation.add(Message.assistant(text == null || text.isEmpty() && !calls.isEmpty() ? null : text, reply.thinking(), calls));
            if (!calls.isEmpty()) {
                boolean handoff = false;
                for (ToolCall call : calls) {
                    ToolResult result = env.execute(call, ToolSide.AGENT);
                    if (result.error()) toolErrors++;
                    handoff |= !result.error() && world.handoffTools().contains(call.name());
                    conversation.add(Message.tool(result));
                }
                if (toolErrors > limits.maxToolErrors()) return Termination.TOO_MANY_TOOL_ERRORS;
                if (handoff) return Termination.AGENT_STOP;
                continue;
            }
            if (agentStops) return Termination.AGENT_STOP;
            ended = conversation.userSpeaks(user);
            if (ended != null) return ended;
        }
    }

    /**
     * The growing conversation, kept both as trajectory messages and as the agent's LangChain4j view, plus the
     * calls the user made on their own device (which the agent does not see).
     */
    private static final class Conversation {
        final List<Message> messages = new ArrayList<>();
        final List<ChatMessage> forAgent = new ArrayList<>();
        final List<Message> forUser = new ArrayList<>();
        final Set<String> callIds = new HashSet<>();
        final List<UserToolCall> userCalls = new ArrayList<>();
        final UserDevice device;
        Usage agentUsage = Usage.NONE;
        InfraFailure failure;

        Conversation(String systemPrompt, Environment env) {
            add(Message.system(systemPrompt));
            List<ToolSpecification> userTools = env.userToolSpecifications();
            this.device = userTools.isEmpty() ? UserDevice.NONE : new UserDevice() {
                @Override
                public List<ToolSpecification> tools() {
                    return userTools;
                }

                @Override
                public ToolResult call(ToolCall call) {
                    ToolCall recorded = new ToolCall(uniqueId(call.id(), "user_call_"), call.name(), call.argumentsJson());
                    ToolResult result = env.execute(recorded, ToolSide.USER);
                    userCalls.add(UserToolCall.of(messages.size(), result, recorded)); // the user's message of this turn comes next
                    return new ToolResult(call.id(), result.name(), result.content(), result.error());
                }
            };
        }

        void add(Message message) {
            messages.add(message);
            forAgent.add(ChatMessages.toLangChain(ChatMessages.upstreamSafe(message)));
            if (message.role() == Role.USER || (message.role() == Role.ASSISTANT && message.content() != null)) forUser.add(message);
        }

        /** Lets the user speak; returns the termination if that ends the episode. */
        Termination userSpeaks(UserSimulator user) {
            UserTurn turn;
            try {
                turn = user.next(List.copyOf(forUser), device);
            } catch (UserSimulatorException e) {
                if (e.getCause() instanceof FatalModelException fatal) throw fatal; // bad credentials for the user model stop the run too
                failure = new InfraFailure(e.failureClass(), e.getMessage());
                // the failed turn never became a message: its device calls have no turn to belong to (their changes stay in
                // the recorded state changes; the episode is a user-simulator failure, never data)
                userCalls.removeIf(call -> call.message() == messages.size());
                return Termination.USER_ERROR;
            }
            add(Message.user(turn.content()));
            return switch (turn.signal()) {
                case CONTINUE -> null;
                case STOP -> Termination.USER_STOP;
                case TRANSFER -> Termination.USER_TRANSFER;
            };
        }

        void count(TokenUsage usage) {
            agentUsage = agentUsage.plus(Usage.ofCall(usage));
        }

        /** The reply's tool calls with ids that are present and unique in the conversation. */
        List<ToolCall> toolCalls(AiMessage reply) {
            if (!reply.hasToolExecutionRequests()) return List.of();
            List<ToolCall> calls = new ArrayList<>();
            for (ToolExecutionRequest request : reply.toolExecutionRequests()) {
                calls.add(new ToolCall(uniqueId(request.id(), "call_tf_"), request.name() == null ? "" : request.name(), request.arguments()));
            }
            return calls;
        }

        /** {@code id} when it is present and new in the conversation (either side's calls), else a fresh one. */
        private String uniqueId(String id, String prefix) {
            if (id != null && !id.isBlank() && callIds.add(id)) return id;
            String fresh;
            do {
                fresh = prefix + callIds.size();
            } while (!callIds.add(fresh));
            return fresh;
        }
    }
}
