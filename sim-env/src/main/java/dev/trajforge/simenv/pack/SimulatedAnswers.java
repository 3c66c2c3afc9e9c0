package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.state.StateChange;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSimulation;
import dev.trajforge.simenv.tools.ToolSimulationException.Cause;

import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a simulator's answer to one call may be kept: a JSON object with a result (or an error) and a JSON
 * Patch that applies cleanly to a private copy of the state, changes nothing for a read tool or an error, and leaves
 * every entity valid against its schema; a result that matches the tool's output schema.
 */
final class SimulatedAnswers {
    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    /** An accepted answer, or the cause and the problem of a refused one. */
    record Verdict(ToolSimulation.Answer answer, Cause cause, String problem) {
        static Verdict refused(Cause cause, String problem) {
            return new Verdict(null, cause, problem);
        }
    }

    private final SimulatedTool tool;
    private final PackState state;

    SimulatedAnswers(SimulatedTool tool, PackState state) {
        this.tool = tool;
        this.state = state;
    }

    Verdict check(String reply) {
        JsonNode answer = CanonicalJson.parseOrNull(unfenced(reply));
        if (answer == null || !answer.isObject()) {
            return Verdict.refused(Cause.BAD_OUTPUT, "the answer must be one JSON object {\"result\": ..., \"error\": null, \"patch\": [...]}, got: " + abbreviate(reply));
        }
        JsonNode patch = answer.has("patch") && !answer.get("patch").isNull() ? answer.get("patch") : SimulatedCalls.emptyPatch();
        String shape = patchShape(patch);
        if (shape != null) return Verdict.refused(Cause.BAD_PATCH, shape);
        String error = answer.path("error").isTextual() && !answer.path("error").asText().isBlank() ? answer.path("error").asText() : null;
        if (error != null) {
            if (!patch.isEmpty()) return Verdict.refused(Cause.BAD_PATCH, "an error result changes nothing: its patch must be empty");
            return new Verdict(new ToolSimulation.Answer(error, true, SimulatedCalls.emptyPatch()), null, null);
        }
        if (!answer.has("result") || answer.get("result").isNull()) return Verdict.refused(Cause.BAD_OUTPUT, "the answer has no result (and no error)");
        if (!patch.isEmpty() && tool.definition().kind() != ToolKind.WRITE) {
            return Verdict.refused(Cause.BAD_PATCH, "'" + tool.definition().name() + "' is a read tool: it never changes the state, so its patch must be empty");
        }
        if (!patch.isEmpty()) {
            PackState.Refusal refusal = state.copy().tryApply(new StateChange("check", tool.definition().name(), (ArrayNode) patch), true);
            if (refusal != null) return Verdict.refused(refusal.schema() ? Cause.SCHEMA_VIOLATION : Cause.BAD_PATCH, refusal.message());
        }
        JsonNode result = answer.get("result");
        if (tool.output() != null) {
            Optional<String> problem = tool.output().validate(result);
            if (problem.isPresent()) return Verdict.refused(Cause.BAD_OUTPUT, "the result does not match the tool's output schema: " + problem.get());
        }
        return new Verdict(new ToolSimulation.Answer(SimulatedCalls.text(result), false, ((ArrayNode) patch).deepCopy()), null, null);
    }

    /** Null when {@code patch} is a list of RFC 6902 operations, else what is wrong with it. */
    private static String patchShape(JsonNode patch) {
        if (!patch.isArray()) return "the patch must be a JSON array of RFC 6902 operations, got " + abbreviate(patch.toString());
        for (int i = 0; i < patch.size(); i++) {
            JsonNode op = patch.get(i);
            if (!op.isObject() || !OPS.contains(op.path("op").asText()) || !op.path("path").isTextual()) {
                return "operation " + i + " is not an RFC 6902 operation ({\"op\": add|remove|replace|move|copy|test, \"path\": ...}): " + abbreviate(op.toString());
            }
            String op0 = op.path("op").asText();
            if ((op0.equals("add") || op0.equals("replace") || op0.equals("test")) && !op.has("value")) return "operation " + i + " (" + op0 + ") has no value";
        }
        return null;
    }

    /** The JSON inside a reply: models often wrap it in a Markdown code fence. */
    static String unfenced(String reply) {
        String text = reply == null ? "" : reply.strip();
        if (text.startsWith("```")) {
            int start = text.indexOf('\n');
            int end = text.lastIndexOf("```");
            if (start > 0 && end > start) text = text.substring(start + 1, end).strip();
        }
        return text;
    }

    private static String abbreviate(String text) {
        String one = String.valueOf(text).replace('\n', ' ');
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }
}
