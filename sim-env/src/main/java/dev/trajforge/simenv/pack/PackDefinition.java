package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.PromptResource;

import java.time.Instant;
import java.util.Objects;

/** Everything a pack declares, read and compiled: what a {@link PackDomain} builds its worlds from. */
record PackDefinition(String name, String description, String location, Instant clock, boolean confirmWrites, PromptResource policy,
                      PromptResource agentPhrases, PromptResource userTopics, PackCollections collections, SeedProgram seed,
                      PackTools tools, TaskTemplates tasks, dev.trajforge.simenv.DomainOrigin origin) {
    PackDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(agentPhrases, "agentPhrases");
        Objects.requireNonNull(userTopics, "userTopics");
        Objects.requireNonNull(collections, "collections");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(origin, "origin");
    }
}
