package dev.trajforge.exporter.validate;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The row schema of {@code dataset-contract.md}, written down here independently of the exporter's
 * writer, per {@code schema_version}. Lists are the standard 3-level LIST structure. Version 2 is
 * version 1 with {@code reward_checks} after {@code reward}; version 3 is version 2 with the optional
 * {@code origin} of an imported session after {@code source}; version 4 is version 3 with the optional
 * {@code persona_traits} after {@code persona}; version 5 is version 4 with {@code user_tools} and
 * {@code user_tool_calls} (dual control) after {@code tools}; version 6 is version 5 with the optional {@code domain_origin}
 * and {@code tool_simulator_model} after {@code judge_model}.
 */
final class ContractSchema {
    private static final String V1_TEXT = """
            message trajectory {
              required binary id (STRING);
              required group messages (LIST) {
                repeated group list {
                  required group element {
                    required binary role (STRING);
                    optional binary content (STRING);
                    optional binary reasoning_content (STRING);
                    optional group tool_calls (LIST) {
                      repeated group list {
                        required group element {
                          required binary id (STRING);
                          required binary type (STRING);
                          required group function {
                            required binary name (STRING);
                            required binary arguments (STRING);
                          }
                        }
                      }
                    }
                    optional binary tool_call_id (STRING);
                    optional binary name (STRING);
                  }
                }
              }
              required binary tools (STRING);
              required binary source (STRING);
              required binary domain (STRING);
              required binary task_id (STRING);
              required binary persona (STRING);
              required int32 trial;
              required int64 seed;
              required binary agent_model (STRING);
              required binary user_model (STRING);
              required binary judge_model (STRING);
              required double reward;
              optional double judge_score;
              optional binary judge_rationale (STRING);
              required binary termination (STRING);
              required group reject_reasons (LIST) {
                repeated group list {
                  required binary element (STRING);
                }
              }
              required int32 num_turns;
              required int32 num_tool_calls;
              required int32 num_tool_errors;
              required int64 prompt_tokens;
              required int64 completion_tokens;
              required group faults (LIST) {
                repeated group list {
                  required binary element (STRING);
                }
              }
              required binary run_id (STRING);
              required int32 schema_version;
            }
            """;

    private static final String REWARD_CHECKS = """
              required group reward_checks (LIST) {
                repeated group list {
                  required group element {
                    required binary name (STRING);
                    required boolean passed;
                    required double score;
                  }
                }
              }
            """;

    private static final String ORIGIN = """
              optional group origin {
                required binary format (STRING);
                required binary file (STRING);
                required int64 line;
                optional binary session_id (STRING);
              }
            """;

    static final MessageType V1 = MessageTypeParser.parseMessageType(V1_TEXT);
    static final MessageType V2 = MessageTypeParser.parseMessageType(after(V1_TEXT, "  required double reward;\n", REWARD_CHECKS));

    private static final String PERSONA_TRAITS = """
              optional group persona_traits {
                required binary style (STRING);
                required binary language (STRING);
                required binary patience (STRING);
                required binary disclosure (STRING);
                required binary tech_literacy (STRING);
                required binary register (STRING);
              }
            """;

    static final MessageType V3 = MessageTypeParser.parseMessageType(after(after(V1_TEXT, "  required double reward;\n", REWARD_CHECKS),
            "  required binary source (STRING);\n", ORIGIN));

    static final MessageType V4 = MessageTypeParser.parseMessageType(after(after(after(V1_TEXT, "  required double reward;\n", REWARD_CHECKS),
            "  required binary source (STRING);\n", ORIGIN), "  required binary persona (STRING);\n", PERSONA_TRAITS));

    private static final String USER_TOOLS = """
              required binary user_tools (STRING);
              required group user_tool_calls (LIST) {
                repeated group list {
                  required group element {
                    required int32 message;
                    required binary id (STRING);
                    required binary name (STRING);
                    required binary arguments (STRING);
                    required binary result (STRING);
                    required boolean error;
                  }
                }
              }
            """;

