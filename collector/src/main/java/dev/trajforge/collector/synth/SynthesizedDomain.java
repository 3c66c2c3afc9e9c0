package dev.trajforge.collector.synth;

import dev.trajforge.collector.synth.Ideas.CollectionIdea;
import dev.trajforge.collector.synth.Ideas.DomainIdea;
import dev.trajforge.collector.synth.Ideas.TaskIdea;
import dev.trajforge.collector.synth.Ideas.ToolIdea;

import java.util.List;
import java.util.Objects;

/** Everything the stages made of one domain, ready to become a pack; {@code source} is what its origin names. */
record SynthesizedDomain(DomainIdea idea, List<ToolIdea> tools, List<CollectionIdea> collections, List<TaskIdea> tasks, String source) {
    SynthesizedDomain {
        Objects.requireNonNull(idea, "idea");
        tools = List.copyOf(tools);
        collections = List.copyOf(collections);
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(source, "source");
        if (tools.isEmpty() || collections.isEmpty() || tasks.isEmpty()) throw new IllegalArgumentException(idea.name() + ": tools, collections and tasks are required");
    }

    String name() {
        return idea.name();
    }
}
