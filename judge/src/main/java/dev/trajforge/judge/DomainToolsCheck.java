package dev.trajforge.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

import java.util.Objects;
import java.util.Optional;

/**
 * The stricter check for sessions mapped onto a built-in domain's tools: every call the agent made
 * names one of the domain's tools (directly or through the mapping) with arguments that tool's
 * parameters schema accepts, so the session teaches calls a model trained on the domain can make.
 */
final class DomainToolsCheck implements Check {
    static final String OUTSIDE = "tool_outside_domain";
    static final String INVALID = "tool_arguments_invalid";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DomainTools tools;

    DomainToolsCheck(DomainTools tools) {
        this.tools = Objects.requireNonNull(tools, "tools");
    }

    @Override
    public String name() {
        return "domain_tools";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        for (Message message : trajectory.messages()) {
            for (ToolCall call : message.toolCalls()) {
                Optional<String> name = tools.domainName(call.name());
                if (name.isEmpty()) {
                    return CheckResult.fail(name(), OUTSIDE, "call " + call.id() + ": '" + call.name() + "' is not a " + tools.domain()
                            + " tool (its tools: " + String.join(", ", tools.names()) + ")");
                }
                JsonNode arguments = parse(call.argumentsJson());
                if (!(arguments instanceof ObjectNode object)) {
                    return CheckResult.fail(name(), INVALID, "call " + call.id() + " (" + call.name() + "): arguments are not a JSON object");
                }
                Optional<String> problems = tools.argumentProblems(name.get(), object);
                if (problems.isPresent()) {
                    return CheckResult.fail(name(), INVALID, "call " + call.id() + " (" + call.name() + " as " + name.get() + "): " + problems.get());
                }
            }
        }
        return CheckResult.pass(name());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
