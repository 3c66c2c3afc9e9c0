package dev.trajforge.simenv;

import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.List;
import java.util.Set;

/**
 * One seeded world of a domain: an immutable base state that every episode (and every gold replay)
 * copies cheaply, plus the tasks generated against it.
 */
public interface World {
    Domain domain();

    long seed();

    /** A fresh, private environment over this world's base state. Cheap. */
    Environment newEnvironment();

    /** The first {@code count} tasks of this world's deterministic task sequence. */
    List<Task> tasks(int count);

    List<ToolSpecification> toolSpecifications();

    /** The tool list as OpenAI-style JSON, computed once. */
    String toolsJson();

    /** Names of the tools that change state (policy: confirm before any of them). */
    Set<String> writeTools();

    /** Tools that hand the conversation to a human: the episode ends after them. */
    Set<String> handoffTools();
}
