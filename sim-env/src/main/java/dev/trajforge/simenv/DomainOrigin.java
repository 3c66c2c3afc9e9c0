package dev.trajforge.simenv;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where a domain came from, as rows and dataset cards say: {@code builtin} (shipped with Trajectory Forge, in Java or
 * as a pack on the class path), {@code pack} (a pack folder of the user's), {@code mcp} or {@code openapi} (imported by
 * {@code trajforge domains import} from an MCP server's tools or an OpenAPI document), {@code synthesized} (written by
 * {@code trajforge synthesize}); {@code source} names what it came from (a spec's file, a server, a model), or is empty.
 */
public record DomainOrigin(String kind, String source) {
    public static final Set<String> KINDS = Set.of("builtin", "pack", "mcp", "openapi", "synthesized");
    public static final DomainOrigin BUILTIN = new DomainOrigin("builtin", "");

    public DomainOrigin {
        Objects.requireNonNull(kind, "kind");
        kind = kind.toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("origin kind must be one of " + new java.util.TreeSet<>(KINDS) + ", got '" + kind + "'");
        source = source == null ? "" : source;
    }

    /** {@code kind} or {@code kind: source}. */
    public String label() {
        return source.isEmpty() ? kind : kind + ": " + source;
    }
}