    static final MessageType V5 = MessageTypeParser.parseMessageType(after(after(after(after(V1_TEXT, "  required double reward;\n", REWARD_CHECKS),
            "  required binary source (STRING);\n", ORIGIN), "  required binary persona (STRING);\n", PERSONA_TRAITS),
            "  required binary tools (STRING);\n", USER_TOOLS));

    private static final String PROVENANCE = """
              optional binary domain_origin (STRING);
              optional binary tool_simulator_model (STRING);
            """;

    static final MessageType V6 = MessageTypeParser.parseMessageType(after(after(after(after(after(V1_TEXT, "  required double reward;\n", REWARD_CHECKS),
            "  required binary source (STRING);\n", ORIGIN), "  required binary persona (STRING);\n", PERSONA_TRAITS),
            "  required binary tools (STRING);\n", USER_TOOLS), "  required binary judge_model (STRING);\n", PROVENANCE));

    private static final Map<Integer, MessageType> BY_VERSION = Map.of(1, V1, 2, V2, 3, V3, 4, V4, 5, V5, 6, V6);

    private ContractSchema() {
    }

    /** The contract's schema for {@code schemaVersion}, or null when this validator does not know that version. */
    static MessageType forVersion(int schemaVersion) {
        return BY_VERSION.get(schemaVersion);
    }

    /** The schema a shard's footer {@code trajforge.schema_version} names, or the latest when it names none this validator knows. */
    static MessageType forFooter(String footerVersion) {
        try {
            MessageType schema = forVersion(Integer.parseInt(footerVersion));
            if (schema != null) {
                return schema;
            }
        } catch (NumberFormatException e) {
            // no usable version: the latest contract
        }
        return V6;
    }

    static String knownVersions() {
        return BY_VERSION.keySet().stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String after(String schema, String line, String added) {
        if (!schema.contains(line)) {
            throw new IllegalStateException("no line '" + line.strip() + "' in the schema");
        }
        return schema.replace(line, line + added);
    }

    /** Where {@code actual} differs from {@code expected}, one line per column (empty when they are equal). */
    static List<String> differences(GroupType expected, GroupType actual) {
        List<String> out = new ArrayList<>();
        compareFields(expected, actual, "", out);
        return out;
    }

    private static void compareFields(GroupType expected, GroupType actual, String prefix, List<String> out) {
        for (Type want : expected.getFields()) {
            String path = prefix + want.getName();
            if (!actual.containsField(want.getName())) {
                out.add("missing column " + path + " (" + describe(want) + ")");
                continue;
            }
            compare(want, actual.getType(want.getName()), path, out);
        }
        for (Type have : actual.getFields()) {
            if (!expected.containsField(have.getName())) {
                out.add("unexpected column " + prefix + have.getName() + " (" + describe(have) + ")");
            }
        }
        if (out.isEmpty() && !sameOrder(expected, actual)) {
            out.add("columns of " + (prefix.isEmpty() ? "the row" : prefix.substring(0, prefix.length() - 1))
                    + " are in another order than the contract's");
        }
    }

    private static void compare(Type want, Type have, String path, List<String> out) {
        if (want.isPrimitive() != have.isPrimitive()
                || want.getRepetition() != have.getRepetition()
                || !Objects.equals(want.getLogicalTypeAnnotation(), have.getLogicalTypeAnnotation())
                || (want.isPrimitive() && want.asPrimitiveType().getPrimitiveTypeName() != have.asPrimitiveType().getPrimitiveTypeName())) {
            out.add(path + ": expected " + describe(want) + ", found " + describe(have));
            return;
        }
        if (!want.isPrimitive()) {
            compareFields(want.asGroupType(), have.asGroupType(), path + ".", out);
        }
    }

    private static boolean sameOrder(GroupType expected, GroupType actual) {
        List<String> want = expected.getFields().stream().map(Type::getName).toList();
        List<String> have = actual.getFields().stream().map(Type::getName).toList();
        return want.equals(have);
    }

    private static String describe(Type type) {
        String repetition = type.getRepetition().name().toLowerCase(java.util.Locale.ROOT);
        String kind = type.isPrimitive() ? type.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT) : "group";
        String annotation = type.getLogicalTypeAnnotation() == null ? "" : " (" + type.getLogicalTypeAnnotation() + ")";
        return repetition + " " + kind + annotation;
    }
}
