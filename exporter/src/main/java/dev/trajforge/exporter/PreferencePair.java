package dev.trajforge.exporter;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;

import java.util.List;
import java.util.Objects;

/**
 * One DPO example: the messages both trajectories share ({@code prompt}), and how the accepted
 * ({@code chosen}) and the rejected one went on from there. Both continuations start with an
 * assistant message.
 */
record PreferencePair(List<Message> prompt, List<Message> chosen, List<Message> rejected, String toolsJson,
                      String domain, String taskId, String chosenId, String rejectedId, List<String> rejectedReasons) {
    PreferencePair {
        prompt = List.copyOf(prompt);
        chosen = List.copyOf(chosen);
        rejected = List.copyOf(rejected);
        rejectedReasons = List.copyOf(rejectedReasons);
        Objects.requireNonNull(toolsJson, "toolsJson");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(chosenId, "chosenId");
        Objects.requireNonNull(rejectedId, "rejectedId");
        if (prompt.isEmpty() || chosen.isEmpty() || rejected.isEmpty()) {
            throw new IllegalArgumentException(chosenId + " vs " + rejectedId + ": prompt, chosen and rejected must not be empty");
        }
        if (chosen.getFirst().role() != Role.ASSISTANT || rejected.getFirst().role() != Role.ASSISTANT) {
            throw new IllegalArgumentException(chosenId + " vs " + rejectedId + ": continuations start with an assistant message");
        }
    }
}
