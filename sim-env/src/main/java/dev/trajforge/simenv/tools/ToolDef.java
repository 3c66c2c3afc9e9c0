package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool as data: its name, description, parameters as a JSON Schema, what it does to the world
 * ({@link ToolKind}) and who may call it ({@link ToolSide}). How it is answered (a Java method, a
 * declarative effect, a simulator) is the domain's business; everything outside a domain works from
 * definitions alone.
 */
public record ToolDef(String name, String description, ObjectNode parameters, ToolKind kind, ToolSide side) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ToolDef {
        Objects.requireNonNull(name, "tool name");
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("tool name must match " + NAME + ", got '" + name + "'");
        description = description == null ? "" : description;
        Objects.requireNonNull(parameters, "tool " + name + ": parameters");
        if (!"object".equals(parameters.path("type").asText())) {
            throw new IllegalArgumentException("tool " + name + ": parameters must be a JSON Schema of type object, got " + parameters.path("type"));
        }
        parameters = parameters.deepCopy();
        Objects.requireNonNull(kind, "tool " + name + ": kind");
        Objects.requireNonNull(side, "tool " + name + ": side");
    }

    @Override
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }
}
