package dev.trajforge.exporter;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

import static org.apache.parquet.schema.Type.Repetition.OPTIONAL;
import static org.apache.parquet.schema.Type.Repetition.REQUIRED;

/**
 * The Parquet schema of one row (one trajectory), exactly as {@code dataset-contract.md} states it.
 * Lists use the standard 3-level LIST structure ({@code <list> (LIST) { repeated group list { element } }})
 * so pyarrow, DuckDB, Spark and {@code datasets} read them as lists. Changing anything here needs a
 * {@link #SCHEMA_VERSION} bump.
 *
 * <p>Versions: 1, the first; 2 adds {@code reward_checks} after {@code reward}, the per-check breakdown of
 * the reward ({@code list<struct<name: string, passed: bool, score: double>>}); 3 adds {@code origin} after
 * {@code source}, where an imported session was read ({@code struct<format, file, line, session_id>}, null for
 * simulated episodes); 4 adds {@code persona_traits} after {@code persona}, the traits of the row's persona from the
 * persona catalog ({@code struct<style, language, patience, disclosure, tech_literacy, register>}, null when the
 * persona is not a catalog's, as for an imported session); 5 adds, after {@code tools}, {@code user_tools} (the
 * user-side tools of a dual-control domain, OpenAI-style JSON, {@code []} elsewhere) and {@code user_tool_calls}
 * (the calls the simulated user made with them: {@code list<struct<message, id, name, arguments, result, error>>}).
 */
final class TrajectorySchema {
    static final int SCHEMA_VERSION = 6;

    static final String FOOTER_SCHEMA_VERSION = "trajforge.schema_version";
    static final String FOOTER_RUN_ID = "trajforge.run_id";
    static final String FOOTER_CONFIG_SHA256 = "trajforge.config_sha256";

    /** Written as {@code judge_model} when no LLM judge ran (the column is not nullable). */
    static final String NO_JUDGE = "none";

    static final String LIST = "list";
    static final String ELEMENT = "element";

    static final GroupType FUNCTION = Types.requiredGroup()
            .addField(string(REQUIRED, "name"))
            .addField(string(REQUIRED, "arguments"))
            .named("function");

    static final GroupType TOOL_CALL = Types.requiredGroup()
            .addField(string(REQUIRED, "id"))
            .addField(string(REQUIRED, "type"))
            .addField(FUNCTION)
            .named(ELEMENT);

    static final GroupType MESSAGE = Types.requiredGroup()
            .addField(string(REQUIRED, "role"))
            .addField(string(OPTIONAL, "content"))
            .addField(string(OPTIONAL, "reasoning_content"))
            .addField(list(OPTIONAL, TOOL_CALL, "tool_calls"))
            .addField(string(OPTIONAL, "tool_call_id"))
            .addField(string(OPTIONAL, "name"))
            .named(ELEMENT);

    static final GroupType REWARD_CHECK = Types.requiredGroup()
            .addField(string(REQUIRED, "name"))
            .addField(Types.required(PrimitiveTypeName.BOOLEAN).named("passed"))
            .addField(Types.required(PrimitiveTypeName.DOUBLE).named("score"))
            .named(ELEMENT);

    static final GroupType USER_TOOL_CALL = Types.requiredGroup()
            .addField(Types.required(PrimitiveTypeName.INT32).named("message"))
            .addField(string(REQUIRED, "id"))
            .addField(string(REQUIRED, "name"))
            .addField(string(REQUIRED, "arguments"))
            .addField(string(REQUIRED, "result"))
            .addField(Types.required(PrimitiveTypeName.BOOLEAN).named("error"))
            .named(ELEMENT);

    static final GroupType ORIGIN = Types.optionalGroup()
            .addField(string(REQUIRED, "format"))
            .addField(string(REQUIRED, "file"))
            .addField(Types.required(PrimitiveTypeName.INT64).named("line"))
            .addField(string(OPTIONAL, "session_id"))
            .named("origin");

    static final GroupType PERSONA_TRAITS = Types.optionalGroup()
            .addField(string(REQUIRED, "style"))
            .addField(string(REQUIRED, "language"))
            .addField(string(REQUIRED, "patience"))
            .addField(string(REQUIRED, "disclosure"))
            .addField(string(REQUIRED, "tech_literacy"))
            .addField(string(REQUIRED, "register"))
            .named("persona_traits");

    static final MessageType SCHEMA = Types.buildMessage()
            .addField(string(REQUIRED, "id"))
            .addField(list(REQUIRED, MESSAGE, "messages"))
            .addField(string(REQUIRED, "tools"))
            .addField(string(REQUIRED, "user_tools"))
            .addField(list(REQUIRED, USER_TOOL_CALL, "user_tool_calls"))
            .addField(string(REQUIRED, "source"))
            .addField(ORIGIN)
            .addField(string(REQUIRED, "domain"))
            .addField(string(REQUIRED, "task_id"))
            .addField(string(REQUIRED, "persona"))
            .addField(PERSONA_TRAITS)
            .addField(Types.required(PrimitiveTypeName.INT32).named("trial"))
            .addField(Types.required(PrimitiveTypeName.INT64).named("seed"))
            .addField(string(REQUIRED, "agent_model"))
            .addField(string(REQUIRED, "user_model"))
            .addField(string(REQUIRED, "judge_model"))
            .addField(string(OPTIONAL, "domain_origin"))
            .addField(string(OPTIONAL, "tool_simulator_model"))
            .addField(Types.required(PrimitiveTypeName.DOUBLE).named("reward"))
            .addField(list(REQUIRED, REWARD_CHECK, "reward_checks"))
            .addField(Types.optional(PrimitiveTypeName.DOUBLE).named("judge_score"))
            .addField(string(OPTIONAL, "judge_rationale"))
            .addField(string(REQUIRED, "termination"))
            .addField(list(REQUIRED, string(REQUIRED, ELEMENT), "reject_reasons"))
            .addField(Types.required(PrimitiveTypeName.INT32).named("num_turns"))
            .addField(Types.required(PrimitiveTypeName.INT32).named("num_tool_calls"))
            .addField(Types.required(PrimitiveTypeName.INT32).named("num_tool_errors"))
            .addField(Types.required(PrimitiveTypeName.INT64).named("prompt_tokens"))
            .addField(Types.required(PrimitiveTypeName.INT64).named("completion_tokens"))
            .addField(list(REQUIRED, string(REQUIRED, ELEMENT), "faults"))
            .addField(string(REQUIRED, "run_id"))
            .addField(Types.required(PrimitiveTypeName.INT32).named("schema_version"))
            .named("trajectory");

    private TrajectorySchema() {
    }

    static PrimitiveType string(Repetition repetition, String name) {
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    /** {@code <repetition> group <name> (LIST) { repeated group list { <element> } }}; element must be named "element". */
    static GroupType list(Repetition repetition, Type element, String name) {
        if (!ELEMENT.equals(element.getName())) {
            throw new IllegalArgumentException("list element must be named 'element', got " + element.getName());
        }
        return Types.buildGroup(repetition)
                .as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup().addField(element).named(LIST))
                .named(name);
    }
}
