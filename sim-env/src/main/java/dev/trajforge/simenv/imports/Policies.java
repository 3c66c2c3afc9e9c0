package dev.trajforge.simenv.imports;

/** The policy of an imported pack: the API's own description, and the rules every imported pack keeps. */
final class Policies {
    private Policies() {
    }

    static String of(ImportedApi api) {
        StringBuilder policy = new StringBuilder("# " + api.title() + " assistant policy\n\n");
        policy.append("You help one user with ").append(api.title()).append(", through the tools you are given");
        policy.append(switch (api.origin().kind()) {
            case MCP -> " (the tools of an MCP server).";
            case OPENAPI -> " (the operations of its HTTP API).";
            default -> ".";
        }).append('\n');
        if (!api.description().isBlank()) policy.append('\n').append(api.description().strip()).append('\n');
        policy.append("""

                ## Rules
                - Use only the tools; never make up ids, names or values the user or a tool did not give you.
                - Ask the user for every value a tool needs that you do not know yet.
                - Before any change (a tool that creates, changes or deletes something), say exactly what you will do, with
                  which values, and wait for the user's explicit yes. If the user says no, make no change.
                - When a tool fails, tell the user why and what they can do instead.
                - Tell the user what the tools answered that they asked for.
                """);
        return policy.toString();
    }
}
